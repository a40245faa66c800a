//! Each reader on its fixture: detection, line count, a box, a confidence, the
//! image, and the text against Tesseract's own text output.

use crate::common::{fixture, read, squash, txt_lines};
use jiaodui_ocr::{Format, detect};

#[test]
fn detect_recognises_every_fixture_and_nothing_else() {
    let cases = [
        ("tess1.hocr", Some(Format::Hocr)),
        ("tess1.xml", Some(Format::Alto)),
        ("tess1.tsv", Some(Format::TesseractTsv)),
        ("page2019.xml", Some(Format::PageXml)),
        ("page2013.xml", Some(Format::PageXml)),
        ("paddle2.json", Some(Format::PaddleJson)),
        ("paddle3.json", Some(Format::PaddleJson)),
        ("paddle3_bare.json", Some(Format::PaddleJson)),
        ("tess1.txt", None),
    ];
    for (name, want) in cases {
        assert_eq!(detect(name, &fixture(name)), want, "{name}");
    }
    // The content decides within an extension, the extension decides at all.
    assert_eq!(detect("x.html", &fixture("tess1.hocr")), Some(Format::Hocr));
    assert_eq!(detect("x.txt", &fixture("tess1.hocr")), None);
    assert_eq!(detect("x.xml", b"<?xml version='1.0'?><html/>"), None);
    assert_eq!(detect("x.tsv", b"a\tb\n1\t2\n"), None);
    assert_eq!(detect("x.json", b"{\"rows\": []}"), None);
    assert!(
        jiaodui_ocr::read("x.txt", "本报讯".as_bytes())
            .unwrap()
            .is_none()
    );
}

/// hOCR, ALTO and TSV of one Tesseract run: same lines, same boxes, and the text
/// Tesseract's `txt` gives, up to whitespace.
#[test]
fn tesseract_formats_agree_with_tesseract_text() {
    for page in ["tess1", "tess2"] {
        let want = txt_lines(&format!("{page}.txt"));
        let mut boxes = Vec::new();
        for ext in ["hocr", "xml", "tsv"] {
            let name = format!("{page}.{ext}");
            let (_, doc, _, _) = read(&name);
            let (text, geometry) = doc.to_text();
            let got: Vec<String> = text.lines().map(squash).filter(|l| !l.is_empty()).collect();
            assert_eq!(got, want, "{name}");
            boxes.push(
                geometry
                    .lines
                    .iter()
                    .flatten()
                    .map(|g| g.bbox.to_pixels())
                    .collect::<Vec<_>>(),
            );
        }
        assert_eq!(boxes[0], boxes[1], "{page}: hOCR and ALTO boxes");
        assert_eq!(boxes[0], boxes[2], "{page}: hOCR and TSV boxes");
    }
}

#[test]
fn hocr_reads_pages_lines_words_and_confidences() {
    let (_, doc, _, _) = read("tess1.hocr");
    assert_eq!(doc.pages.len(), 1);
    let page = &doc.pages[0];
    assert_eq!(page.image.as_deref(), Some("tess1.png"));
    assert_eq!(page.size, Some((960.0, 520.0)));
    assert_eq!(page.lines.len(), 5);
    let head = &page.lines[0];
    assert_eq!(head.bbox.unwrap().to_pixels(), [123, 82, 694, 151]);
    assert_eq!(head.pieces.len(), 7);
    assert_eq!(
        head.pieces[0].bbox.unwrap().to_pixels(),
        [123, 82, 189, 151]
    );
    assert!((head.pieces[0].conf.unwrap() - 0.96).abs() < 1e-6);
    // Text areas are the blocks (Tesseract's paragraph guesses are not): the
    // headline's area, then the body's, whose two `ocr_par`s are one block.
    let blocks: Vec<usize> = page.lines.iter().map(|l| l.block).collect();
    assert_ne!(blocks[0], blocks[1]);
    assert_eq!(blocks[1], blocks[2]);
    assert_eq!(blocks[2], blocks[3]);
    // No space between Chinese words, none between Chinese and Latin, one
    // between Latin words — as in Tesseract's text.
    assert_eq!(page.lines[3].text, "新馆总面积约4.5万平方米，设有Open Lab");
    let l = &page.lines[3];
    let last = l.pieces.last().unwrap();
    assert_eq!(&l.text[last.range_bytes.clone()], "Lab");
}

#[test]
fn alto_and_tsv_read_confidences_and_sizes() {
    let (_, alto, _, _) = read("tess1.xml");
    let p = &alto.pages[0];
    assert_eq!(p.image.as_deref(), Some("tess1.png"));
    assert_eq!(p.size, Some((960.0, 520.0)));
    assert!((p.lines[0].pieces[2].conf.unwrap() - 0.61).abs() < 1e-6);
    let (_, tsv, _, _) = read("tess1.tsv");
    let p = &tsv.pages[0];
    assert_eq!(p.size, Some((960.0, 520.0)));
    assert_eq!(p.image, None);
    assert!((p.lines[0].pieces[2].conf.unwrap() - 0.615_457).abs() < 1e-6);
    assert_eq!(p.lines.len(), 5);
}

#[test]
fn two_tesseract_columns_come_out_column_by_column() {
    let (_, doc, _, _) = read("tess2.hocr");
    let (text, geometry) = doc.to_text();
    let first: Vec<&str> = text.lines().collect();
    assert_eq!(first[0], "春天来了，河边的柳树");
    assert_eq!(first[6], "秋季运动会将于下周举");
    let right = geometry.lines[6].as_ref().unwrap();
    assert!(right.column.0 > 500.0, "{:?}", right.column);
}

#[test]
fn page_xml_2019_follows_the_reading_order_and_reads_words() {
    let (_, doc, _, _) = read("page2019.xml");
    let p = &doc.pages[0];
    assert_eq!(p.image.as_deref(), Some("page2019.png"));
    assert_eq!(p.size, Some((1200.0, 800.0)));
    let texts: Vec<&str> = p.lines.iter().map(|l| l.text.as_str()).collect();
    // The heading region stands last in the file and first in the reading order.
    assert_eq!(texts, ["新馆开放", "本报讯昨天R&D中心", "正式开放。"]);
    let body = &p.lines[1];
    assert_eq!(body.pieces.len(), 4);
    assert_eq!(&body.text[body.pieces[2].range_bytes.clone()], "R&D");
    assert!((body.pieces[1].conf.unwrap() - 0.41).abs() < 1e-6);
    assert_eq!(body.conf, Some(0.8));
    assert_eq!(body.bbox.unwrap().to_pixels(), [100, 200, 1100, 250]);
    assert!(p.lines[2].pieces.is_empty());
    assert_ne!(p.lines[0].block, p.lines[1].block);
    assert_eq!(p.lines[1].block, p.lines[2].block);
}

#[test]
fn page_xml_2013_lines_without_words_and_an_empty_line_left_out() {
    let (_, doc, _, _) = read("page2013.xml");
    let p = &doc.pages[0];
    assert_eq!(p.image.as_deref(), Some("scans/page2013.tif"));
    assert_eq!(p.lines.len(), 3);
    assert_eq!(p.lines[0].text, "左栏第一行文字");
    assert!((p.lines[0].conf.unwrap() - 0.93).abs() < 1e-6);
    assert_eq!(p.lines[2].bbox.unwrap().to_pixels(), [550, 50, 950, 90]);
    let (text, _) = doc.to_text();
    assert_eq!(text, "左栏第一行文字\n左栏第二行。\n\n右栏第一行文字");
}

#[test]
fn paddle_2x_interleaved_columns_are_read_column_by_column() {
    let (_, doc, _, _) = read("paddle2.json");
    let p = &doc.pages[0];
    assert_eq!(p.lines.len(), 7);
    assert!(p.lines.iter().all(|l| l.block == 0 && l.pieces.is_empty()));
    assert_eq!(p.lines[1].bbox.unwrap().to_pixels(), [80, 160, 480, 200]);
    assert_eq!(p.lines[1].conf, Some(0.97));
    let (text, _) = doc.to_text();
    assert_eq!(
        text,
        "秋季运动会开幕\n春天来了，河边的柳树\n发出了嫩绿的新芽，孩\n子们在草地上放风筝。\n\
         秋季运动会将于下周举\n行，全校师生踊跃报名\n参加比赛项目。"
    );
}

#[test]
fn paddle_3x_with_and_without_res() {
    let (_, doc, _, _) = read("paddle3.json");
    let p = &doc.pages[0];
    assert_eq!(p.image.as_deref(), Some("paddle3.png"));
    assert_eq!(p.lines[0].text, "“新馆”开放");
    assert_eq!(p.lines[2].text, "Open Lab \"创客\"空间");
    assert_eq!(p.lines[2].conf, Some(0.61));
    assert_eq!(p.lines[1].bbox.unwrap().to_pixels(), [100, 120, 700, 160]);
    let (_, bare, _, _) = read("paddle3_bare.json");
    let p = &bare.pages[0];
    assert_eq!(p.image.as_deref(), Some("bare.png"));
    assert_eq!(p.lines.len(), 2);
    assert_eq!(p.lines[1].bbox.unwrap().to_pixels(), [10, 50, 200, 80]);
}

#[test]
fn paddle_2x_pages_and_empty_pages() {
    let src = r#"[[[[[0,0],[10,0],[10,10],[0,10]],["甲",0.5]]], null, [[[[0,0],[10,0],[10,10],[0,10]],["乙",0.9]]]]"#;
    let (f, doc, _) = jiaodui_ocr::read("r.json", src.as_bytes())
        .unwrap()
        .unwrap();
    assert_eq!(f, Format::PaddleJson);
    assert_eq!(doc.pages.len(), 3);
    assert_eq!(doc.pages[2].lines[0].text, "乙");
    assert!(doc.pages[1].lines.is_empty());
}

#[test]
fn page_xml_prefers_the_lowest_indexed_text_equiv() {
    let src = r#"<PcGts><Page imageWidth="10" imageHeight="10"><TextRegion id="r"><TextLine id="l">
        <TextEquiv index="2"><Unicode>乙</Unicode></TextEquiv>
        <TextEquiv index="1" conf="0.7"><Unicode>甲</Unicode></TextEquiv>
        </TextLine></TextRegion></Page></PcGts>"#;
    let (_, doc, _) = jiaodui_ocr::read("p.xml", src.as_bytes()).unwrap().unwrap();
    assert_eq!(doc.pages[0].lines[0].text, "甲");
    assert_eq!(doc.pages[0].lines[0].conf, Some(0.7));
}
