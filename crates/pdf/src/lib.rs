//! A PDF's text layer as pages with geometry.
//!
//! Editors receive PDFs more often than OCR text: the paper's own e-paper exported
//! from layout software, or a searchable PDF an OCR engine wrote (Tesseract's
//! `pdf` output). [`read_pdf`] reads every glyph with its position, size and font
//! (CID fonts with ToUnicode maps, as Chinese PDFs use) into an
//! [`OcrDocument`](jiaodui_core::page::OcrDocument) whose lines are the printed
//! lines of the page (see [`lines`] for how), in pixels of the page rendered at
//! [`DPI`] — the same image [`render_page`] makes for the scan panel — so a
//! glyph's box is where it is on that image.
//!
//! The text is kept as extraction gives it: a fake-bold glyph drawn twice stays
//! twice, and [`ghost_pairs`] tells from the boxes which doubles are ghosts.
//!
//! Parsing the file is lopdf's (MIT); the content stream walk, fonts and CMaps are
//! this crate's. Rendering runs Poppler's `pdftoppm` as a separate process.

mod cmap;
mod content;
mod error;
mod font;
mod ghost;
pub mod lines;
mod render;

use std::panic::{AssertUnwindSafe, catch_unwind};

use jiaodui_core::page::{OcrDocument, OcrPage};
use lopdf::{Dictionary, Document, Object, ObjectId};

pub use error::PdfError;
pub use ghost::ghost_pairs;
pub use render::{RenderError, render_page, render_page_at, rendered_path};

use content::{Matrix, Walker};
use font::{get, stream_bytes};

/// Resolution of the page images positions refer to, as `pdftoppm -r 150` renders.
pub const DPI: f32 = 150.0;

/// Reads the text layer of every page. Pages without text are kept (empty) so
/// page numbers stay those of the PDF; a PDF with no text on any page is
/// [`PdfError::NoTextLayer`]. Never panics on hostile input: what lopdf cannot
/// parse is [`PdfError::Malformed`].
pub fn read_pdf(bytes: &[u8]) -> Result<OcrDocument, PdfError> {
    catch_unwind(AssertUnwindSafe(|| read(bytes))).unwrap_or_else(|_| {
        Err(PdfError::Malformed(
            "the PDF parser gave up on this file".into(),
        ))
    })
}

/// How many pages the PDF has (to render a scan-only PDF page by page for OCR).
pub fn page_count(bytes: &[u8]) -> Result<usize, PdfError> {
    catch_unwind(AssertUnwindSafe(|| {
        let doc = Document::load_mem(bytes).map_err(|e| PdfError::Malformed(e.to_string()))?;
        if doc.is_encrypted() && doc.encryption_state.is_none() {
            return Err(PdfError::Encrypted);
        }
        match doc.get_pages().len() {
            0 => Err(PdfError::Malformed("the PDF has no pages".into())),
            n => Ok(n),
        }
    }))
    .unwrap_or_else(|_| {
        Err(PdfError::Malformed(
            "the PDF parser gave up on this file".into(),
        ))
    })
}

fn read(bytes: &[u8]) -> Result<OcrDocument, PdfError> {
    if !bytes.starts_with(b"%PDF")
        && !bytes[..bytes.len().min(1024)]
            .windows(4)
            .any(|w| w == b"%PDF")
    {
        return Err(PdfError::Malformed("no %PDF header".into()));
    }
    let doc = Document::load_mem(bytes).map_err(|e| PdfError::Malformed(e.to_string()))?;
    // lopdf opens files with an empty user password itself; any other is locked.
    if doc.is_encrypted() && doc.encryption_state.is_none() {
        return Err(PdfError::Encrypted);
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(PdfError::Malformed("the PDF has no pages".into()));
    }
    let mut out = OcrDocument::default();
    let mut any_text = false;
    for (&number, &id) in &pages {
        let page = read_page(&doc, id, number as usize)?;
        any_text |= !page.lines.is_empty();
        out.pages.push(page);
    }
    if !any_text {
        return Err(PdfError::NoTextLayer);
    }
    Ok(out)
}

fn read_page(doc: &Document, id: ObjectId, number: usize) -> Result<OcrPage, PdfError> {
    let dict = doc.get_dictionary(id).map_err(|e| PdfError::Content {
        page: number,
        reason: e.to_string(),
    })?;
    let (to_pixels, size) = page_to_pixels(doc, dict);
    let resources = inherited(doc, dict, b"Resources").and_then(|o| o.as_dict().ok());
    let mut content = Vec::new();
    for sid in doc.get_page_contents(id) {
        if let Some(bytes) = doc
            .get_object(sid)
            .ok()
            .and_then(|o| o.as_stream().ok())
            .and_then(stream_bytes)
        {
            content.extend_from_slice(&bytes);
            // Streams of a page are one sequence; a token never spans two.
            content.push(b'\n');
        }
    }
    let mut walker = Walker::new(doc, to_pixels, number);
    walker.run(&content, resources)?;
    Ok(OcrPage {
        image: None,
        size: Some(size),
        lines: lines::assemble_with_images(walker.glyphs, &walker.images),
    })
}

/// The matrix from default user space to the page image at [`DPI`] (the crop box,
/// y down, the page's rotation applied as renderers do), and the image size.
fn page_to_pixels(doc: &Document, page: &Dictionary) -> (Matrix, (f32, f32)) {
    let rect = |key: &[u8]| {
        inherited(doc, page, key)
            .and_then(|o| o.as_array().ok())
            .and_then(|a| {
                a.iter()
                    .map(|o| font::deref(doc, o).as_float().ok())
                    .collect::<Option<Vec<f32>>>()
            })
            .filter(|r| r.len() == 4 && r.iter().all(|v| v.is_finite()))
            .map(|r| {
                (
                    r[0].min(r[2]),
                    r[1].min(r[3]),
                    r[0].max(r[2]),
                    r[1].max(r[3]),
                )
            })
            .filter(|r| r.2 > r.0 && r.3 > r.1)
    };
    // A4 when the page says nothing usable.
    let (x0, y0, x1, y1) = rect(b"CropBox")
        .or_else(|| rect(b"MediaBox"))
        .unwrap_or((0.0, 0.0, 595.0, 842.0));
    let s = DPI / 72.0;
    let (w, h) = ((x1 - x0) * s, (y1 - y0) * s);
    let upright = Matrix::new([s, 0.0, 0.0, -s, -x0 * s, y1 * s]);
    let rotate = inherited(doc, page, b"Rotate")
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0)
        .rem_euclid(360);
    match rotate {
        90 => (
            upright.then(&Matrix::new([0.0, 1.0, -1.0, 0.0, h, 0.0])),
            (h, w),
        ),
        180 => (
            upright.then(&Matrix::new([-1.0, 0.0, 0.0, -1.0, w, h])),
            (w, h),
        ),
        270 => (
            upright.then(&Matrix::new([0.0, -1.0, 1.0, 0.0, 0.0, w])),
            (h, w),
        ),
        _ => (upright, (w, h)),
    }
}

/// A page attribute, looked up the page tree when the page does not say it.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..32 {
        if let Some(o) = get(doc, node, key) {
            return Some(o);
        }
        node = get(doc, node, b"Parent")?.as_dict().ok()?;
    }
    None
}
