//! The reader on PDFs made by crates/pdf/scripts/make_fixtures.py: reportlab pages
//! with a CID font (STSong-Light, UniGB-UCS2-H), Tesseract's searchable PDF, a scan
//! with no text, encrypted and damaged files.

use jiaodui_core::page::{OcrDocument, OcrLine};
use jiaodui_pdf::{PdfError, ghost_pairs, read_pdf};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn news() -> OcrDocument {
    read_pdf(&fixture("news.pdf")).expect("news.pdf reads")
}

fn texts(lines: &[OcrLine]) -> Vec<&str> {
    lines.iter().map(|l| l.text.as_str()).collect()
}

/// The line with ghosts removed: the second of every ghost pair dropped.
fn without_ghosts(line: &OcrLine) -> String {
    let ghosts: Vec<usize> = ghost_pairs(line).into_iter().map(|(_, g)| g).collect();
    line.pieces
        .iter()
        .enumerate()
        .filter(|(i, _)| !ghosts.contains(i))
        .map(|(_, p)| &line.text[p.range_bytes.clone()])
        .collect()
}

#[test]
fn two_columns_come_out_line_by_line_in_reading_order() {
    let doc = news();
    assert_eq!(doc.pages.len(), 2);
    let page = &doc.pages[0];
    assert_eq!(
        texts(&page.lines),
        [
            "老旧小区换新颜　居民生活更舒心",
            "本报讯　今年以来，我市持续推进老旧小区改",
            "造，街道两旁的树木修剪得整整齐齐，楼道里的杂",
            "物也清理一空。",
            "在改造过程中，社区坚持人人参与、共建共享，",
            "先后召开居民议事会十余次，收集意见建议两百多",
            "条。",
            "88月月2266日日，，社社区区志志愿愿者者向向居居民民普普及及““创创文文””知知识识。。",
            "据统计，全市今年共整改问题88项，涉及道路、",
            "绿化、照明等多个方面……",
            "“过去下雨天出门都要绕着走，现在路面平整",
            "了，晚上灯也亮了。”家住三号楼的李阿姨说。",
            "市住建局有关负责人表示，下一步将继续加大",
            "投入，让更多居民享受到改造带来的实惠。",
        ]
    );
    // Headline, left column, right column: three blocks.
    let blocks: Vec<usize> = page.lines.iter().map(|l| l.block).collect();
    assert_eq!(blocks, [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2]);
    // The page text the engine checks: blocks apart, columns never interleaved.
    let (text, geometry) = doc.to_text();
    assert!(
        text.starts_with("老旧小区换新颜　居民生活更舒心\n\n本报讯"),
        "{text}"
    );
    assert!(text.contains("多个方面……\n\n“过去下雨天"), "{text}");
    assert_eq!(geometry.pages[0].size, page.size);
}

#[test]
fn indented_paragraph_starts_stand_two_ems_in() {
    let page = &news().pages[0];
    let x0 = |i: usize| page.lines[i].bbox.map(|b| b.x0).unwrap_or(f32::NAN);
    let size = page.lines[1].font_size.unwrap_or(f32::NAN);
    // 本报讯… (a paragraph start) against 造，… (a continuation) under it.
    assert!(((x0(1) - x0(2)) / size - 2.0).abs() < 0.05);
    assert!((x0(2) - x0(3)).abs() < 0.5);
}

#[test]
fn page_size_and_boxes_are_pixels_at_150_dpi() {
    let page = &news().pages[0];
    let (w, h) = page.size.expect("size");
    // A4 (595.28 × 841.89 pt) at 150 dpi.
    assert!(
        (w - 1240.16).abs() < 0.1 && (h - 1753.94).abs() < 0.1,
        "{w} {h}"
    );
    // The headline is 22 pt, centred: its box is 22 ems wide... minus nothing, and
    // every glyph box lies on the page.
    for line in &page.lines {
        for p in &line.pieces {
            let b = p.bbox.expect("glyph box");
            assert!(b.x0 >= 0.0 && b.x1 <= w && b.y0 >= 0.0 && b.y1 <= h);
        }
        assert_eq!(line.pieces.len(), line.text.chars().count());
    }
    let head = page.lines[0].bbox.expect("box");
    assert!(
        ((head.x0 + head.x1) / 2.0 - w / 2.0).abs() < 2.0,
        "{head:?}"
    );
}

#[test]
fn headlines_have_the_larger_font_size() {
    let doc = news();
    let px = |pt: f32| pt * 150.0 / 72.0;
    let size = |p: usize, l: usize| doc.pages[p].lines[l].font_size.expect("font size");
    assert!((size(0, 0) - px(22.0)).abs() < 0.01);
    assert!((size(0, 1) - px(10.5)).abs() < 0.01);
    // Page 2: headline 18 pt, byline 9 pt, body 10.5 pt, caption 9 pt.
    let p2: Vec<f32> = doc.pages[1]
        .lines
        .iter()
        .map(|l| l.font_size.expect("font size"))
        .collect();
    let want = [18.0, 9.0, 10.5, 10.5, 9.0].map(px);
    assert_eq!(p2.len(), want.len());
    for (got, want) in p2.iter().zip(want) {
        assert!((got - want).abs() < 0.01, "{p2:?}");
    }
}

#[test]
fn ghost_pairs_are_found_exactly_where_glyphs_were_drawn_twice() {
    let doc = news();
    let mut ghosted = Vec::new();
    for page in &doc.pages {
        for line in &page.lines {
            let pairs = ghost_pairs(line);
            if pairs.is_empty() {
                continue;
            }
            // Every glyph of a fake-bold line is doubled, and nothing else is paired.
            assert_eq!(pairs.len() * 2, line.pieces.len(), "{}", line.text);
            ghosted.push(without_ghosts(line));
        }
    }
    assert_eq!(
        ghosted,
        [
            "8月26日，社区志愿者向居民普及“创文”知识。",
            "基本规定要落实",
            "图为社区工作人员走访居民。",
        ]
    );
}

#[test]
fn correct_doubles_are_never_ghosts() {
    let page = &news().pages[0];
    for double in ["整整齐齐", "人人", "88项", "……"] {
        let line = page
            .lines
            .iter()
            .find(|l| l.text.contains(double))
            .unwrap_or_else(|| panic!("no line holds {double}"));
        assert!(ghost_pairs(line).is_empty(), "{double} in {}", line.text);
        assert_eq!(without_ghosts(line), line.text);
    }
}

#[test]
fn tesseract_searchable_pdf_is_read_with_its_invisible_text() {
    let doc = read_pdf(&fixture("tesseract.pdf")).expect("tesseract.pdf reads");
    let page = &doc.pages[0];
    // Tesseract writes a space after every word; the spurious-space rule removes
    // them. Compare without them.
    let plain: Vec<String> = page.lines.iter().map(|l| l.text.replace(' ', "")).collect();
    assert_eq!(plain.len(), 14, "{plain:#?}");
    assert_eq!(plain[0], "老旧小区换新颜居民生活更舒心");
    assert_eq!(plain[9], "绿化、照明等多个方面……");
    assert_eq!(plain[10], "“过去下雨天出门都要绕着走，现在路面平整");
    // Left column before right column, each a block.
    let blocks: Vec<usize> = page.lines.iter().map(|l| l.block).collect();
    assert_eq!(blocks[0], 0);
    assert!(blocks[1..10].iter().all(|&b| b == blocks[1]));
    assert!(
        blocks[10..]
            .iter()
            .all(|&b| b == blocks[10] && b != blocks[1])
    );
    // Tesseract's size is its line height, still telling the headline apart.
    let size = |i: usize| page.lines[i].font_size.expect("font size");
    assert!(size(0) > 1.8 * size(1));
    // The OCR read each bold glyph once: no ghosts.
    assert!(page.lines.iter().all(|l| ghost_pairs(l).is_empty()));
}

#[test]
fn a_scan_without_text_is_no_text_layer() {
    assert!(matches!(
        read_pdf(&fixture("scan.pdf")),
        Err(PdfError::NoTextLayer)
    ));
}

#[test]
fn encrypted_with_a_password_is_a_clear_error_and_without_one_is_read() {
    let err = read_pdf(&fixture("locked.pdf")).unwrap_err();
    assert!(matches!(err, PdfError::Encrypted), "{err}");
    assert!(err.to_string().contains("password"));
    let doc = read_pdf(&fixture("open.pdf")).expect("owner-only encryption opens");
    assert_eq!(texts(&doc.pages[0].lines), ["加密文件里的一行字。"]);
}

#[test]
fn damaged_files_give_errors_never_panics() {
    assert!(matches!(read_pdf(b""), Err(PdfError::Malformed(_))));
    assert!(matches!(
        read_pdf("8月26日，社区志愿者".as_bytes()),
        Err(PdfError::Malformed(_))
    ));
    for name in ["news.pdf", "tesseract.pdf", "open.pdf"] {
        let bytes = fixture(name);
        // Every truncation, in steps.
        for len in (0..bytes.len()).step_by(61) {
            let _ = read_pdf(&bytes[..len]);
        }
        // Bytes flipped here and there (a fixed pseudo-random sequence).
        let mut state = 0x2545_f491_u32;
        for _ in 0..200 {
            let mut damaged = bytes.clone();
            for _ in 0..8 {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                let at = state as usize % damaged.len();
                damaged[at] ^= (state >> 24) as u8 | 1;
            }
            let _ = read_pdf(&damaged);
        }
    }
    let truncated = &fixture("news.pdf")[..2000];
    assert!(read_pdf(truncated).is_err());
}
