//! PaddleOCR results saved as JSON, both shapes:
//! - 2.x (`ocr.ocr(img)`): a list of lines `[[[x, y] × 4], [text, score]]`, or a
//!   list of such lists, one per page;
//! - 3.x (`res.save_to_json`, `print(res)`): an object with `rec_texts`,
//!   `rec_scores` and `rec_polys` (or `rec_boxes` `[x0, y0, x1, y1]`) and
//!   `input_path`, bare or under `"res"`; a list of them is one page each.
//!
//! Lines only (no words, no blocks: every line is block 0) and in Paddle's order,
//! which runs across columns; `OcrDocument::to_text` puts them in reading order.
//! The image size is not in the file.

use jiaodui_core::page::{BBox, OcrDocument, OcrLine, OcrPage};

use crate::error::OcrError;
use crate::join::clamp_conf;
use crate::json::{self, JKind, JVal};
use crate::source_map::{Escape, LineSpans, Span};

const FORMAT: &str = "PaddleOCR JSON";

pub(crate) fn read(src: &str) -> Result<(OcrDocument, Vec<Vec<LineSpans>>), OcrError> {
    let root = json::parse(src, FORMAT)?;
    let mut r = Reader {
        src,
        doc: OcrDocument::default(),
        spans: Vec::new(),
    };
    match &root.kind {
        JKind::Obj(_) => r.v3_page(&root)?,
        JKind::Arr(items) => {
            if items.iter().all(|i| matches!(i.kind, JKind::Obj(_))) && !items.is_empty() {
                for i in items {
                    r.v3_page(i)?;
                }
            } else if items.iter().any(is_v2_line) {
                r.v2_page(items)?;
            } else {
                for page in items {
                    match &page.kind {
                        JKind::Null => r.push_page(OcrPage::default(), Vec::new()),
                        JKind::Arr(lines) => r.v2_page(lines)?,
                        _ => return Err(r.error(page, "expected a page's list of lines")),
                    }
                }
            }
        }
        _ => return Err(r.error(&root, "expected a list or an object")),
    }
    Ok((r.doc, r.spans))
}

/// `[[[x, y], …], [text, score]]`
fn is_v2_line(v: &JVal) -> bool {
    match v.as_array() {
        Some([poly, rec]) => {
            poly.as_array()
                .and_then(|p| p.first())
                .and_then(JVal::as_array)
                .is_some_and(|pt| pt.len() == 2)
                && rec.as_array().is_some()
        }
        _ => false,
    }
}

struct Reader<'a> {
    src: &'a str,
    doc: OcrDocument,
    spans: Vec<Vec<LineSpans>>,
}

impl Reader<'_> {
    fn error(&self, at: &JVal, message: &str) -> OcrError {
        let (line, column) = crate::error::line_col(self.src, at.span.start);
        OcrError::Content {
            format: FORMAT,
            line,
            column,
            message: message.to_owned(),
        }
    }

    fn push_page(&mut self, page: OcrPage, spans: Vec<LineSpans>) {
        self.doc.pages.push(page);
        self.spans.push(spans);
    }

    fn text_line(
        &self,
        text: &JVal,
        conf: Option<f32>,
        bbox: Option<BBox>,
    ) -> Result<(OcrLine, LineSpans), OcrError> {
        let s = text
            .as_str()
            .ok_or_else(|| self.error(text, "expected the text as a string"))?;
        Ok((
            OcrLine {
                text: s.to_owned(),
                pieces: Vec::new(),
                bbox,
                conf: conf.map(clamp_conf),
                block: 0,
                font_size: None,
            },
            LineSpans {
                text: Some(Span {
                    range: text.span.clone(),
                    escape: Escape::Json,
                    text: s.to_owned(),
                }),
                pieces: Vec::new(),
            },
        ))
    }

    fn poly(&self, v: &JVal) -> Result<BBox, OcrError> {
        let bad = || self.error(v, "expected a polygon [[x, y], …]");
        let pts = v.as_array().ok_or_else(bad)?;
        let mut points = Vec::with_capacity(pts.len());
        for p in pts {
            match p.as_array() {
                Some([x, y]) => match (x.as_f32(), y.as_f32()) {
                    (Some(x), Some(y)) => points.push((x, y)),
                    _ => return Err(bad()),
                },
                _ => return Err(bad()),
            }
        }
        BBox::from_points(points).ok_or_else(bad)
    }

    fn v2_page(&mut self, lines: &[JVal]) -> Result<(), OcrError> {
        let mut page = OcrPage::default();
        let mut spans = Vec::new();
        for l in lines {
            let Some([poly, rec]) = l.as_array() else {
                return Err(self.error(l, "expected a line [polygon, [text, score]]"));
            };
            let bbox = self.poly(poly)?;
            let (text, score) = match rec.as_array() {
                Some([t, s]) => (t, s.as_f32()),
                Some([t]) => (t, None),
                _ => return Err(self.error(rec, "expected [text, score]")),
            };
            let (line, s) = self.text_line(text, score, Some(bbox))?;
            page.lines.push(line);
            spans.push(s);
        }
        self.push_page(page, spans);
        Ok(())
    }

    fn v3_page(&mut self, obj: &JVal) -> Result<(), OcrError> {
        let res = obj.get("res").unwrap_or(obj);
        let texts = res
            .get("rec_texts")
            .and_then(JVal::as_array)
            .ok_or_else(|| self.error(res, "no \"rec_texts\" list"))?;
        let scores = res.get("rec_scores").and_then(JVal::as_array);
        let polys = res.get("rec_polys").and_then(JVal::as_array);
        let boxes = res.get("rec_boxes").and_then(JVal::as_array);
        for (name, list) in [
            ("rec_scores", scores),
            ("rec_polys", polys),
            ("rec_boxes", boxes),
        ] {
            if let Some(l) = list.filter(|l| l.len() != texts.len()) {
                let at = res.get(name).unwrap_or(res);
                return Err(self.error(
                    at,
                    &format!("{name} has {} entries for {} texts", l.len(), texts.len()),
                ));
            }
        }
        let mut page = OcrPage {
            image: res
                .get("input_path")
                .and_then(JVal::as_str)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
            ..OcrPage::default()
        };
        let mut spans = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            let bbox = if let Some(p) = polys.and_then(|p| p.get(i)) {
                Some(self.poly(p)?)
            } else if let Some(b) = boxes.and_then(|b| b.get(i)) {
                let v: Vec<f32> = b
                    .as_array()
                    .unwrap_or(&[])
                    .iter()
                    .filter_map(JVal::as_f32)
                    .collect();
                match v[..] {
                    [x0, y0, x1, y1] => Some(BBox::new(x0, y0, x1, y1)),
                    _ => return Err(self.error(b, "expected a box [x0, y0, x1, y1]")),
                }
            } else {
                None
            };
            let score = scores.and_then(|s| s.get(i)).and_then(JVal::as_f32);
            let (line, s) = self.text_line(t, score, bbox)?;
            page.lines.push(line);
            spans.push(s);
        }
        self.push_page(page, spans);
        Ok(())
    }
}
