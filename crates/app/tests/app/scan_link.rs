//! The link between text and scan on a page whose OCR came with boxes, driven
//! through the real UI: the scan follows the text's scroll and cursor, a finding
//! over several lines is outlined on each, the popup shows the line cut from the
//! scan, and Save in the source's format writes the fix into the hOCR.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eframe::egui::{self, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jiaodui_app::App;
use jiaodui_app::command::Command;
use jiaodui_core::engine::RuleId;
use jiaodui_desk::document::Document;

use crate::desk::harness;

const TESS1_HOCR: &[u8] = include_bytes!("../../../ocr/tests/fixtures/tess1.hocr");
const TESS1_PNG: &[u8] = include_bytes!("../../../ocr/tests/fixtures/tess1.png");

/// Opens `path` and draws frames until its scan is on the GPU.
fn open_with_scan(path: &Path) -> Harness<'static, App> {
    let mut h = harness();
    h.run();
    h.state_mut().push(Command::OpenPath(path.to_owned()));
    h.run_steps(2);
    let started = Instant::now();
    while h.state().desk().scan.texture.is_none() {
        assert!(
            h.state().desk().scan.error.is_none(),
            "{:?}",
            h.state().desk().scan.error
        );
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "scan never loaded"
        );
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.run();
    h
}

/// The test fixture from Tesseract (tess1.hocr and its image) in `dir`.
fn tess1(dir: &Path) -> PathBuf {
    fs::write(dir.join("tess1.png"), TESS1_PNG).unwrap();
    let p = dir.join("tess1.hocr");
    fs::write(&p, TESS1_HOCR).unwrap();
    p
}

/// A tall page of `lines` lines, one word per glyph, and its scan.
fn tall_page(dir: &Path, lines: usize) -> PathBuf {
    let (w, line_h) = (600u32, 40u32);
    let h = line_h * lines as u32 + 40;
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        if (y / line_h) % 2 == 0 && x % 30 < 24 {
            image::Rgb([40, 40, 40])
        } else {
            image::Rgb([240, 235, 220])
        }
    });
    img.save_with_format(dir.join("tall.png"), image::ImageFormat::Png)
        .unwrap();
    let mut body = String::new();
    for i in 0..lines {
        let y0 = 20 + i as u32 * line_h;
        let y1 = y0 + 30;
        body.push_str(&format!(
            "<span class='ocr_line' id='line_{i}' title='bbox 20 {y0} 580 {y1}'>"
        ));
        for (k, c) in format!("第{i}行文字内容。").chars().enumerate() {
            let x0 = 20 + k as u32 * 30;
            body.push_str(&format!(
                "<span class='ocrx_word' id='w_{i}_{k}' title='bbox {x0} {y0} {} {y1}; x_wconf 95'>{c}</span>",
                x0 + 28
            ));
        }
        body.push_str("</span>\n");
    }
    let hocr = format!(
        "<?xml version='1.0' encoding='UTF-8'?>\n<html xmlns='http://www.w3.org/1999/xhtml'><head><title></title>\
         <meta name='ocr-system' content='tesseract 5.3.0' /></head><body>\n\
         <div class='ocr_page' id='page_1' title='image \"tall.png\"; bbox 0 0 {w} {h}'>\n\
         <div class='ocr_carea' id='block_1' title='bbox 20 20 580 {h}'><p class='ocr_par' id='par_1' title='bbox 20 20 580 {h}'>\n\
         {body}</p></div></div></body></html>\n"
    );
    let p = dir.join("tall.hocr");
    fs::write(&p, hocr).unwrap();
    p
}

fn scan_offset(h: &Harness<'static, App>) -> egui::Vec2 {
    jiaodui_app::panels::scan::scroll_offset(&h.ctx).unwrap_or_default()
}

#[test]
fn the_scan_follows_the_text_as_it_scrolls_and_the_cursor_moves() {
    let dir = tempfile::tempdir().unwrap();
    let path = tall_page(dir.path(), 120);
    let mut h = open_with_scan(&path);
    assert!(h.state().doc().structured().is_some());
    // The even lines make one paragraph the broken-line rule would join: set it
    // aside, so that a click in the text lands on no finding.
    h.state_mut().push(Command::IgnoreRule(RuleId::BrokenLine));
    h.run();
    assert!(h.state().review().findings().is_empty());
    assert!(h.state().selected().is_none());
    assert_eq!(scan_offset(&h).y, 0.0);
    // The wheel over the text scrolls it down; the scan follows to the first line
    // in sight.
    let at = h.state().text_rect_of(10).expect("drawn").center();
    h.hover_at(at);
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -1500.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    });
    // The wheel and the scan scroll smoothly over a few frames.
    h.run_steps(20);
    let text_y = h.state().text_scroll_offset();
    assert!(text_y > 500.0, "the text scrolled: {text_y}");
    let first = h.state().scan_link().follow.expect("a scan target");
    assert!(first.bbox.y0 > 400.0, "the first line in sight: {first:?}");
    let followed = scan_offset(&h).y;
    assert!(followed > 100.0, "the scan followed the text: {followed}");
    // Back to the top with the cursor (a click on the scan's first line puts it
    // there): the scan comes back to the cursor's line, which is outlined.
    h.state_mut().push(Command::GoToOffset(0));
    h.run_steps(20);
    assert!(
        h.state().desk().cursor < 20,
        "{} {:?}",
        h.state().desk().cursor,
        h.state()
            .review()
            .findings()
            .iter()
            .map(|f| (f.rule, f.span_bytes.clone()))
            .collect::<Vec<_>>()
    );
    let line = &h.state().scan_link().cursor.lines;
    assert_eq!(line.len(), 1);
    assert_eq!(line[0].line.to_pixels(), [20, 20, 580, 50]);
    let back = scan_offset(&h).y;
    assert!(
        back < followed,
        "the scan came back up: {followed} → {back}"
    );
}

#[test]
fn a_finding_over_several_lines_is_outlined_on_each_and_the_popup_shows_its_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = tess1(dir.path());
    let mut h = open_with_scan(&path);
    let findings = h.state().review().findings().to_vec();
    let (ix, f) = findings
        .iter()
        .enumerate()
        .find(|(_, f)| {
            f.rule == RuleId::BrokenLine && h.state().text()[f.span_bytes.clone()].contains('\n')
        })
        .expect("a broken line over two lines");
    h.state_mut().push(Command::Select(ix));
    h.run();
    let lines = h.state().text()[f.span_bytes.clone()].lines().count();
    let outlines = jiaodui_app::panels::scan::outlines(
        h.state().scan_link(),
        h.state().selected().is_some(),
        0,
    );
    assert!(lines >= 2);
    assert_eq!(outlines.len(), lines, "{outlines:?}");
    // One box per line, each on its own line of the scan.
    assert!(outlines.windows(2).all(|w| w[0].y1 <= w[1].y0 + 1.0));
    // The popup (a click on the highlight) shows those lines cut from the scan.
    let pos = h.state().text_rect_of(f.span_bytes.start).unwrap().center();
    h.state_mut().push(Command::Popup(ix, pos));
    h.run();
    // (A command's result is drawn in the next frame; the window gets one from
    // the input that led to it; a new popup's first frame only measures it.)
    h.run_steps(3);
    assert!(h.state().popup().is_some());
    h.get_by_label("The finding's line on the scan");
}

#[test]
fn save_in_the_source_format_writes_the_fix_into_the_hocr() {
    let dir = tempfile::tempdir().unwrap();
    let path = tess1(dir.path());
    let mut h = open_with_scan(&path);
    // 〈 for （ : the halfwidth/odd bracket fix, or whatever fix comes first.
    let (ix, f) = h
        .state()
        .review()
        .findings()
        .iter()
        .enumerate()
        .find(|(_, f)| f.is_fixable() && f.rule != RuleId::BrokenLine)
        .map(|(i, f)| (i, f.clone()))
        .expect("a fixable finding");
    h.state_mut().push(Command::Apply(ix));
    h.run();
    let fixed = h.state().text().to_owned();
    assert_ne!(fixed, Document::load(&path).unwrap().text(), "{f:?}");
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Save in the source's format (hOCR)…")
        .click();
    h.run();
    let out = dir.path().join("tess1.corrected.hocr");
    match &h.state().dialog() {
        jiaodui_app::app::Dialog::SavePath {
            path, write_back, ..
        } => {
            assert!(*write_back);
            assert_eq!(Path::new(path), out);
        }
        d => panic!("{d:?}"),
    }
    h.get_by_label("Save").click();
    h.run();
    assert!(!h.state().doc().is_modified(), "{:?}", h.state().dialog());
    let again = Document::load(&out).unwrap();
    let visible = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(visible(again.text()), visible(&fixed));
    let boxes = |d: &Document| {
        d.structured()
            .unwrap()
            .geometry
            .lines
            .iter()
            .flatten()
            .map(|l| (l.bbox, l.pieces.iter().map(|p| p.bbox).collect::<Vec<_>>()))
            .collect::<Vec<_>>()
    };
    assert_eq!(boxes(&again), boxes(&Document::load(&path).unwrap()));
    // Ctrl+S writes the same format again.
    h.state_mut().push(Command::Save);
    h.run();
    assert!(Document::load(&out).unwrap().structured().is_some());
    // Another program rewrote the hOCR meanwhile: not written over without asking;
    // Overwrite writes the source's format again (not text).
    fs::write(&out, "<html>theirs</html>\n").unwrap();
    h.state_mut().push(Command::Save);
    h.run();
    assert!(
        matches!(
            h.state().dialog(),
            jiaodui_app::app::Dialog::SaveConflict {
                write_back: true,
                ..
            }
        ),
        "{:?}",
        h.state().dialog()
    );
    assert_eq!(fs::read_to_string(&out).unwrap(), "<html>theirs</html>\n");
    h.get_by_label("Overwrite").click();
    h.run();
    assert!(Document::load(&out).unwrap().structured().is_some());
    assert_eq!(*h.state().dialog(), jiaodui_app::app::Dialog::None);
    // Text typed into the blank line between two blocks has no element: the desk
    // says so and offers plain text instead of dropping it.
    let blank = h.state().text().find("\n\n").unwrap() + 1;
    h.state_mut().focus_editor();
    h.run();
    let at = h.state().text_rect_of(blank).unwrap().center();
    h.hover_at(at);
    h.drag_at(at);
    h.run();
    h.drop_at(at);
    h.run();
    h.event(egui::Event::Text("甲".into()));
    h.run();
    assert!(h.state().text().contains("\n甲\n"), "{}", h.state().text());
    h.state_mut().push(Command::Save);
    h.run();
    assert_eq!(
        *h.state().dialog(),
        jiaodui_app::app::Dialog::WriteBackIncomplete
    );
    h.step();
    h.get_by_label("Save as plain text…").click();
    h.run();
    assert!(matches!(
        h.state().dialog(),
        jiaodui_app::app::Dialog::SavePath {
            write_back: false,
            ..
        }
    ));
}

/// Draws frames until the scan shows page `page` (0-based) with its image loaded.
fn wait_for_scan_page(h: &mut Harness<'static, App>, page: usize) {
    let started = Instant::now();
    loop {
        let scan = &h.state().desk().scan;
        assert!(scan.error.is_none(), "{:?}", scan.error);
        if scan.page == page && scan.texture.is_some() {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "page {page} never shown: showing {}",
            scan.page
        );
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.run();
}

/// A click at (`x`, `y`) of the scan image's pixels.
fn click_on_scan(h: &mut Harness<'static, App>, x: f32, y: f32) {
    let rect = jiaodui_app::panels::scan::image_rect(&h.ctx).expect("the scan is drawn");
    let [ow, _] = h.state().desk().scan.original_size.expect("loaded");
    let scale = rect.width() / ow as f32;
    let pos = rect.min + egui::vec2(x, y) * scale;
    h.event(egui::Event::PointerMoved(pos));
    let button = |pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    h.event(button(true));
    h.step();
    h.event(button(false));
    h.run();
}

/// The first finding whose text starts on page `page` of the source, with the
/// box of its first line.
fn finding_on_page(
    h: &Harness<'static, App>,
    page: usize,
) -> (usize, jiaodui_core::page::SpanLine) {
    h.state()
        .review()
        .findings()
        .iter()
        .enumerate()
        .find_map(|(i, f)| {
            let first = h
                .state()
                .doc()
                .span_lines(f.span_bytes.clone())
                .into_iter()
                .next()?;
            (first.page == page).then_some((i, first))
        })
        .expect("a finding on that page")
}

/// Issue #18: the scan panel of a multi-page PDF follows the text to the page the
/// selected finding or the cursor is on, renders it, outlines its glyphs there and
/// names the page; a click on that page's scan puts the cursor on its line.
#[test]
fn a_finding_on_page_two_of_a_pdf_shows_page_two_of_the_scan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("news.pdf");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../pdf/tests/fixtures/news.pdf"),
        &path,
    )
    .unwrap();
    let mut h = open_with_scan(&path);
    assert_eq!(h.state().desk().scan.pages.len(), 2);
    assert_eq!(h.state().desk().scan.page, 0);
    h.get_by_label("page 1 of 2");
    let page_one = h.state().desk().scan.path.clone().expect("page 1 rendered");

    let (ix, line) = finding_on_page(&h, 1);
    h.state_mut().push(Command::Select(ix));
    // (Page 2 is rendered meanwhile: a spinner, so step rather than run.)
    h.run_steps(2);
    wait_for_scan_page(&mut h, 1);
    let scan = &h.state().desk().scan;
    let page_two = scan.path.clone().expect("page 2 rendered");
    assert_ne!(page_two, page_one);
    assert!(
        page_two.to_string_lossy().ends_with("-p2.png"),
        "{page_two:?}"
    );
    h.get_by_label("page 2 of 2");
    crate::shot(&mut h, "pdf_page_two");
    assert_eq!(h.state().scan_link().follow.map(|f| f.page), Some(1));
    let outlined = jiaodui_app::panels::scan::outlines(h.state().scan_link(), true, 1);
    assert!(outlined.contains(&line.touched), "{outlined:?} {line:?}");
    // Page 1's boxes are not drawn over page 2.
    assert!(jiaodui_app::panels::scan::outlines(h.state().scan_link(), true, 0).is_empty());

    // A finding on page 1: page 1 again, at once (still on the GPU).
    let (back, _) = finding_on_page(&h, 0);
    h.state_mut().push(Command::Select(back));
    // (A worker that finished page 2 late may still ask for a frame: step, as the
    // result must not depend on when it does.)
    h.run_steps(4);
    assert_eq!(h.state().desk().scan.page, 0);
    assert!(h.state().desk().scan.texture.is_some());
    h.get_by_label("page 1 of 2");

    // A click on page 2's scan, on the finding's line, puts the cursor there.
    h.state_mut().push(Command::Select(ix));
    // (Page 2 is rendered meanwhile: a spinner, so step rather than run.)
    h.run_steps(2);
    wait_for_scan_page(&mut h, 1);
    let (cx, cy) = (
        (line.line.x0 + line.line.x1) / 2.0,
        (line.line.y0 + line.line.y1) / 2.0,
    );
    click_on_scan(&mut h, cx, cy);
    let cursor = h.state().desk().cursor;
    let at = h.state().doc().span_lines(cursor..cursor);
    assert_eq!(
        at.first().map(|l| (l.page, l.line)),
        Some((1, line.line)),
        "cursor {cursor}"
    );
    assert_eq!(h.state().desk().scan.page, 1);
}

/// A multi-page hOCR (one image per page) behaves like a PDF: the scan shows the
/// page the cursor is on.
#[test]
fn the_scan_of_a_multi_page_hocr_follows_the_cursor_to_its_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut pages = String::new();
    for (n, name) in ["one.png", "two.png"].iter().enumerate() {
        let shade = if n == 0 { 250 } else { 200 };
        image::RgbImage::from_pixel(400, 200, image::Rgb([shade, shade, shade]))
            .save_with_format(dir.path().join(name), image::ImageFormat::Png)
            .unwrap();
        pages.push_str(&format!(
            "<div class='ocr_page' id='page_{n}' title='image \"{name}\"; bbox 0 0 400 200'>\n\
             <div class='ocr_carea' id='block_{n}' title='bbox 20 20 380 60'><p class='ocr_par' id='par_{n}' title='bbox 20 20 380 60'>\n\
             <span class='ocr_line' id='line_{n}' title='bbox 20 20 380 60'>\
             <span class='ocrx_word' id='w_{n}' title='bbox 20 20 380 60; x_wconf 95'>第{n}页的文字。</span></span>\n\
             </p></div></div>\n"
        ));
    }
    let hocr = format!(
        "<?xml version='1.0' encoding='UTF-8'?>\n<html xmlns='http://www.w3.org/1999/xhtml'><head><title></title>\
         <meta name='ocr-system' content='tesseract 5.3.0' /></head><body>\n{pages}</body></html>\n"
    );
    let path = dir.path().join("two.hocr");
    fs::write(&path, hocr).unwrap();
    let mut h = open_with_scan(&path);
    assert_eq!(h.state().desk().scan.pages.len(), 2);
    h.get_by_label("page 1 of 2");
    let second = h.state().text().find("第1页").expect("page 2's text");
    h.state_mut().push(Command::GoToOffset(second));
    h.run_steps(2);
    wait_for_scan_page(&mut h, 1);
    let shown = h.state().desk().scan.path.clone().unwrap();
    assert_eq!(shown.file_name().unwrap(), "two.png");
    h.get_by_label("page 2 of 2");
}
