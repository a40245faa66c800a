//! Corrections spliced into the source: only the text of lines and pieces that
//! changed is rewritten, so coordinates, IDs and every other byte stay as read.

use std::ops::Range;

use crate::Corrections;
use crate::error::OcrError;
use crate::source_map::{Escape, SourceMap, Span};

/// The source with `corrections` written into it (see [`crate::write_back`]).
pub(crate) fn write(
    src: &str,
    map: &SourceMap,
    corrections: &Corrections,
) -> Result<String, OcrError> {
    if src.len() != map.source_len {
        return Err(OcrError::SourceChanged);
    }
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for (p, page) in map.pages.iter().enumerate() {
        for (l, line) in page.iter().enumerate() {
            let Some(fix) = corrections.pages.get(p).and_then(|pg| pg.get(l)) else {
                continue;
            };
            if let Some(span) = &line.text {
                if span.text != fix.text {
                    edits.push(replace(src, span, &fix.text)?);
                }
            }
            let new_of = |k: usize| fix.pieces.get(k).map(String::as_str);
            // A line keeps at least one word (ALTO's TextLine must hold a String):
            // when every piece goes, the first to go is emptied instead.
            let kept = (0..line.pieces.len())
                .filter(|&k| new_of(k).is_none_or(|t| !t.is_empty()))
                .count();
            let mut spared = false;
            for (k, piece) in line.pieces.iter().enumerate() {
                let Some(new) = new_of(k) else { continue };
                if new == piece.text.text {
                    continue;
                }
                if new.is_empty() {
                    if let Some(el) = piece.element.as_ref().filter(|_| kept > 0 || spared) {
                        edits.push((el.clone(), String::new()));
                        continue;
                    }
                    spared = true;
                }
                edits.push(replace(src, &piece.text, new)?);
            }
        }
    }
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    let mut out = String::with_capacity(src.len() + 64);
    let mut at = 0;
    for (r, text) in edits {
        if r.start < at || r.end > src.len() {
            // Overlaps an edit already made (a removed element holding a line's
            // text span): the first one wins.
            continue;
        }
        out.push_str(src.get(at..r.start).ok_or(OcrError::SourceChanged)?);
        out.push_str(&text);
        at = r.end;
    }
    out.push_str(src.get(at..).ok_or(OcrError::SourceChanged)?);
    Ok(out)
}

fn replace(src: &str, span: &Span, text: &str) -> Result<(Range<usize>, String), OcrError> {
    let escaped = match span.escape {
        Escape::XmlText => xml_escape(text, false),
        Escape::XmlAttr => xml_escape(text, true),
        Escape::XmlEmptyElement => {
            // `<Unicode/>` → `<Unicode>text</Unicode>` with the source's own name.
            let raw = src.get(span.range.clone()).ok_or(OcrError::SourceChanged)?;
            let inner = raw.trim_start_matches('<');
            let name_len = inner
                .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
                .unwrap_or(inner.len());
            let name = &inner[..name_len];
            let open = raw.strip_suffix("/>").unwrap_or(raw).trim_end();
            format!("{open}>{}</{name}>", xml_escape(text, false))
        }
        Escape::Tsv => text.replace(['\t', '\n', '\r'], " "),
        Escape::Json => {
            let quoted = serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned());
            quoted[1..quoted.len() - 1].to_owned()
        }
    };
    Ok((span.range.clone(), escaped))
}

fn xml_escape(text: &str, attr: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\'' if attr => out.push_str("&apos;"),
            '\t' if attr => out.push_str("&#9;"),
            '\n' if attr => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            // Not allowed in XML 1.0 at all: dropped rather than writing a file no
            // reader accepts.
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}
