//! Structured OCR in and out: hOCR, ALTO, PAGE XML, Tesseract TSV and PaddleOCR
//! JSON read into [`jiaodui_core::page::OcrDocument`] (lines with boxes, words
//! with boxes and confidences, the page image), and corrections written back into
//! the same file with every other byte kept.
//!
//! No I/O: the caller reads the file and passes its bytes, and writes what
//! [`write_back`] returns. The round trip is
//!
//! 1. [`read`] → `(Format, OcrDocument, SourceMap)` (or `None`: plain text);
//! 2. `OcrDocument::to_text` → the text to check and edit, and its `Geometry`;
//! 3. after editing, [`Corrections::from_edit`] with the diff's position map;
//! 4. [`write_back`] → the file with the corrected text in its elements.
//!
//! Reading keeps, for every line and word, where its text stands in the source
//! ([`SourceMap`]); writing splices escaped new text into those places only where
//! it changed, so reading and writing back with no change gives the same bytes.

mod alto;
mod corrections;
mod detect;
mod error;
mod hocr;
mod join;
mod json;
mod paddle;
mod pagexml;
mod source_map;
mod tsv;
mod write;
mod xml;

use jiaodui_core::page::OcrDocument;

pub use corrections::{Corrections, LineText};
pub use detect::detect;
pub use error::OcrError;
pub use source_map::SourceMap;

/// The structured OCR formats jiaodui reads and writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// hOCR as XHTML (Tesseract's `hocr`).
    Hocr,
    /// ALTO XML v2–v4 (Tesseract's `alto`, library digitisation).
    Alto,
    /// PAGE XML 2013 / 2019 (PRImA; Transkribus, OCR-D, eScriptorium).
    PageXml,
    /// Tesseract's `tsv`.
    TesseractTsv,
    /// PaddleOCR results saved as JSON (2.x list or 3.x `rec_texts` object).
    PaddleJson,
}

impl Format {
    /// The name to show ("hOCR", "ALTO", …).
    pub fn name(self) -> &'static str {
        match self {
            Format::Hocr => "hOCR",
            Format::Alto => "ALTO",
            Format::PageXml => "PAGE XML",
            Format::TesseractTsv => "Tesseract TSV",
            Format::PaddleJson => "PaddleOCR JSON",
        }
    }
}

/// Reads a file if it is structured OCR: `Ok(None)` when [`detect`] does not
/// recognise it (plain text and everything else: the caller reads it as it does
/// today), an error when it claims a format and breaks it.
///
/// Lines are in the source's order (the reading order is
/// `OcrDocument::to_text`'s business), lines with no text are left out, words are
/// joined into line text as Tesseract's own text output joins them (no space
/// between Chinese words, one between Latin words), and confidences are 0–1.
pub fn read(
    file_name: &str,
    bytes: &[u8],
) -> Result<Option<(Format, OcrDocument, SourceMap)>, OcrError> {
    let Some(format) = detect(file_name, bytes) else {
        return Ok(None);
    };
    read_as(format, bytes).map(|(doc, map)| Some((format, doc, map)))
}

/// Reads `bytes` as `format` (no detection: for a caller that already knows).
pub fn read_as(format: Format, bytes: &[u8]) -> Result<(OcrDocument, SourceMap), OcrError> {
    let src = utf8(bytes)?;
    let (mut doc, mut pages) = match format {
        Format::Hocr => hocr::read(src)?,
        Format::Alto => alto::read(src)?,
        Format::PageXml => pagexml::read(src)?,
        Format::TesseractTsv => tsv::read(src)?,
        Format::PaddleJson => paddle::read(src)?,
    };
    // Lines without text would stand as empty lines in the text (read as
    // paragraph breaks); nothing is written into them either.
    for (page, spans) in doc.pages.iter_mut().zip(pages.iter_mut()) {
        let keep: Vec<bool> = page
            .lines
            .iter()
            .map(|l| !l.text.trim().is_empty())
            .collect();
        let mut k = keep.iter();
        page.lines.retain(|_| k.next().copied().unwrap_or(false));
        let mut k = keep.iter();
        spans.retain(|_| k.next().copied().unwrap_or(false));
    }
    let map = SourceMap {
        format,
        pages,
        source_len: bytes.len(),
    };
    Ok((doc, map))
}

/// `source` (the bytes [`read`] was given) with the corrected texts written in:
/// hOCR word content, ALTO `String/@CONTENT`, PAGE `TextEquiv/Unicode` of words
/// and lines, the TSV `text` column, PaddleOCR's text strings. Nothing else
/// changes: coordinates, IDs, confidences, whitespace and unchanged texts stay byte
/// for byte, so no corrections give the file back as it was.
///
/// A word whose text becomes empty (a ghost glyph removed) is removed — the hOCR
/// span, the ALTO `String` with its `SP`, the PAGE `Word`, the TSV row — unless it
/// is the last word of its line, which is kept with empty text. PaddleOCR lines
/// are never removed (its parallel lists would have to shrink together), only
/// emptied. Old and new texts are compared as decoded text, so an entity in the
/// source is rewritten only if its text changed.
pub fn write_back(
    source: &[u8],
    map: &SourceMap,
    corrections: &Corrections,
) -> Result<Vec<u8>, OcrError> {
    let src = utf8(source)?;
    write::write(src, map, corrections).map(String::into_bytes)
}

fn utf8(bytes: &[u8]) -> Result<&str, OcrError> {
    std::str::from_utf8(bytes).map_err(|e| OcrError::NotUtf8 {
        offset: e.valid_up_to(),
    })
}
