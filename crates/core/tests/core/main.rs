//! The core crate's integration tests, one binary: the sample page's golden fix,
//! each rule's table of real sentences, generated pages, clean prose, and the
//! properties of the engine, the edit model and the diff.

mod byte_exact;
mod diff_properties;
mod engine_clean_prose;
mod engine_golden;
mod engine_paragraphs;
mod engine_properties;
mod engine_rules;
mod engine_synthetic;
