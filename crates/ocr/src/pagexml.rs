//! PAGE XML (PRImA, 2013 and 2019 schemas, and older ones with `Point` children),
//! namespace-agnostic: `Page` (`imageFilename`, `imageWidth`, `imageHeight`),
//! `TextRegion` → `TextLine` → `Word`, each with `Coords` and `TextEquiv/Unicode`.
//! Regions are read in `ReadingOrder` (`OrderedGroup` / `UnorderedGroup` with
//! `RegionRefIndexed` / `RegionRef`, nested groups flattened) when there is one,
//! regions it leaves out after, in file order; nested regions are regions of
//! their own.
//!
//! A line's text is its own `TextEquiv` when it has one; its words are then its
//! pieces if their texts are found in it in order (else the line has no pieces and
//! only the line text is written back). A line without a `TextEquiv` is its words
//! joined. `Glyph`s are not read (words are the pieces), and are left as they
//! are on write-back; region-level `TextEquiv` is left as well.

use std::collections::HashMap;

use jiaodui_core::page::{BBox, OcrDocument, OcrLine, OcrPage, Piece};
use roxmltree::Node;

use crate::error::OcrError;
use crate::join::{LineBuilder, clamp_conf};
use crate::source_map::{LineSpans, PieceSpan, Span};
use crate::xml;

const FORMAT: &str = "PAGE XML";

pub(crate) fn read(src: &str) -> Result<(OcrDocument, Vec<Vec<LineSpans>>), OcrError> {
    let doc = xml::parse(src, FORMAT)?;
    let root = doc.root_element();
    if root.tag_name().name() != "PcGts" {
        return Err(xml::content_error(
            root,
            FORMAT,
            format!(
                "the root element is <{}>, not <PcGts>",
                root.tag_name().name()
            ),
        ));
    }
    let mut out = OcrDocument::default();
    let mut spans = Vec::new();
    for page_node in xml::descendants(root, "Page") {
        let size = match (
            xml::num_attr(page_node, "imageWidth", FORMAT)?,
            xml::num_attr(page_node, "imageHeight", FORMAT)?,
        ) {
            (Some(w), Some(h)) => Some((w, h)),
            _ => None,
        };
        let mut page = OcrPage {
            image: page_node
                .attribute("imageFilename")
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
            size,
            lines: Vec::new(),
        };
        let mut page_spans = Vec::new();
        for region in regions_in_order(page_node) {
            let block = region.id().get_usize();
            for line_node in xml::children(region, "TextLine") {
                let (line, line_spans) = read_line(src, line_node, block)?;
                page.lines.push(line);
                page_spans.push(line_spans);
            }
        }
        out.pages.push(page);
        spans.push(page_spans);
    }
    Ok((out, spans))
}

/// The page's text regions, in reading order where one is given.
fn regions_in_order<'a, 'i>(page: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    let regions: Vec<Node> = xml::descendants(page, "TextRegion").collect();
    let mut order: Vec<String> = Vec::new();
    if let Some(ro) = xml::children(page, "ReadingOrder").next() {
        for group in ro.children().filter(Node::is_element) {
            flatten_group(group, &mut order, 0);
        }
    }
    let rank: HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .rev()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let mut ranked: Vec<(usize, usize, Node)> = regions
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let k = r
                .attribute("id")
                .and_then(|id| rank.get(id))
                .copied()
                .unwrap_or(usize::MAX);
            (k, i, r)
        })
        .collect();
    ranked.sort_by_key(|&(k, i, _)| (k, i));
    ranked.into_iter().map(|(_, _, r)| r).collect()
}

/// Region ids of a reading-order group, indexed members by `index`.
fn flatten_group(group: Node, order: &mut Vec<String>, depth: usize) {
    if depth > 32 {
        return;
    }
    if let Some(r) = group.attribute("regionRef") {
        order.push(r.to_owned());
    }
    let mut members: Vec<(i64, usize, Node)> = group
        .children()
        .filter(Node::is_element)
        .enumerate()
        .map(|(i, m)| {
            let idx = m
                .attribute("index")
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(i as i64);
            (idx, i, m)
        })
        .collect();
    members.sort_by_key(|&(idx, i, _)| (idx, i));
    for (_, _, m) in members {
        match m.tag_name().name() {
            "RegionRefIndexed" | "RegionRef" => {
                if let Some(r) = m.attribute("regionRef") {
                    order.push(r.to_owned());
                }
            }
            "OrderedGroupIndexed" | "UnorderedGroupIndexed" | "OrderedGroup" | "UnorderedGroup" => {
                flatten_group(m, order, depth + 1)
            }
            _ => {}
        }
    }
}

/// `Coords` as a box: the `points` attribute (`x,y x,y …`) or `Point` children.
fn coords(n: Node) -> Result<Option<BBox>, OcrError> {
    let Some(c) = xml::children(n, "Coords").next() else {
        return Ok(None);
    };
    let bad = || xml::content_error(c, FORMAT, "Coords points are not numbers".to_owned());
    let mut points = Vec::new();
    if let Some(p) = c.attribute("points") {
        for pair in p.split_whitespace() {
            let (x, y) = pair.split_once(',').ok_or_else(bad)?;
            let x: f32 = x.trim().parse().map_err(|_| bad())?;
            let y: f32 = y.trim().parse().map_err(|_| bad())?;
            points.push((x, y));
        }
    } else {
        for p in xml::children(c, "Point") {
            let x = xml::num_attr(p, "x", FORMAT)?;
            let y = xml::num_attr(p, "y", FORMAT)?;
            if let (Some(x), Some(y)) = (x, y) {
                points.push((x, y));
            }
        }
    }
    Ok(BBox::from_points(points))
}

/// The preferred `TextEquiv/Unicode` of an element — the lowest `index` (PAGE
/// lists alternatives that way), else the first — with its confidence.
fn text_equiv(src: &str, n: Node) -> Result<Option<(Span, Option<f32>)>, OcrError> {
    let Some(te) = xml::children(n, "TextEquiv")
        .enumerate()
        .min_by_key(|(i, t)| {
            let index = t
                .attribute("index")
                .and_then(|v| v.trim().parse::<i64>().ok());
            (index.unwrap_or(0), *i)
        })
        .map(|(_, t)| t)
    else {
        return Ok(None);
    };
    let Some(u) = xml::children(te, "Unicode").next() else {
        return Ok(None);
    };
    let conf = xml::num_attr(te, "conf", FORMAT)?;
    Ok(Some((xml::content_span(src, u), conf)))
}

fn read_line(src: &str, line_node: Node, block: usize) -> Result<(OcrLine, LineSpans), OcrError> {
    let bbox = coords(line_node)?;
    let mut words = Vec::new();
    for w in xml::children(line_node, "Word") {
        if let Some((span, conf)) = text_equiv(src, w)? {
            words.push((span, conf, coords(w)?, xml::removal_range(src, w)));
        }
    }
    let Some((line_span, line_conf)) = text_equiv(src, line_node)? else {
        let mut b = LineBuilder::new(bbox, block);
        for (span, conf, wbox, element) in words {
            let text = span.text.clone();
            b.push(&text, wbox, conf, span, Some(element));
        }
        return Ok(b.finish());
    };
    let text = line_span.text.clone();
    // The words, found in the line's own text in order.
    let mut pieces = Vec::new();
    let mut piece_spans = Vec::new();
    let mut at = 0;
    for (span, conf, wbox, element) in words {
        let Some(found) = text.get(at..).and_then(|t| t.find(span.text.as_str())) else {
            pieces.clear();
            piece_spans.clear();
            break;
        };
        let start = at + found;
        at = start + span.text.len();
        pieces.push(Piece {
            range_bytes: start..at,
            bbox: wbox,
            conf: conf.map(clamp_conf),
        });
        piece_spans.push(PieceSpan {
            text: span,
            element: Some(element),
        });
    }
    let bbox = bbox.or_else(|| {
        pieces
            .iter()
            .filter_map(|p| p.bbox)
            .reduce(|a, b| a.union(&b))
    });
    Ok((
        OcrLine {
            text,
            pieces,
            bbox,
            conf: line_conf.map(clamp_conf),
            block,
            font_size: None,
        },
        LineSpans {
            text: Some(line_span),
            pieces: piece_spans,
        },
    ))
}
