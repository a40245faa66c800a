//! jiaodui (校对): a proofreading desk for OCR'd Chinese newspaper pages.
//!
//! Data flows one way: bytes → [`text`] (decoded text + format) → [`engine`]
//! (findings) → [`edit`] (change sets) → [`document`] (new revision).

pub mod allocator;
pub mod cli;
pub mod diff;
pub mod document;
pub mod edit;
pub mod engine;
pub mod gui;
pub mod project;
pub mod report;
pub mod session;
pub mod text;
