//! What the three XML formats share: parsing with positions, text and attribute
//! spans, and the bytes an element takes up.

use std::ops::Range;

use roxmltree::{Document, Node, ParsingOptions};

use crate::error::{OcrError, line_col};
use crate::source_map::{Escape, Span};

/// Parses `text` (Tesseract's hOCR carries an XHTML DOCTYPE, so DTDs are allowed;
/// roxmltree does not fetch them).
pub(crate) fn parse<'a>(text: &'a str, format: &'static str) -> Result<Document<'a>, OcrError> {
    check_depth(text, format)?;
    let opts = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, opts).map_err(|e| {
        let pos = e.pos();
        OcrError::Syntax {
            format,
            line: pos.row as usize,
            column: pos.col as usize,
            message: e.to_string(),
        }
    })
}

/// Deeper element nesting than any OCR file has (they go a dozen deep) is refused
/// before parsing: roxmltree descends recursively and would exhaust the stack.
const MAX_DEPTH: usize = 256;

/// Refuses nesting deeper than [`MAX_DEPTH`]: a quick scan of the tags (comments,
/// CDATA, processing instructions and the DOCTYPE skipped, quotes respected).
fn check_depth(text: &str, format: &'static str) -> Result<(), OcrError> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    let skip_to = |from: usize, end: &str| {
        text.get(from..)
            .and_then(|t| t.find(end))
            .map_or(b.len(), |k| from + k + end.len())
    };
    while let Some(k) = memchr_lt(b, i) {
        i = k;
        let rest = &b[i..];
        if rest.starts_with(b"<!--") {
            i = skip_to(i, "-->");
        } else if rest.starts_with(b"<![CDATA[") {
            i = skip_to(i, "]]>");
        } else if rest.starts_with(b"<?") {
            i = skip_to(i, "?>");
        } else if rest.starts_with(b"<!") {
            // DOCTYPE: its internal subset may hold '>' inside brackets.
            let mut j = i + 2;
            let mut bracket = 0i32;
            while j < b.len() {
                match b[j] {
                    b'[' => bracket += 1,
                    b']' => bracket -= 1,
                    b'>' if bracket <= 0 => break,
                    _ => {}
                }
                j += 1;
            }
            i = j + 1;
        } else if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            i += 2;
        } else {
            let mut j = i + 1;
            let mut quote = None;
            while j < b.len() {
                match (quote, b[j]) {
                    (Some(q), c) if c == q => quote = None,
                    (None, b'"' | b'\'') => quote = Some(b[j]),
                    (None, b'>') => break,
                    _ => {}
                }
                j += 1;
            }
            if b.get(j.wrapping_sub(1)) != Some(&b'/') {
                depth += 1;
                if depth > MAX_DEPTH {
                    let (line, column) = line_col(text, i);
                    return Err(OcrError::Syntax {
                        format,
                        line,
                        column,
                        message: format!("elements nested more than {MAX_DEPTH} deep"),
                    });
                }
            }
            i = j + 1;
        }
    }
    Ok(())
}

fn memchr_lt(b: &[u8], from: usize) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&c| c == b'<')
        .map(|k| from + k)
}

/// An error about `node`'s content, placed at the node.
pub(crate) fn content_error(node: Node, format: &'static str, message: String) -> OcrError {
    let pos = node.document().text_pos_at(node.range().start);
    OcrError::Content {
        format,
        line: pos.row as usize,
        column: pos.col as usize,
        message,
    }
}

/// The element's own text (all text below it, in order).
pub(crate) fn inner_text(node: Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

/// The span of an element's content: between its start and end tags, or the whole
/// element when it is self-closing (writing then makes it a start/end pair).
pub(crate) fn content_span(src: &str, node: Node) -> Span {
    let range = node.range();
    let text = inner_text(node);
    let raw = src.get(range.clone()).unwrap_or("");
    if raw.ends_with("/>") || !raw.contains("</") {
        return Span {
            range,
            escape: Escape::XmlEmptyElement,
            text,
        };
    }
    let open_end = start_tag_end(raw).map_or(range.start, |e| range.start + e);
    let close_start = raw.rfind("</").map_or(range.end, |c| range.start + c);
    Span {
        range: open_end..close_start.max(open_end),
        escape: Escape::XmlText,
        text,
    }
}

/// Byte just past the `>` ending the start tag of `element` (quotes respected).
fn start_tag_end(element: &str) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (i, &b) in element.as_bytes().iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return Some(i + 1),
            None => {}
        }
    }
    None
}

/// The span of an attribute's value (local name, any namespace).
pub(crate) fn attr_span(node: Node, name: &str) -> Option<Span> {
    node.attributes().find(|a| a.name() == name).map(|a| Span {
        range: a.range_value(),
        escape: Escape::XmlAttr,
        text: a.value().to_owned(),
    })
}

/// A number attribute; absent is `None`, present but not a number is an error.
pub(crate) fn num_attr(
    node: Node,
    name: &str,
    format: &'static str,
) -> Result<Option<f32>, OcrError> {
    match node.attributes().find(|a| a.name() == name) {
        None => Ok(None),
        Some(a) => a
            .value()
            .trim()
            .parse::<f32>()
            .ok()
            .filter(|v| v.is_finite())
            .map(Some)
            .ok_or_else(|| {
                content_error(
                    node,
                    format,
                    format!("{name}=\"{}\" is not a number", a.value()),
                )
            }),
    }
}

/// The bytes to drop to remove `node`: the element with the indentation before
/// it (back to and including the line break), so no blank line is left behind.
pub(crate) fn removal_range(src: &str, node: Node) -> Range<usize> {
    let range = node.range();
    let bytes = src.as_bytes();
    let mut start = range.start;
    while start > 0 && matches!(bytes[start - 1], b' ' | b'\t') {
        start -= 1;
    }
    if start > 0 && bytes[start - 1] == b'\n' {
        start -= 1;
        if start > 0 && bytes[start - 1] == b'\r' {
            start -= 1;
        }
    } else {
        // Not alone on its line: keep the indentation.
        start = range.start;
    }
    start..range.end
}

/// Child elements with the local name `name`.
pub(crate) fn children<'a, 'i>(
    node: Node<'a, 'i>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

/// Descendant elements (the node itself excluded) with the local name `name`.
pub(crate) fn descendants<'a, 'i>(
    node: Node<'a, 'i>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> {
    node.descendants()
        .skip(1)
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}
