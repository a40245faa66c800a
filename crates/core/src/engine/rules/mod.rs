//! One file per rule. Each holds its registry entry (`RULE`) and its check, which
//! takes the shared [`Context`](super::Context) and returns its findings.

pub(crate) mod bad_bytes;
pub(crate) mod broken_line;
pub(crate) mod cjk_latin_spacing;
pub(crate) mod doubled_glyph;
pub(crate) mod halfwidth_punct;
pub(crate) mod low_confidence;
mod spaces;
pub(crate) mod spurious_space;
pub(crate) mod suspect_glyph;
pub(crate) mod unbalanced_quote;
