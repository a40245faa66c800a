//! What can go wrong reading a PDF, in words an editor can act on.

use thiserror::Error;

/// Why a PDF's text could not be read.
#[derive(Debug, Error)]
pub enum PdfError {
    /// The file is not a PDF, or too damaged to find its pages (a truncated download,
    /// a broken cross-reference table).
    #[error("not a readable PDF: {0}")]
    Malformed(String),
    /// The PDF needs a password to open (its user password is not empty).
    #[error("the PDF is encrypted and needs a password to open")]
    Encrypted,
    /// A page's drawing instructions could not be parsed.
    #[error("page {page}: its content cannot be read: {reason}")]
    Content { page: usize, reason: String },
    /// Pages with no text at all: a scan saved as a PDF. The caller can offer OCR.
    #[error(
        "the PDF has no text layer (a scanned image only): recognize it first (`jiaodui ocr FILE.pdf`, or File → Recognize scan… in the desk)"
    )]
    NoTextLayer,
}
