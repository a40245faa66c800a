//! The budget: a 1 MB hOCR file open to the first frame in ≤ 1 s. Reading
//! and laying out is this crate's share; checked in release builds only.

use crate::common;

use std::time::Instant;

use jiaodui_ocr::{Corrections, read, write_back};

#[test]
fn a_megabyte_of_hocr_reads_and_writes_back_well_within_a_second() {
    let one = String::from_utf8(common::fixture("tess2.hocr")).unwrap();
    let body_start = one.find("  <div class='ocr_page'").unwrap();
    let body_end = one.rfind(" </body>").unwrap();
    let page = &one[body_start..body_end];
    let copies = 1_000_000 / page.len() + 1;
    let big = format!(
        "{}{}{}",
        &one[..body_start],
        page.repeat(copies),
        &one[body_end..]
    );
    let t = Instant::now();
    let (_, doc, map) = read("big.hocr", big.as_bytes()).unwrap().unwrap();
    let (text, _) = doc.to_text();
    let read_ms = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let out = write_back(big.as_bytes(), &map, &Corrections::unchanged(&doc)).unwrap();
    let write_ms = t.elapsed().as_secs_f64() * 1000.0;
    assert!(out == big.as_bytes());
    eprintln!(
        "{} bytes, {} pages, {} chars of text: read + to_text {read_ms:.0} ms, write back {write_ms:.0} ms",
        big.len(),
        doc.pages.len(),
        text.chars().count()
    );
    if !cfg!(debug_assertions) {
        assert!(read_ms < 500.0, "{read_ms} ms");
    }
}
