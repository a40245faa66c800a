//! Rendering with pdftoppm, and the reader's boxes on that rendering: the ink of
//! the page lies in the glyph boxes the reader gives. Skipped (with a note) where
//! Poppler's tools are not installed.

use std::path::Path;

use jiaodui_pdf::{RenderError, read_pdf, render_page};

#[test]
fn glyph_boxes_cover_the_ink_of_the_rendered_page() {
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/news.pdf");
    let dir = tempfile::tempdir().expect("temp dir");
    let doc = read_pdf(&std::fs::read(&pdf).expect("news.pdf")).expect("reads");
    for n in 1..=2 {
        let png = match render_page(&pdf, n, dir.path()) {
            Err(RenderError::Missing) => {
                eprintln!("pdftoppm not installed: rendering not tested");
                return;
            }
            other => other.expect("the page renders"),
        };
        assert_eq!(png, dir.path().join(format!("news-p{n}.png")));
        ink_in_boxes(&png, &doc.pages[n - 1]);
    }
}

/// Asserts that 99.5% of the dark pixels of the image lie in the page's glyph boxes.
fn ink_in_boxes(png: &Path, page: &jiaodui_core::page::OcrPage) {
    let image = image::open(png).expect("a PNG").to_luma8();
    let (w, h) = page.size.expect("size");
    assert_eq!(
        (image.width(), image.height()),
        (w.ceil() as u32, h.ceil() as u32)
    );
    let boxes: Vec<_> = page
        .lines
        .iter()
        .flat_map(|l| l.pieces.iter().filter_map(|p| p.bbox))
        .collect();
    // Page 2 has a grey picture (luma 204): ink is darker than that.
    let (mut ink, mut covered) = (0u32, 0u32);
    for (x, y, p) in image.enumerate_pixels() {
        if p.0[0] < 128 {
            ink += 1;
            let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
            if boxes.iter().any(|b| {
                fx >= b.x0 - 1.0 && fx <= b.x1 + 1.0 && fy >= b.y0 - 1.0 && fy <= b.y1 + 1.0
            }) {
                covered += 1;
            }
        }
    }
    assert!(ink > 1000, "{ink} dark pixels");
    // And no box is off its glyph: each glyph (not white space) has ink in it.
    for line in &page.lines {
        for p in &line.pieces {
            if line.text[p.range_bytes.clone()].trim().is_empty() {
                continue;
            }
            let b = p.bbox.expect("box");
            let inked = (b.y0.max(0.0) as u32..(b.y1 as u32).min(image.height())).any(|y| {
                (b.x0.max(0.0) as u32..(b.x1 as u32).min(image.width()))
                    .any(|x| image.get_pixel(x, y).0[0] < 128)
            });
            assert!(inked, "no ink under {:?} of {}", b, line.text);
        }
    }
    eprintln!(
        "{}: {covered} of {ink} dark pixels in glyph boxes",
        png.display()
    );
    assert!(
        covered as f32 >= 0.995 * ink as f32,
        "{covered} of {ink} dark pixels in glyph boxes"
    );
}

#[test]
fn a_page_past_the_end_is_a_failure_not_a_missing_tool() {
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/news.pdf");
    let dir = tempfile::tempdir().expect("temp dir");
    match render_page(&pdf, 9, dir.path()) {
        Err(RenderError::Missing) => eprintln!("pdftoppm not installed: rendering not tested"),
        Err(RenderError::Failed { page: 9, .. }) => {}
        other => panic!("{other:?}"),
    }
}
