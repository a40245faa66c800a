//! Tesseract's TSV: a header, then one row per page (level 1), block (2),
//! paragraph (3), line (4) and word (5), with `left top width height`, `conf`
//! (`-1` on the structure rows, 0–100 on words) and the word's `text`. Tesseract's
//! blocks are the blocks (its paragraph guesses, which its text output separates by
//! blank lines, break mid-paragraph too often to count). Words whose text is only whitespace are not pieces (they
//! stay in the file as they are).

use jiaodui_core::page::{BBox, OcrDocument, OcrPage};

use crate::error::OcrError;
use crate::join::LineBuilder;
use crate::source_map::{Escape, LineSpans, Span};

const FORMAT: &str = "Tesseract TSV";
pub(crate) const HEADER: [&str; 12] = [
    "level",
    "page_num",
    "block_num",
    "par_num",
    "line_num",
    "word_num",
    "left",
    "top",
    "width",
    "height",
    "conf",
    "text",
];

pub(crate) fn read(src: &str) -> Result<(OcrDocument, Vec<Vec<LineSpans>>), OcrError> {
    let mut out = OcrDocument::default();
    let mut spans: Vec<Vec<LineSpans>> = Vec::new();
    let mut current: Option<LineBuilder> = None;
    let mut block = 0usize;
    let mut offset = 0usize;
    let finish =
        |b: Option<LineBuilder>, out: &mut OcrDocument, spans: &mut Vec<Vec<LineSpans>>| {
            if let Some(b) = b {
                let (line, s) = b.finish();
                if out.pages.is_empty() {
                    out.pages.push(OcrPage::default());
                    spans.push(Vec::new());
                }
                if let (Some(p), Some(ps)) = (out.pages.last_mut(), spans.last_mut()) {
                    p.lines.push(line);
                    ps.push(s);
                }
            }
        };
    for (n, raw) in src.split_inclusive('\n').enumerate() {
        let row_range = offset..offset + raw.len();
        let row_start = offset;
        offset += raw.len();
        let row = raw.trim_end_matches(['\n', '\r']);
        let row = if n == 0 {
            row.trim_start_matches('\u{feff}')
        } else {
            row
        };
        if n == 0 {
            let head: Vec<&str> = row.split('\t').collect();
            if head != HEADER {
                return Err(err(1, "the first row is not Tesseract's TSV header"));
            }
            continue;
        }
        if row.is_empty() {
            continue;
        }
        let cells: Vec<&str> = row.splitn(12, '\t').collect();
        if cells.len() < 11 {
            return Err(err(n + 1, &format!("{} cells, not 12", cells.len())));
        }
        let num = |i: usize| -> Result<f32, OcrError> {
            cells[i]
                .trim()
                .parse::<f32>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| {
                    err(
                        n + 1,
                        &format!("{} is not a number: {:?}", HEADER[i], cells[i]),
                    )
                })
        };
        let level = num(0)? as i64;
        let (left, top, width, height) = (num(6)?, num(7)?, num(8)?, num(9)?);
        let bbox = BBox::new(left, top, left + width, top + height);
        match level {
            1 => {
                finish(current.take(), &mut out, &mut spans);
                out.pages.push(OcrPage {
                    image: None,
                    size: Some((width, height)),
                    lines: Vec::new(),
                });
                spans.push(Vec::new());
            }
            // Blocks, not paragraphs: Tesseract's paragraph guess breaks
            // mid-paragraph as often as not (see hocr.rs).
            2 => {
                finish(current.take(), &mut out, &mut spans);
                block += 1;
            }
            3 => finish(current.take(), &mut out, &mut spans),
            4 => {
                finish(current.take(), &mut out, &mut spans);
                current = Some(LineBuilder::new(Some(bbox), block));
            }
            5 => {
                let text = cells.get(11).copied().unwrap_or("");
                if text.trim().is_empty() {
                    continue;
                }
                // Where the text cell starts: after the 11th tab of the row.
                let text_start = row_start + row.len() - text.len();
                let conf = num(10)?;
                let conf = (conf >= 0.0).then_some(conf / 100.0);
                let b = current.get_or_insert_with(|| LineBuilder::new(None, block));
                b.push(
                    text,
                    Some(bbox),
                    conf,
                    Span {
                        range: text_start..text_start + text.len(),
                        escape: Escape::Tsv,
                        text: text.to_owned(),
                    },
                    Some(row_range),
                );
            }
            _ => return Err(err(n + 1, &format!("level {level} is not 1–5"))),
        }
    }
    finish(current.take(), &mut out, &mut spans);
    Ok((out, spans))
}

fn err(line: usize, message: &str) -> OcrError {
    OcrError::Content {
        format: FORMAT,
        line,
        column: 1,
        message: message.to_owned(),
    }
}
