//! Any bytes as a PDF (issue 18: nothing hangs on a hostile PDF). `page_count` and
//! `read_pdf` give a count, a document or an error: never a hang (`run.sh` keeps an
//! input over 10 s as a `timeout-*` artifact), never a crash, never an allocation
//! past the limit. `read_pdf` turns a panic of the parser into an error, as the desk
//! sees it; a panic that escapes it is a crash here. What is read lays out and is
//! checked like any page.

#![no_main]

use jiaodui_core::engine::{self, Settings};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = jiaodui_pdf::page_count(data);
    if let Ok(doc) = jiaodui_pdf::read_pdf(data) {
        let (text, geometry) = doc.to_text();
        let _ = engine::analyze_with(&text, &Settings::default(), Some(&geometry));
    }
});
