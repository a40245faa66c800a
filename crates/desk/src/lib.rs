//! The desk around the engine: a page on disk ([`document`]: load, atomic save),
//! the editor's work on it ([`session`]), a folder of pages ([`project`]), and the
//! findings kept in step with the text while the editor works ([`review`]).
//! File system yes, GUI no: the app drives this crate; this crate never calls it.

pub mod closed_page;
pub mod concordance;
pub mod confusions;
pub mod document;
pub mod folder_file;
pub mod folder_replace;
pub mod folder_report;
pub mod fsio;
pub mod house_words;
pub mod lock;
pub mod project;
pub mod recognize;
pub mod review;
pub mod session;
pub mod settings;
pub mod signals;
pub mod stamp;
pub mod structured;
