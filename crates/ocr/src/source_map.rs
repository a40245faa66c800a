//! Where each line's and piece's text stands in the source file, so corrected text
//! can be spliced back in place and everything else stays byte for byte.

use std::ops::Range;

use crate::Format;

/// How text must be written at a [`Span`] to stay valid in its file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Escape {
    /// XML character data: `&`, `<`, `>` escaped.
    XmlText,
    /// An XML attribute value (either quote): quotes, `&`, `<` and whitespace
    /// controls escaped (a raw newline would be normalised to a space).
    XmlAttr,
    /// A self-closing element (`<Unicode/>`) that has to become
    /// `<Unicode>text</Unicode>`; the span covers the whole element.
    XmlEmptyElement,
    /// A TSV cell: tabs and line breaks would start a new cell or row.
    Tsv,
    /// The inside of a JSON string (without the quotes).
    Json,
}

/// A stretch of the source holding one text, with the text as read.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Span {
    pub range: Range<usize>,
    pub escape: Escape,
    /// The text the reader found there (decoded), to splice only what changed.
    pub text: String,
}

/// A word or glyph: its text and the bytes to drop when it is removed.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PieceSpan {
    pub text: Span,
    /// The whole element (with the whitespace before it, and an ALTO `SP` after
    /// it), or the TSV row; `None` where removing is not safe.
    pub element: Option<Range<usize>>,
}

/// A line: its own text (where the format stores one) and its pieces.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct LineSpans {
    pub text: Option<Span>,
    pub pieces: Vec<PieceSpan>,
}

/// Where the text of every line and piece of an [`OcrDocument`](jiaodui_core::page::OcrDocument)
/// stands in the file it was read from: what [`write_back`](crate::write_back)
/// needs to put corrections into that file without touching anything else. Indices
/// follow the document (`pages[p][l]` is page `p`, source line `l`).
#[derive(Clone, Debug, PartialEq)]
pub struct SourceMap {
    pub(crate) format: Format,
    pub(crate) pages: Vec<Vec<LineSpans>>,
    /// Length of the source, to refuse writing into another file.
    pub(crate) source_len: usize,
}

impl SourceMap {
    /// The format the file was read as (and will be written as).
    pub fn format(&self) -> Format {
        self.format
    }
}
