//! Malformed input: a clear error with its position, never a panic.

use crate::common::{FIXTURES, fixture};
use jiaodui_core::page::OcrDocument;
use jiaodui_ocr::{Corrections, OcrError, read, write_back};
use proptest::prelude::*;

fn err(name: &str, src: &[u8]) -> OcrError {
    read(name, src).expect_err("an error")
}

#[test]
fn broken_xml_says_line_and_column() {
    let src = "<?xml version=\"1.0\"?>\n<alto>\n  <Layout>\n    <Page WIDTH=\"1\">\n  </Layout>\n";
    let e = err("a.xml", src.as_bytes());
    assert!(matches!(e, OcrError::Syntax { line: 5, .. }), "{e}");
    assert!(
        e.to_string().starts_with("ALTO: malformed at line 5"),
        "{e}"
    );
}

#[test]
fn html_hocr_that_is_not_xml_is_refused_clearly() {
    let src = "<html><body><div class='ocr_page' title='bbox 0 0 10 10'><br></div></body></html>";
    let e = err("a.hocr", src.as_bytes());
    assert!(e.to_string().contains("XHTML"), "{e}");
}

#[test]
fn bad_numbers_are_content_errors_at_their_element() {
    let src = "<alto>\n<Layout><Page WIDTH=\"10\" HEIGHT=\"10\">\n  <TextBlock><TextLine HPOS=\"x\" VPOS=\"1\" WIDTH=\"1\" HEIGHT=\"1\"/></TextBlock>\n</Page></Layout></alto>";
    let e = err("a.xml", src.as_bytes());
    assert!(
        matches!(
            e,
            OcrError::Content {
                line: 3,
                column: 14,
                ..
            }
        ),
        "{e:?}"
    );
    let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
               1\t1\t0\t0\t0\t0\t0\t0\t10\t10\t-1\t\n\
               5\t1\t1\t1\t1\t1\tten\t0\t1\t1\t90\t字\n";
    let e = err("a.tsv", tsv.as_bytes());
    assert!(matches!(e, OcrError::Content { line: 3, .. }), "{e}");
    assert!(e.to_string().contains("left"), "{e}");
    let page = "<PcGts><Page imageWidth=\"1\" imageHeight=\"1\"><TextRegion id=\"r\"><TextLine id=\"l\">\
                <Coords points=\"1,2 3\"/></TextLine></TextRegion></Page></PcGts>";
    let e = err("a.xml", page.as_bytes());
    assert!(e.to_string().contains("Coords"), "{e}");
}

#[test]
fn broken_json_says_line_and_column() {
    let e = err("a.json", b"[[[[1, 2], [3, 4]],\n  [\"x\", 0.5]\n  ");
    assert!(
        matches!(
            e,
            OcrError::Syntax {
                line: 3,
                column: 3,
                ..
            }
        ),
        "{e}"
    );
    let short = br#"{"res": {"rec_texts": ["a", "b"],
 "rec_scores": [0.5]}}"#;
    let e = err("a.json", short);
    assert!(matches!(e, OcrError::Content { line: 2, .. }), "{e}");
    assert!(
        e.to_string()
            .contains("rec_scores has 1 entries for 2 texts"),
        "{e}"
    );
}

#[test]
fn not_utf8_says_where() {
    let mut src = fixture("tess1.hocr");
    src[700] = 0xff;
    assert_eq!(err("a.hocr", &src), OcrError::NotUtf8 { offset: 700 });
}

/// Reading, laying out and writing back whatever a damaged file gives.
fn exercise(name: &str, bytes: &[u8], new_text: &str) {
    let Ok(Some((_, doc, map))) = read(name, bytes) else {
        return;
    };
    let (text, geometry) = doc.to_text();
    let same = write_back(bytes, &map, &Corrections::unchanged(&doc)).expect("writes");
    assert!(same == bytes, "{name}: unchanged round trip");
    let scale = |x: usize| x * new_text.len() / text.len().max(1);
    let fixes = Corrections::from_edit(&doc, &text, &geometry, new_text, scale);
    if let Ok(out) = write_back(bytes, &map, &fixes) {
        let again: Result<Option<(_, OcrDocument, _)>, _> = read(name, &out);
        assert!(again.is_ok(), "{name}: written file does not read back");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn truncated_or_garbled_fixtures_never_panic(
        which in 0..FIXTURES.len(),
        cut in 0.0f64..1.0,
        flips in proptest::collection::vec((0.0f64..1.0, any::<u8>()), 0..4),
        new_text in "[a-z<&\"'\\t\\n 字　]{0,40}",
    ) {
        let name = FIXTURES[which];
        let mut bytes = fixture(name);
        let keep = (bytes.len() as f64 * cut) as usize;
        for (at, b) in &flips {
            let i = (bytes.len() as f64 * at) as usize;
            if let Some(x) = bytes.get_mut(i) {
                *x = *b;
            }
        }
        exercise(name, &bytes, &new_text);
        bytes.truncate(keep);
        exercise(name, &bytes, &new_text);
    }
}

#[test]
fn every_fixture_survives_any_edit_and_reads_back() {
    for name in FIXTURES {
        let bytes = fixture(name);
        for new in ["", "\n\n\n", "x", "<&>\"'\t\r\n字字 字", &"长".repeat(500)] {
            exercise(name, &bytes, new);
        }
    }
}

#[test]
fn deep_nesting_is_no_stack_overflow() {
    let n = 100_000;
    let xml = format!("<alto>{}{}</alto>", "<a>".repeat(n), "</a>".repeat(n));
    let e = read("deep.xml", xml.as_bytes()).unwrap_err();
    assert!(e.to_string().contains("nested more than 256 deep"), "{e}");
    let hocr = format!(
        "<html><body><div class='ocr_page'>{}x{}</div></body></html>",
        "<span class='ocr_line'>".repeat(n),
        "</span>".repeat(n)
    );
    let _ = read("deep.hocr", hocr.as_bytes());
    let json = format!("{}{}", "[".repeat(n), "]".repeat(n));
    assert!(read("deep.json", format!("[[[[{json}").as_bytes()).is_err());
}
