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

/// Page `page` (0-based) of the PDF rendered for the scan panel (Poppler's
/// `pdftoppm`, at the resolution the glyph boxes are in). An error (no Poppler, a
/// page Poppler cannot draw) is for the panel to show: the text stands alone.
///
/// Rendering a page takes most of a second, more than reading a 20-page text layer,
/// so the image is kept under the temporary folder in a directory named for the file
/// *and its version* (path, size, modification time), one image per page: reopening
/// the page or going back to a page seen before (a folder's next and previous page,
/// a resumed session, the cursor moving between the PDF's pages) reuses it, and a
/// PDF changed since is rendered again.
fn render_pdf_page(pdf: &Path, page: usize) -> Result<PathBuf, jiaodui_pdf::RenderError> {
    let meta = std::fs::metadata(pdf)?;
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
        return Ok(cached);
    }
    // Rendered into a folder of this process's own and renamed into place: another
    // window (or a render of ours still running) never sees half a PNG as cached.
    let own = dir.join(format!(".render-{}-p{}", std::process::id(), page + 1));
    std::fs::create_dir_all(&own)?;
    let rendered = jiaodui_pdf::render_page(pdf, page + 1, &own);
    let placed = rendered.and_then(|png| Ok(std::fs::rename(png, &cached)?));
    let _ = std::fs::remove_dir_all(&own);
    placed.map(|()| cached)
}

/// Where the scan of one page of a structured source comes from. Finding it is
/// cheap (a look beside the file); getting a PDF page's image means rendering it
/// ([`PageImage::resolve`]), which is slow and belongs on a worker thread.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageImage {
    /// An image file that exists.
    File(PathBuf),
    /// Page `page` (0-based) of the PDF at `pdf`, rendered on first use.
    Pdf { pdf: PathBuf, page: usize },
}

impl PageImage {
    /// The image file: the file itself, or the PDF page rendered (or its image
    /// rendered before). The error says why there is none, in words for the editor.
    pub fn resolve(&self) -> Result<PathBuf, String> {
        match self {
            PageImage::File(p) => Ok(p.clone()),
            PageImage::Pdf { pdf, page } => render_pdf_page(pdf, *page).map_err(|e| e.to_string()),
        }
    }
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

    /// How many pages the source has (a PDF's pages, the pages of a multi-page
    /// hOCR / ALTO / PAGE file).
    pub fn page_count(&self) -> usize {
        self.document.pages.len()
    }

    /// Where the scan of page `page` comes from, without rendering anything: a PDF's
    /// page, else the image the source names for it, resolved beside the source file
    /// (`page_file`), if it exists.
    pub fn page_image(&self, page_file: &Path, page: usize) -> Option<PageImage> {
        if self.kind == SourceKind::Pdf {
            return (page < self.page_count()).then(|| PageImage::Pdf {
                pdf: page_file.to_owned(),
                page,
            });
        }
        let name = self.document.pages.get(page)?.image.as_deref()?;
        let dir = page_file.parent().unwrap_or(Path::new("."));
        let candidate = Path::new(name);
        // Engines write absolute paths of the machine they ran on: look beside the
        // file for the same name too.
        [dir.join(candidate), dir.join(candidate.file_name()?)]
            .into_iter()
            .find(|p| p.is_file())
            .map(PageImage::File)
    }

    /// The scan of page `page` as a file (a PDF page rendered: slow, see
    /// [`Structured::page_image`] to find it without rendering).
    pub fn image_path(&self, page_file: &Path, page: usize) -> Option<PathBuf> {
        self.page_image(page_file, page)?.resolve().ok()
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
        // Page 2 is an image of its own, beside page 1's.
        let second = render_pdf_page(&pdf, 1).expect("pdftoppm renders page 2");
        assert_ne!(second, first);
        assert_eq!(second.parent(), first.parent());
        assert_ne!(
            std::fs::read(&second).unwrap(),
            std::fs::read(&first).unwrap()
        );
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
