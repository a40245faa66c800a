//! Change sets, invert, undo and redo on any page (see `checks::apply`).

#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::apply(data));
