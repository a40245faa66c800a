//! What can go wrong reading or writing a structured OCR file.

use thiserror::Error;

/// A structured OCR file that cannot be read or written back. Every variant that
/// comes from the file's content says where (1-based line and column), so an
/// editor can open the file at the fault.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum OcrError {
    /// The file is not UTF-8 (every format here is UTF-8 as the engines write it).
    #[error("not UTF-8 at byte {offset}")]
    NotUtf8 { offset: usize },
    /// The XML or JSON syntax is broken.
    #[error("{format}: malformed at line {line}, column {column}: {message}")]
    Syntax {
        format: &'static str,
        line: usize,
        column: usize,
        message: String,
    },
    /// Well-formed, but not what the format says should be there (a missing
    /// attribute, a number that is not one, a list of the wrong length).
    #[error("{format}: at line {line}, column {column}: {message}")]
    Content {
        format: &'static str,
        line: usize,
        column: usize,
        message: String,
    },
    /// `write_back` was given a source other than the one the map was made from.
    #[error("the file changed since it was read (the positions no longer fit)")]
    SourceChanged,
}

/// 1-based line and column (in characters) of byte `pos` in `src`.
pub(crate) fn line_col(src: &str, pos: usize) -> (usize, usize) {
    let pos = pos.min(src.len());
    let mut p = pos;
    while !src.is_char_boundary(p) {
        p -= 1;
    }
    let before = &src[..p];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
