//! ALTO v2–v4, namespace-agnostic: `Page` (`WIDTH`, `HEIGHT`), `TextBlock`,
//! `TextLine`, `String` (`HPOS`, `VPOS`, `WIDTH`, `HEIGHT`, `WC`, `CONTENT`), and
//! `sourceImageInformation/fileName`. Coordinates are taken as pixels whatever
//! `MeasurementUnit` says (Tesseract writes pixels; converting mm10 or inch1200
//! would need the scan's resolution, which ALTO does not carry). `SP` elements are
//! not read as spaces: Tesseract puts one between every two words, Chinese ones
//! too, so words are joined by the rule in `join`. `HYP` and `ALTERNATIVE` are
//! kept in the file but not read.

use jiaodui_core::page::{BBox, OcrDocument, OcrPage};
use roxmltree::Node;

use crate::error::OcrError;
use crate::join::LineBuilder;
use crate::source_map::LineSpans;
use crate::xml;

const FORMAT: &str = "ALTO";

pub(crate) fn read(src: &str) -> Result<(OcrDocument, Vec<Vec<LineSpans>>), OcrError> {
    let doc = xml::parse(src, FORMAT)?;
    let root = doc.root_element();
    if root.tag_name().name() != "alto" {
        return Err(xml::content_error(
            root,
            FORMAT,
            format!(
                "the root element is <{}>, not <alto>",
                root.tag_name().name()
            ),
        ));
    }
    let image = xml::descendants(root, "sourceImageInformation")
        .flat_map(|s| xml::children(s, "fileName"))
        .map(xml::inner_text)
        .map(|t| t.trim().to_owned())
        .find(|t| !t.is_empty());
    let mut out = OcrDocument::default();
    let mut spans = Vec::new();
    for page_node in xml::descendants(root, "Page") {
        let size = match (
            xml::num_attr(page_node, "WIDTH", FORMAT)?,
            xml::num_attr(page_node, "HEIGHT", FORMAT)?,
        ) {
            (Some(w), Some(h)) => Some((w, h)),
            _ => None,
        };
        let mut page = OcrPage {
            image: image.clone(),
            size,
            lines: Vec::new(),
        };
        let mut page_spans = Vec::new();
        for line_node in xml::descendants(page_node, "TextLine") {
            let block = line_node
                .ancestors()
                .find(|a| a.is_element() && a.tag_name().name() == "TextBlock")
                .map_or(0, |a| a.id().get_usize());
            let mut builder = LineBuilder::new(bbox(line_node)?, block);
            for s in xml::children(line_node, "String") {
                let Some(span) = xml::attr_span(s, "CONTENT") else {
                    return Err(xml::content_error(
                        s,
                        FORMAT,
                        "<String> without CONTENT".to_owned(),
                    ));
                };
                let text = span.text.clone();
                let conf = xml::num_attr(s, "WC", FORMAT)?;
                builder.push(&text, bbox(s)?, conf, span, Some(removal(src, s)));
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

fn bbox(n: Node) -> Result<Option<BBox>, OcrError> {
    let get = |a| xml::num_attr(n, a, FORMAT);
    Ok(
        match (get("HPOS")?, get("VPOS")?, get("WIDTH")?, get("HEIGHT")?) {
            (Some(x), Some(y), Some(w), Some(h)) => Some(BBox::new(x, y, x + w, y + h)),
            _ => None,
        },
    )
}

/// A `String` with the `SP` that follows it (else the one before it), so no
/// space is left standing for a word that is gone.
fn removal(src: &str, s: Node) -> std::ops::Range<usize> {
    let mut r = xml::removal_range(src, s);
    let is_sp = |n: &Node| n.is_element() && n.tag_name().name() == "SP";
    if let Some(next) = s.next_sibling_element().filter(is_sp) {
        if src
            .get(r.end..next.range().start)
            .is_some_and(|g| g.trim().is_empty())
        {
            r.end = next.range().end;
        }
    }
    r
}
