//! Pages that come with geometry: structured OCR (hOCR, ALTO, PAGE XML, Tesseract
//! TSV, PaddleOCR JSON) read by `jiaodui-ocr`. The editor works on the text
//! ([`OcrDocument::to_text`]: lines in reading order); the source's bytes are kept
//! so that corrections can be written back into the same file with every
//! coordinate and ID as it was.

use std::path::{Path, PathBuf};

use jiaodui_core::page::{Geometry, OcrDocument};
use jiaodui_ocr::{Corrections, Format, OcrError, SourceMap};
use thiserror::Error;

/// Why a structured page could not be read or written back.
#[derive(Debug, Error)]
pub enum StructuredError {
    #[error(transparent)]
    Ocr(#[from] OcrError),
    #[error(transparent)]
    Pdf(#[from] jiaodui_pdf::PdfError),
    #[error("corrections cannot be written back into a {0}: write text (--to text)")]
    NoWriteBack(&'static str),
}

/// A PDF by its signature (extension or not: downloads lose names).
fn is_pdf(path: &Path, bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
        || (path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
            && bytes[..bytes.len().min(1024)]
                .windows(5)
                .any(|w| w == b"%PDF-"))
}

/// Page `page` of the PDF rendered for the scan panel (Poppler's `pdftoppm`, at the
/// resolution the glyph boxes are in); `None` when it cannot be rendered (no Poppler:
/// the text stands alone).
///
/// Rendering a page takes most of a second, more than reading a 20-page text layer,
/// so the image is kept under the temporary folder in a directory named for the file
/// *and its version* (path, size, modification time): reopening the page (a folder's
/// next and previous page, a resumed session) reuses it, and a PDF changed since is
/// rendered again.
fn render_pdf_page(pdf: &Path, page: usize) -> Option<PathBuf> {
    let meta = std::fs::metadata(pdf).ok()?;
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let version = format!("{}\0{}\0{modified}", pdf.display(), meta.len());
    let key = jiaodui_core::hash::fnv1a64(version.as_bytes());
    let dir = std::env::temp_dir().join(format!("jiaodui-pdf-{key:016x}"));
    let cached = jiaodui_pdf::rendered_path(pdf, page + 1, &dir);
    if std::fs::metadata(&cached).is_ok_and(|m| m.is_file() && m.len() > 0) {
        return Some(cached);
    }
    std::fs::create_dir_all(&dir).ok()?;
    jiaodui_pdf::render_page(pdf, page + 1, &dir).ok()
}

/// What the structured page was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    Ocr(Format),
    /// A PDF's text layer (glyph positions; no write-back).
    Pdf,
}

impl SourceKind {
    /// The format's name as an editor knows it ("hOCR", "ALTO", …).
    pub fn name(self) -> &'static str {
        match self {
            SourceKind::Ocr(f) => f.name(),
            SourceKind::Pdf => "PDF",
        }
    }

    /// The `--to` name that writes back into this kind of file.
    pub fn write_back_name(self) -> &'static str {
        match self {
            SourceKind::Ocr(Format::Hocr) => "hocr",
            SourceKind::Ocr(Format::Alto) => "alto",
            SourceKind::Ocr(Format::PageXml) => "page",
            SourceKind::Ocr(Format::TesseractTsv) => "tsv",
            SourceKind::Ocr(Format::PaddleJson) => "paddle",
            SourceKind::Pdf => "text",
        }
    }
}

/// A structured page as read.
pub struct Structured {
    pub kind: SourceKind,
    /// The file's bytes, as read (write-back splices corrections into them).
    pub bytes: Vec<u8>,
    pub document: OcrDocument,
    /// The boxes of the original text's lines.
    pub geometry: Geometry,
    /// The text the document was read as (what `geometry` describes).
    pub text: String,
    /// Where `text`'s lines start.
    pub lines: jiaodui_core::text::LineIndex,
    /// Where each line and word stands in the source (none for PDF).
    map: Option<SourceMap>,
}

impl std::fmt::Debug for Structured {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Structured")
            .field("kind", &self.kind)
            .field("bytes", &self.bytes.len())
            .field("pages", &self.document.pages.len())
            .finish_non_exhaustive()
    }
}

impl Structured {
    /// Reads `bytes` if they are structured OCR (`Ok(None)`: plain text, read as
    /// today). `path` only names the file (its extension helps recognise it).
    pub fn read(path: &Path, bytes: &[u8]) -> Result<Option<Structured>, StructuredError> {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let (kind, document, map) = if is_pdf(path, bytes) {
            (SourceKind::Pdf, jiaodui_pdf::read_pdf(bytes)?, None)
        } else {
            let Some((format, document, map)) = jiaodui_ocr::read(name, bytes)? else {
                return Ok(None);
            };
            (SourceKind::Ocr(format), document, Some(map))
        };
        let (text, geometry) = document.to_text();
        let lines = jiaodui_core::text::LineIndex::new(&text);
        Ok(Some(Structured {
            lines,
            kind,
            bytes: bytes.to_vec(),
            document,
            geometry,
            text,
            map,
        }))
    }

    /// The source with `new_text` (an edit of [`Structured::text`]) written into its
    /// lines and words. `map` takes a byte offset of the original text to where it
    /// went in `new_text`.
    pub fn write_back(
        &self,
        new_text: &str,
        map: impl Fn(usize) -> usize,
    ) -> Result<Vec<u8>, StructuredError> {
        let source_map = self
            .map
            .as_ref()
            .ok_or(StructuredError::NoWriteBack(self.kind.name()))?;
        let corrections =
            Corrections::from_edit(&self.document, &self.text, &self.geometry, new_text, map);
        Ok(jiaodui_ocr::write_back(
            &self.bytes,
            source_map,
            &corrections,
        )?)
    }

    /// The scan of page `page`, where the source names one: resolved beside the
    /// source file (`page_file`), if it exists.
    pub fn image_path(&self, page_file: &Path, page: usize) -> Option<PathBuf> {
        if self.kind == SourceKind::Pdf {
            return render_pdf_page(page_file, page);
        }
        let name = self.document.pages.get(page)?.image.as_deref()?;
        let dir = page_file.parent().unwrap_or(Path::new("."));
        let candidate = Path::new(name);
        // Engines write absolute paths of the machine they ran on: look beside the
        // file for the same name too.
        [dir.join(candidate), dir.join(candidate.file_name()?)]
            .into_iter()
            .find(|p| p.is_file())
    }
}

/// Whether a file name has an extension structured OCR comes in (for folders).
pub fn is_structured_name(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "hocr" | "html" | "htm" | "xml" | "tsv" | "json"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Needs Poppler's `pdftoppm` (CI installs poppler-utils).
    #[test]
    fn a_rendered_pdf_page_is_reused_until_the_file_changes() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("news.pdf");
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../pdf/tests/fixtures/news.pdf");
        std::fs::copy(&fixture, &pdf).unwrap();
        let first = render_pdf_page(&pdf, 0).expect("pdftoppm renders page 1");
        // Mark the kept image: a second open must hand it back, not render again.
        std::fs::write(&first, b"kept").unwrap();
        let again = render_pdf_page(&pdf, 0).unwrap();
        assert_eq!(again, first);
        assert_eq!(std::fs::read(&again).unwrap(), b"kept");
        // Another version of the file (other bytes, other size) is rendered afresh.
        let mut bytes = std::fs::read(&fixture).unwrap();
        bytes.extend_from_slice(b"\n% a later save\n");
        std::fs::write(&pdf, &bytes).unwrap();
        let fresh = render_pdf_page(&pdf, 0).unwrap();
        assert_ne!(fresh, first);
        assert!(std::fs::read(&fresh).unwrap().starts_with(b"\x89PNG"));
    }
}
