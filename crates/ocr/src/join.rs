//! Words into a line's text, the way Tesseract's own plain-text output joins them.
//!
//! Tesseract (chi_sim, checked on the fixtures' pages) writes no space between two
//! Chinese words or between a Chinese word and a Latin one (`设有Open Lab`), one
//! between two Latin words, and spaces where the gap is wide (a column gutter a
//! line ran across). Its hOCR and TSV say nothing about spaces and its ALTO puts an
//! `SP` between every two words, so every reader joins by this one rule.

use jiaodui_core::page::{BBox, OcrLine, Piece};

use crate::source_map::{LineSpans, PieceSpan, Span};

/// True for the characters Chinese is set in (ideographs, kana, hangul, CJK and
/// full-width punctuation, and the general punctuation Chinese uses: — … “ ”).
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2010..=0x205E
        | 0x2E80..=0x9FFF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7FF
        | 0xF900..=0xFAFF
        | 0xFE10..=0xFE1F
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

/// Whether a space stands between two neighbouring words of a line.
pub(crate) fn needs_space(prev: &str, next: &str, gap: Option<f32>, height: Option<f32>) -> bool {
    let (Some(a), Some(b)) = (prev.chars().last(), next.chars().next()) else {
        return false;
    };
    if a.is_whitespace() || b.is_whitespace() {
        return false;
    }
    if !is_wide(a) && !is_wide(b) {
        return true;
    }
    // A gap wider than the line is high is a space however the words are written.
    matches!((gap, height), (Some(g), Some(h)) if h > 0.0 && g >= h)
}

/// Builds one line from its words in order: the text, the pieces with their byte
/// ranges in it, and the pieces' places in the source.
#[derive(Default)]
pub(crate) struct LineBuilder {
    line: OcrLine,
    spans: LineSpans,
    last: Option<(usize, Option<BBox>)>,
}

impl LineBuilder {
    pub fn new(bbox: Option<BBox>, block: usize) -> LineBuilder {
        LineBuilder {
            line: OcrLine {
                bbox,
                block,
                ..OcrLine::default()
            },
            ..LineBuilder::default()
        }
    }

    /// Appends a word; `span` is where its text stands in the source.
    pub fn push(
        &mut self,
        text: &str,
        bbox: Option<BBox>,
        conf: Option<f32>,
        span: Span,
        element: Option<std::ops::Range<usize>>,
    ) {
        if let Some((prev_start, prev_box)) = self.last {
            let prev = &self.line.text[prev_start..];
            let gap = match (prev_box, bbox) {
                (Some(p), Some(n)) => Some(n.x0 - p.x1),
                _ => None,
            };
            let height = self.line.bbox.or(bbox).map(|b| b.height());
            if needs_space(prev, text, gap, height) {
                self.line.text.push(' ');
            }
        }
        let start = self.line.text.len();
        self.line.text.push_str(text);
        self.line.pieces.push(Piece {
            range_bytes: start..self.line.text.len(),
            bbox,
            conf: conf.map(clamp_conf),
        });
        self.spans.pieces.push(PieceSpan {
            text: span,
            element,
        });
        if !text.is_empty() {
            self.last = Some((start, bbox));
        }
    }

    /// Sets the line's own text span (formats that store a line text).
    pub fn set_line_span(&mut self, span: Span) {
        self.spans.text = Some(span);
    }

    pub fn line_mut(&mut self) -> &mut OcrLine {
        &mut self.line
    }

    pub fn finish(mut self) -> (OcrLine, LineSpans) {
        if self.line.bbox.is_none() {
            self.line.bbox = self
                .line
                .pieces
                .iter()
                .filter_map(|p| p.bbox)
                .reduce(|a, b| a.union(&b));
        }
        (self.line, self.spans)
    }
}

/// A confidence in 0–1 (engines round or overshoot; NaN means none was given).
pub(crate) fn clamp_conf(c: f32) -> f32 {
    if c.is_nan() { 0.0 } else { c.clamp(0.0, 1.0) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_only_between_latin_words_or_across_wide_gaps() {
        assert!(!needs_space("设有", "Open", Some(2.0), Some(40.0)));
        assert!(needs_space("Open", "Lab", Some(13.0), Some(40.0)));
        assert!(!needs_space("昨天", "上", Some(-1.0), Some(40.0)));
        assert!(needs_space("内容", "右栏", Some(120.0), Some(40.0)));
        assert!(!needs_space("", "右栏", Some(120.0), Some(40.0)));
        assert!(needs_space("3200", "km", None, None));
    }
}
