//! hOCR as Tesseract writes it (XHTML): `ocr_page` with `image` and `bbox` in its
//! title, `ocr_carea`/`ocr_par` blocks, `ocr_line` (and Tesseract's `ocr_header`,
//! `ocr_caption`, `ocr_textfloat`) lines, `ocrx_word` words with `bbox` and
//! `x_wconf`. HTML that is not well-formed XML (some tools' hOCR) is refused with
//! the parser's position. A word's text is all the text inside it; when a
//! correction changes it, the word's content is replaced whole, so markup inside a
//! word (Tesseract's `<strong>`/`<em>` with `hocr_font_info`) goes with the old
//! text. Lines without words take their own text. `ocrx_cinfo` glyphs are not read.

use jiaodui_core::page::{BBox, OcrDocument, OcrPage};
use roxmltree::Node;

use crate::error::OcrError;
use crate::join::LineBuilder;
use crate::source_map::LineSpans;
use crate::xml;

const FORMAT: &str = "hOCR";
const LINE_CLASSES: &[&str] = &[
    "ocr_line",
    "ocrx_line",
    "ocr_header",
    "ocr_caption",
    "ocr_textfloat",
];

pub(crate) fn read(src: &str) -> Result<(OcrDocument, Vec<Vec<LineSpans>>), OcrError> {
    let doc = xml::parse(src, FORMAT).map_err(|e| match e {
        OcrError::Syntax {
            format,
            line,
            column,
            message,
        } => OcrError::Syntax {
            format,
            line,
            column,
            message: format!("{message} (hOCR is read as XHTML, as Tesseract writes it)"),
        },
        other => other,
    })?;
    let root = doc.root_element();
    let mut pages: Vec<Node> = root
        .descendants()
        .filter(|n| has_class(*n, &["ocr_page"]))
        .collect();
    if pages.is_empty() {
        pages.push(root);
    }
    let mut out = OcrDocument::default();
    let mut spans = Vec::new();
    for page_node in pages {
        let props = title(page_node);
        let mut page = OcrPage {
            image: props.image,
            size: props.bbox.map(|b| (b.width(), b.height())),
            lines: Vec::new(),
        };
        let mut page_spans = Vec::new();
        for line_node in page_node
            .descendants()
            .filter(|n| has_class(*n, LINE_CLASSES))
        {
            let block = line_node
                .ancestors()
                // The engine's text area, not its paragraph guess: Tesseract's
                // `ocr_par` breaks fall mid-paragraph as often as not (measured on
                // rendered pages: paragraph F1 0.844 with them, 0.857 with areas).
                .find(|a| has_class(*a, &["ocr_carea"]))
                .or_else(|| line_node.ancestors().find(|a| has_class(*a, &["ocr_par"])))
                .map_or(0, |a| a.id().get_usize());
            let mut builder = LineBuilder::new(title(line_node).bbox, block);
            let words: Vec<Node> = line_node
                .descendants()
                .filter(|n| has_class(*n, &["ocrx_word"]))
                .collect();
            if words.is_empty() {
                let mut span = xml::content_span(src, line_node);
                span.text = span.text.trim().to_owned();
                builder.line_mut().text = span.text.clone();
                builder.set_line_span(span);
            }
            for w in words {
                let props = title(w);
                let span = xml::content_span(src, w);
                let text = span.text.clone();
                let conf = props.wconf.map(|c| c / 100.0);
                builder.push(
                    &text,
                    props.bbox,
                    conf,
                    span,
                    Some(xml::removal_range(src, w)),
                );
            }
            let (line, line_spans) = builder.finish();
            page.lines.push(line);
            page_spans.push(line_spans);
        }
        out.pages.push(page);
        spans.push(page_spans);
    }
    Ok((out, spans))
}

fn has_class(n: Node, classes: &[&str]) -> bool {
    n.is_element()
        && n.attribute("class")
            .is_some_and(|c| c.split_whitespace().any(|c| classes.contains(&c)))
}

/// The hOCR properties jiaodui uses from a `title`.
#[derive(Default)]
struct Props {
    bbox: Option<BBox>,
    wconf: Option<f32>,
    image: Option<String>,
}

fn title(n: Node) -> Props {
    let mut p = Props::default();
    let Some(t) = n.attribute("title") else {
        return p;
    };
    for prop in split_props(t) {
        let prop = prop.trim();
        let (name, args) = prop.split_once(char::is_whitespace).unwrap_or((prop, ""));
        let args = args.trim();
        match name {
            "bbox" => {
                let v: Vec<f32> = args
                    .split_whitespace()
                    .filter_map(|x| x.parse().ok())
                    .collect();
                if let [x0, y0, x1, y1] = v[..] {
                    p.bbox = Some(BBox::new(x0, y0, x1, y1));
                }
            }
            "x_wconf" => p.wconf = args.parse::<f32>().ok().filter(|c| c.is_finite()),
            "image" => {
                let s = args.strip_prefix('"').unwrap_or(args);
                let s = s.strip_suffix('"').unwrap_or(s);
                if !s.is_empty() {
                    p.image = Some(s.to_owned());
                }
            }
            _ => {}
        }
    }
    p
}

/// Splits a title at `;` outside double quotes (an image path may hold one).
fn split_props(t: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, c) in t.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => {
                out.push(&t[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&t[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_properties_with_a_quoted_semicolon() {
        let p = split_props(r#"image "a;b.png"; bbox 0 0 10 20"#);
        assert_eq!(p, vec![r#"image "a;b.png""#, " bbox 0 0 10 20"]);
    }
}
