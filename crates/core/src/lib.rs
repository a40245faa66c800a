//! jiaodui's engine room: everything that reads and repairs a page's text, with no
//! I/O, no file system and no GUI (the compiler holds that line: this crate depends
//! on neither egui nor the desk).
//!
//! Data flows one way: bytes → [`text`] (decoded text + format) → [`engine`]
//! (findings) → [`edit`] (change sets); [`diff`] and [`report`] read two versions.

pub mod allocator;
pub mod diff;
pub mod edit;
pub mod engine;
pub mod find;
pub mod hash;
pub mod lang;
pub mod page;
pub mod report;
pub mod score;
pub mod text;
