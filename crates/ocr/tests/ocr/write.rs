//! Write-back: unchanged is byte-identical on every fixture; an edit lands in its
//! element only; removed ghosts take their element with them; written ALTO and
//! PAGE still validate against their schemas.

use crate::common;

use crate::common::{FIXTURES, edit, path, read, xmllint};
use jiaodui_ocr::{Corrections, write_back};

#[test]
fn unchanged_writes_every_fixture_back_byte_for_byte() {
    for name in FIXTURES {
        let (_, doc, map, bytes) = read(name);
        let out = write_back(&bytes, &map, &Corrections::unchanged(&doc)).unwrap();
        assert!(out == bytes, "{name}");
        // And through the edit path with no edit.
        let (text, geometry) = doc.to_text();
        let same = Corrections::from_edit(&doc, &text, &geometry, &text, |x| x);
        assert_eq!(same, Corrections::unchanged(&doc), "{name}");
    }
}

/// What differs between `before` and `after`, as characters.
fn changed_region(before: &[u8], after: &[u8]) -> (String, String) {
    let b: Vec<char> = String::from_utf8_lossy(before).chars().collect();
    let a: Vec<char> = String::from_utf8_lossy(after).chars().collect();
    let pre = b.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let post = b[pre..]
        .iter()
        .rev()
        .zip(a[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (
        b[pre..b.len() - post].iter().collect(),
        a[pre..a.len() - post].iter().collect(),
    )
}

#[test]
fn an_edit_lands_in_its_word_only() {
    for name in ["tess1.hocr", "tess1.xml", "tess1.tsv"] {
        let before = common::fixture(name);
        let (after, _) = edit(name, "讯〈记", "讯（记");
        let (old, new) = changed_region(&before, after.as_bytes());
        assert_eq!((old.as_str(), new.as_str()), ("〈", "（"), "{name}");
        // Re-reading gives the edited text.
        let (_, doc, _) = jiaodui_ocr::read(name, after.as_bytes()).unwrap().unwrap();
        assert!(doc.pages[0].lines[1].text.contains("讯（记"), "{name}");
    }
}

#[test]
fn special_characters_are_escaped_for_each_format() {
    for name in [
        "tess1.hocr",
        "tess1.xml",
        "tess1.tsv",
        "page2019.xml",
        "paddle3.json",
    ] {
        let (_, doc, _, _) = read(name);
        let (text, _) = doc.to_text();
        let first: String = text.chars().take(2).collect();
        let with = "<&\"'\t>";
        let (after, _) = edit(name, &first, with);
        let (_, doc, _) = jiaodui_ocr::read(name, after.as_bytes())
            .unwrap_or_else(|e| panic!("{name}: {e}\n{after}"))
            .unwrap();
        let (text, _) = doc.to_text();
        let want = if name.ends_with(".tsv") {
            "<&\"' >"
        } else {
            with
        };
        assert!(text.contains(want), "{name}: {text}");
    }
}

#[test]
fn a_removed_ghost_takes_its_element_with_it() {
    // hOCR: the span goes, with its line's indentation.
    let (after, _) = edit("tess1.hocr", "讯〈记", "讯记");
    assert!(!after.contains("word_1_11"));
    assert!(after.contains("word_1_10") && after.contains("word_1_12"));
    // ALTO: the String and the SP after it.
    let (after, _) = edit("tess1.xml", "讯〈记", "讯记");
    assert!(!after.contains("CONTENT=\"〈\""));
    let before = String::from_utf8(common::fixture("tess1.xml")).unwrap();
    assert_eq!(
        before.matches("<SP ").count() - 1,
        after.matches("<SP ").count()
    );
    // TSV: the row.
    let (after, _) = edit("tess1.tsv", "讯〈记", "讯记");
    let before = String::from_utf8(common::fixture("tess1.tsv")).unwrap();
    assert_eq!(before.lines().count() - 1, after.lines().count());
    // PAGE: the Word, and the line's own text follows.
    let (after, _) = edit("page2019.xml", "昨天", "");
    assert!(!after.contains("id=\"w2\""));
    assert!(after.contains("<Unicode>本报讯R&amp;D中心</Unicode>"));
}

#[test]
fn the_last_word_of_a_line_is_emptied_not_removed() {
    let (after, doc) = edit("tess1.hocr", "市图书馆新馆开放", "");
    assert_eq!(doc.pages[0].lines[0].pieces.len(), 7);
    assert!(after.contains("id='word_1_1'"), "first word kept, empty");
    assert!(!after.contains("id='word_1_2'"));
    let (after, _) = edit("tess1.xml", "市图书馆新馆开放", "");
    assert!(after.contains("CONTENT=\"\""));
    let before = String::from_utf8(common::fixture("tess1.xml")).unwrap();
    assert_eq!(
        after.matches("ID=\"string_").count() + 6,
        before.matches("ID=\"string_").count()
    );
}

#[test]
fn page_xml_words_and_lines_both_take_the_edit() {
    let (after, _) = edit("page2019.xml", "R&D中心", "研发中心");
    assert!(
        after.contains("<Unicode>本报讯昨天研发中心</Unicode>"),
        "{after}"
    );
    assert!(after.contains("<Unicode>研发</Unicode>"), "{after}");
    assert!(after.contains("<Unicode>中心</Unicode>"));
    // Glyphs are left as they were.
    assert!(after.contains("<Unicode>昨</Unicode>"));
    // An empty `<Unicode/>` becomes a start/end pair when text goes in.
    let (_, doc, map, bytes) = read("page2019.xml");
    let mut fixes = Corrections::unchanged(&doc);
    fixes.pages[0][0].pieces[1] = "之".into();
    let out = String::from_utf8(write_back(&bytes, &map, &fixes).unwrap()).unwrap();
    assert!(out.contains("<Unicode>之</Unicode>"), "{out}");
    // A line without words (2013): its TextEquiv.
    let (after, _) = edit("page2013.xml", "第二行。", "第二行！");
    assert!(after.contains("<Unicode>左栏第二行！</Unicode>"));
}

#[test]
fn joining_lines_keeps_each_line_in_its_element() {
    // A fix that joins a paragraph's lines removes the break between them only.
    let (after, _) = edit("paddle2.json", "柳树\n发出", "柳树发出");
    let (_, doc, _) = jiaodui_ocr::read("p.json", after.as_bytes())
        .unwrap()
        .unwrap();
    assert_eq!(doc.pages[0].lines[1].text, "春天来了，河边的柳树");
    assert_eq!(doc.pages[0].lines[3].text, "发出了嫩绿的新芽，孩");
    assert!(after.as_bytes() == common::fixture("paddle2.json"));
}

#[test]
fn paddle_json_text_is_escaped_as_json() {
    let (after, _) = edit("paddle3.json", "首日", "\"首\\日\"");
    let (_, doc, _) = jiaodui_ocr::read("p.json", after.as_bytes())
        .unwrap()
        .unwrap();
    assert_eq!(doc.pages[0].lines[1].text, "\"首\\日\"接待读者3200人次");
}

#[test]
fn written_page_xml_validates_against_its_schema() {
    let cases = [
        (
            "page2019.xml",
            "pagecontent-2019-07-15.xsd",
            "R&D中心",
            "<研发>",
        ),
        ("page2019.xml", "pagecontent-2019-07-15.xsd", "昨天", ""),
        (
            "page2013.xml",
            "pagecontent-2013-07-15.xsd",
            "第二行。",
            "第二&行",
        ),
    ];
    for (name, xsd, find, with) in cases {
        let (after, _) = edit(name, find, with);
        match xmllint(&path(&format!("schemas/{xsd}")), &after) {
            None => {
                eprintln!("xmllint not installed (apt-get install libxml2-utils): not validated");
                return;
            }
            Some(r) => r.unwrap_or_else(|e| panic!("{name}: {e}")),
        }
    }
}

/// The ALTO schema is not vendored (the Library of Congress publishes it with no
/// licence). Set `JIAODUI_ALTO_XSD` to a local copy of `alto-3-0.xsd` (Tesseract
/// writes ALTO v3; from github.com/altoxml/schema; its `xlink.xsd` import needs the
/// network or a local copy) to validate written ALTO.
#[test]
fn written_alto_validates_against_its_schema_when_given_one() {
    let Some(xsd) = std::env::var_os("JIAODUI_ALTO_XSD") else {
        eprintln!("JIAODUI_ALTO_XSD not set: written ALTO not validated");
        return;
    };
    for (find, with) in [
        ("讯〈记", "讯（记"),
        ("讯〈记", "讯记"),
        ("市图书馆新馆开放", ""),
    ] {
        let (after, _) = edit("tess1.xml", find, with);
        if let Some(r) = xmllint(std::path::Path::new(&xsd), &after) {
            r.unwrap_or_else(|e| panic!("{find}: {e}"));
        }
    }
}

#[test]
fn writing_into_another_file_is_refused() {
    let (_, doc, map, mut bytes) = read("tess1.tsv");
    bytes.push(b'\n');
    assert!(write_back(&bytes, &map, &Corrections::unchanged(&doc)).is_err());
}

#[test]
fn text_typed_at_a_line_edge_stays_in_that_line_whichever_way_the_map_leans() {
    let (_, doc, _, _) = read("paddle2.json");
    let (old, geometry) = doc.to_text();
    let line2 = old.find("春天").unwrap();
    let end2 = old[line2..].find('\n').unwrap() + line2;
    for (at, line, want) in [
        (end2, 1, "春天来了，河边的柳树X"),
        (line2, 1, "X春天来了，河边的柳树"),
    ] {
        let new = format!("{}X{}", &old[..at], &old[at..]);
        let left = |x: usize| if x <= at { x } else { x + 1 };
        let right = |x: usize| if x < at { x } else { x + 1 };
        for fixes in [
            Corrections::from_edit(&doc, &old, &geometry, &new, left),
            Corrections::from_edit(&doc, &old, &geometry, &new, right),
        ] {
            assert_eq!(fixes.pages[0][line].text, want);
            // The neighbours keep theirs.
            assert_eq!(fixes.pages[0][0].text, "秋季运动会开幕");
            assert_eq!(fixes.pages[0][3].text, "发出了嫩绿的新芽，孩");
        }
    }
}
