//! What a page's boxes say about its lines, for the layout model.
//!
//! From plain text the layout can only estimate a line's printed width from its
//! glyphs and guess the column from its neighbours. With boxes it measures: a
//! line's width is its box, its column the extent of the lines beside it
//! ([`crate::page::reading_order`]), its indent the box's offset from the column's
//! left edge, its size the glyph height. Everything is converted to ems, the unit
//! the text-only cues use, so the same decisions run on both.

use super::layout::{Ending, Line, Role};
use crate::page::{BBox, Geometry, PieceBox};

/// A glyph this much larger than the page's body text is a headline's.
const HEADLINE_SIZE: f32 = 1.35;
/// A box starting this far (in ems) right of its column's edge is indented: print
/// indents by two ems, while an OCR box may start an em late where the engine lost
/// the ink of a first glyph's left side.
const INDENT_EMS: f32 = 1.3;
/// No newspaper column is narrower than this.
const MIN_COLUMN_EMS: f32 = 5.0;

/// Overwrites the width, indent and (for large glyphs) role of every line with a
/// box, and returns the column width of each line in ems, or `None` when the
/// geometry is too thin to measure an em (fewer than three lines of text).
pub(super) fn measure(
    text: &str,
    lines: &mut [Line],
    geometry: &Geometry,
) -> Option<Vec<Option<f32>>> {
    // Pixels per em: a line's box against its width counted from its glyphs, over
    // the page (the median shrugs off lines with ghosts or odd glyph widths).
    let mut ratios: Vec<f32> = lines
        .iter()
        .zip(&geometry.lines)
        .filter_map(|(l, g)| {
            let g = g.as_ref()?;
            (!l.is_blank() && l.width >= 4.0).then(|| g.bbox.width() / l.width)
        })
        .filter(|r| r.is_finite() && *r > 0.0)
        .collect();
    if ratios.len() < 3 {
        return None;
    }
    let em = median(&mut ratios);
    let mut sizes: Vec<f32> = geometry
        .lines
        .iter()
        .flatten()
        .map(|g| g.glyph_size)
        .filter(|s| s.is_finite() && *s > 0.0)
        .collect();
    let body_size = if sizes.is_empty() {
        0.0
    } else {
        median(&mut sizes)
    };
    let edges = column_edges(lines, geometry);
    let mut columns = vec![None; lines.len()];
    for (i, line) in lines.iter_mut().enumerate() {
        let (Some(g), Some((left, right))) = (&geometry.lines[i], edges[i]) else {
            continue;
        };
        if line.is_blank() {
            continue;
        }
        // Pixels per glyph along the line (the text's own measure, before the box's
        // width replaces it): a headline's glyphs are wide as well as tall, while a
        // box two print lines tall (OCR merging lines) holds body-size glyphs.
        let advance = if line.width > 0.0 {
            g.bbox.width() / (line.width * printed_share(text, &g.pieces))
        } else {
            0.0
        };
        line.width = g.bbox.width() / em;
        line.punct = 0;
        line.indented = (g.bbox.x0 - left) / em >= INDENT_EMS;
        if body_size > 0.0 {
            line.size = g.glyph_size / body_size;
        }
        // A headline may end in a question or an exclamation, never in `。`.
        let asks = matches!(line.last, '？' | '！' | '?' | '!');
        if body_size > 0.0
            && g.glyph_size >= HEADLINE_SIZE * body_size
            && advance >= 1.25 * em
            && (line.ending != Ending::Sentence || asks)
            && line.role == Role::Body
        {
            line.role = Role::Headline;
        }
        let w = (right - left) / em;
        columns[i] = (w >= MIN_COLUMN_EMS).then_some(w);
    }
    Some(columns)
}

/// The left and right edge of each line's column: where most of the column's lines
/// start and end (a quantile, not the extreme, so one line hanging past the edge
/// or one stray box does not move it).
fn column_edges(lines: &[Line], geometry: &Geometry) -> Vec<Option<(f32, f32)>> {
    let mut by_column: std::collections::HashMap<(u32, u32, usize), (Vec<f32>, Vec<f32>)> =
        std::collections::HashMap::new();
    let key = |g: &crate::page::LineGeometry| (g.column.0.to_bits(), g.column.1.to_bits(), g.page);
    for (l, g) in lines.iter().zip(&geometry.lines) {
        if let Some(g) = g.as_ref().filter(|_| !l.is_blank()) {
            let e = by_column.entry(key(g)).or_default();
            e.0.push(g.bbox.x0);
            e.1.push(g.bbox.x1);
        }
    }
    let edges: std::collections::HashMap<_, (f32, f32)> = by_column
        .into_iter()
        .map(|(k, (mut x0, mut x1))| {
            // With few lines the extremes are all there is.
            let e = if x0.len() < 5 {
                (f32::from_bits(k.0), f32::from_bits(k.1))
            } else {
                x0.sort_by(f32::total_cmp);
                x1.sort_by(f32::total_cmp);
                let n = x0.len() as f32;
                (
                    x0[(n * 0.2) as usize],
                    x1[((n * 0.8) as usize).min(x1.len() - 1)],
                )
            };
            (k, e)
        })
        .collect();
    geometry
        .lines
        .iter()
        .map(|g| g.as_ref().and_then(|g| edges.get(&key(g)).copied()))
        .collect()
}

/// The share of a line's pieces that take room on the page: a fake-bold glyph is
/// drawn twice, and its copy (a piece whose box lies more than half on the piece
/// before, across and down) adds to the text but not to the line's width — so a
/// fake-bold headline's glyphs still measure as wide as they are printed.
fn printed_share(text: &str, pieces: &[PieceBox]) -> f32 {
    let boxed: Vec<(&str, BBox)> = pieces
        .iter()
        .filter_map(|p| Some((text.get(p.range_bytes.clone())?, p.bbox?)))
        .collect();
    if boxed.is_empty() {
        return 1.0;
    }
    let copies = boxed
        .windows(2)
        .filter(|w| {
            let ((a, p), (b, q)) = (w[0], w[1]);
            let across = p.x1.min(q.x1) - p.x0.max(q.x0);
            let down = p.y1.min(q.y1) - p.y0.max(q.y0);
            a == b
                && across > 0.5 * p.width().min(q.width())
                && down > 0.5 * p.height().min(q.height())
        })
        .count();
    (boxed.len() - copies) as f32 / boxed.len() as f32
}

fn median(v: &mut [f32]) -> f32 {
    v.sort_by(f32::total_cmp);
    v[v.len() / 2]
}

#[cfg(test)]
mod tests {
    use crate::engine::Layout;
    use crate::page::{BBox, OcrDocument, OcrLine, OcrPage, Piece};

    /// Lines of a column 20 ems wide at 30 px per em, placed as a scan shows them.
    fn page(lines: &[(&str, f32, f32)]) -> OcrDocument {
        let lines = lines
            .iter()
            .enumerate()
            .map(|(k, &(text, indent, width))| OcrLine {
                text: text.into(),
                bbox: Some(BBox::new(
                    100.0 + indent * 30.0,
                    100.0 + k as f32 * 45.0,
                    100.0 + (indent + width) * 30.0,
                    130.0 + k as f32 * 45.0,
                )),
                ..OcrLine::default()
            })
            .collect();
        OcrDocument {
            pages: vec![OcrPage {
                lines,
                ..OcrPage::default()
            }],
        }
    }

    #[test]
    fn an_indent_the_text_cannot_show_starts_a_paragraph() {
        // The text alone: every line is 18 glyphs, the second ends a sentence and is
        // full; nothing says the third starts a paragraph. Its box is two ems in.
        let doc = page(&[
            ("开发区党工委组织全体干部职工开展创", 0.0, 20.0),
            ("文宣传活动，进一步提升群众的知晓率。", 0.0, 20.0),
            ("活动当天，志愿者们走进社区、学校和", 2.0, 18.0),
            ("企业，向群众发放宣传资料一千余份，", 0.0, 20.0),
            ("并现场解答群众提出的各类问题和建议", 0.0, 20.0),
        ]);
        let (text, geometry) = doc.to_text();
        let plain = Layout::analyze(&text);
        assert_eq!(
            plain.paragraphs.len(),
            1,
            "text alone cannot see the indent"
        );
        let layout = Layout::analyze_with(&text, Some(&geometry));
        assert_eq!(layout.paragraphs, vec![0..2, 2..5]);
    }

    #[test]
    fn a_short_box_ends_a_paragraph_even_when_the_text_looks_full() {
        // Latin and digits make the text measure long; the box is half the column.
        let doc = page(&[
            ("开发区党工委组织全体干部职工开展创文", 0.0, 20.0),
            ("宣传活动，进一步提升群众的知晓率和参", 0.0, 20.0),
            ("与率 Backbone.js 2024 iPhone。", 0.0, 9.0),
            ("活动当天，志愿者们走进社区、学校和企", 0.0, 20.0),
            ("业，向群众发放宣传资料一千余份，并现", 0.0, 20.0),
            ("场解答群众提出的各类问题和建议。", 0.0, 16.0),
        ]);
        let (text, geometry) = doc.to_text();
        let layout = Layout::analyze_with(&text, Some(&geometry));
        assert_eq!(layout.paragraphs, vec![0..3, 3..6]);
    }

    #[test]
    fn lines_of_headline_type_are_one_headline_also_past_a_question_mark() {
        // Four glyphs at twice the body size fill the 8-em column's width: the text
        // alone sees lines as wide as the body; the boxes show large glyphs.
        let big = |k: usize, text: &str, glyphs: f32| OcrLine {
            text: text.into(),
            bbox: Some(BBox::new(
                100.0,
                100.0 + k as f32 * 70.0,
                100.0 + glyphs * 60.0,
                160.0 + k as f32 * 70.0,
            )),
            ..OcrLine::default()
        };
        let body = |k: usize, text: &str, indent: f32| OcrLine {
            text: text.into(),
            bbox: Some(BBox::new(
                100.0 + indent * 30.0,
                400.0 + k as f32 * 45.0,
                100.0 + 8.0 * 30.0,
                430.0 + k as f32 * 45.0,
            )),
            ..OcrLine::default()
        };
        let lines = vec![
            big(0, "稳定版会", 4.0),
            big(1, "有软件包", 4.0),
            big(2, "升级吗？", 4.0),
            big(3, "怎样冻结", 4.0),
            body(0, "当测试版足够成", 1.0),
            body(1, "熟的时候，发布管", 0.0),
            body(2, "理员会开始冻结它", 0.0),
            body(3, "正常的迁移延迟会", 0.0),
            body(4, "被延长以确保稳定", 0.0),
        ];
        let doc = OcrDocument {
            pages: vec![OcrPage {
                lines,
                ..OcrPage::default()
            }],
        };
        let (text, geometry) = doc.to_text();
        let layout = Layout::analyze_with(&text, Some(&geometry));
        assert_eq!(layout.paragraphs[0], 0..4, "{:?}", layout.paragraphs);
        assert_eq!(layout.paragraphs[1].start, 4);
    }

    #[test]
    fn a_fake_bold_headlines_lines_are_one_headline() {
        // As above, the headline drawn in fake bold: every glyph twice, the copy a
        // hair to the right, each a piece of its own — the text holds twice the
        // glyphs the boxes are wide for.
        let big = |k: usize, text: &str| {
            let mut line = OcrLine {
                bbox: Some(BBox::new(
                    100.0,
                    100.0 + k as f32 * 70.0,
                    340.8,
                    160.0 + k as f32 * 70.0,
                )),
                ..OcrLine::default()
            };
            for (n, c) in text.chars().enumerate() {
                for dx in [0.0, 0.8] {
                    let start = line.text.len();
                    line.text.push(c);
                    let x = 100.0 + n as f32 * 60.0 + dx;
                    line.pieces.push(Piece {
                        range_bytes: start..line.text.len(),
                        bbox: Some(BBox::new(
                            x,
                            100.0 + k as f32 * 70.0,
                            x + 60.0,
                            160.0 + k as f32 * 70.0,
                        )),
                        conf: None,
                    });
                }
            }
            line
        };
        let body = |k: usize, text: &str, indent: f32| OcrLine {
            text: text.into(),
            bbox: Some(BBox::new(
                100.0 + indent * 30.0,
                400.0 + k as f32 * 45.0,
                100.0 + 8.0 * 30.0,
                430.0 + k as f32 * 45.0,
            )),
            ..OcrLine::default()
        };
        let lines = vec![
            big(0, "冻结期间"),
            big(1, "稳定版会"),
            big(2, "有升级吗"),
            body(0, "当测试版足够成", 1.0),
            body(1, "熟的时候，发布管", 0.0),
            body(2, "理员会开始冻结它", 0.0),
            body(3, "正常的迁移延迟会", 0.0),
            body(4, "被延长以确保稳定", 0.0),
        ];
        let doc = OcrDocument {
            pages: vec![OcrPage {
                lines,
                ..OcrPage::default()
            }],
        };
        let (text, geometry) = doc.to_text();
        let layout = Layout::analyze_with(&text, Some(&geometry));
        assert_eq!(layout.paragraphs[0], 0..3, "{:?}", layout.paragraphs);
        assert_eq!(layout.paragraphs[1].start, 3);
    }

    #[test]
    fn geometry_for_another_text_is_ignored() {
        let doc = page(&[("甲乙丙丁", 0.0, 4.0), ("戊己庚辛", 0.0, 4.0)]);
        let (_, geometry) = doc.to_text();
        let text = "甲乙丙丁\n戊己庚辛\n壬癸";
        let a = Layout::analyze_with(text, Some(&geometry));
        let b = Layout::analyze(text);
        assert_eq!(a.paragraphs, b.paragraphs);
    }
}
