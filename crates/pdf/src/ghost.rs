//! Ghost glyphs: fake bold as layout programs write it draws every glyph twice, a
//! fraction of an em apart, so extraction yields each glyph twice ("88月2266日，，").
//! The two copies of a ghost overlap almost entirely; a correct double (整整齐齐,
//! 人人, 88项, ……) stands a full advance apart and its boxes at most touch.

use jiaodui_core::page::OcrLine;

/// Pairs `(i, i + 1)` of adjacent pieces of `line` with the same text whose boxes
/// overlap by more than half a glyph, across and down: the second is a ghost of
/// the first. A glyph drawn three times gives two pairs, `(i, i+1)` and
/// `(i+1, i+2)`. White space is never paired.
pub fn ghost_pairs(line: &OcrLine) -> Vec<(usize, usize)> {
    let text = |i: usize| {
        line.pieces
            .get(i)
            .and_then(|p| line.text.get(p.range_bytes.clone()))
    };
    let mut pairs = Vec::new();
    for i in 0..line.pieces.len().saturating_sub(1) {
        let (Some(a), Some(b)) = (text(i), text(i + 1)) else {
            continue;
        };
        if a != b || a.trim().is_empty() {
            continue;
        }
        let (Some(p), Some(q)) = (line.pieces[i].bbox, line.pieces[i + 1].bbox) else {
            continue;
        };
        let across = p.x1.min(q.x1) - p.x0.max(q.x0);
        let down = p.y1.min(q.y1) - p.y0.max(q.y0);
        if across > 0.5 * p.width().min(q.width()) && down > 0.5 * p.height().min(q.height()) {
            pairs.push((i, i + 1));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiaodui_core::page::{BBox, Piece};

    /// A line whose glyphs start at the given x positions, 20 px wide each.
    fn line(text: &str, xs: &[f32]) -> OcrLine {
        let mut l = OcrLine {
            text: text.into(),
            ..OcrLine::default()
        };
        let mut start = 0;
        for (c, &x) in text.chars().zip(xs) {
            let end = start + c.len_utf8();
            l.pieces.push(Piece {
                range_bytes: start..end,
                bbox: Some(BBox::new(
                    x,
                    0.0,
                    x + if c.is_ascii() { 10.0 } else { 20.0 },
                    20.0,
                )),
                conf: None,
            });
            start = end;
        }
        l
    }

    #[test]
    fn fake_bold_date_pairs_every_doubled_glyph() {
        // 8月26日， drawn twice 0.4 px apart, as extraction interleaves it.
        let xs = [
            0.0, 0.4, 10.0, 10.4, 30.0, 30.4, 40.0, 40.4, 50.0, 50.4, 70.0, 70.4,
        ];
        let l = line("88月月2266日日，，", &xs);
        assert_eq!(
            ghost_pairs(&l),
            [(0, 1), (2, 3), (4, 5), (6, 7), (8, 9), (10, 11)]
        );
    }

    #[test]
    fn correct_doubles_a_full_advance_apart_are_never_paired() {
        let l = line("整整齐齐", &[0.0, 20.0, 40.0, 60.0]);
        assert!(ghost_pairs(&l).is_empty());
        let l = line("人人参与", &[0.0, 20.0, 40.0, 60.0]);
        assert!(ghost_pairs(&l).is_empty());
        let l = line("88项……", &[0.0, 10.0, 20.0, 40.0, 60.0]);
        assert!(ghost_pairs(&l).is_empty());
    }

    #[test]
    fn a_ghost_next_to_a_correct_double() {
        // 人人 correctly, the second 人 in fake bold: 人人人 with the last two overlapping.
        let l = line("人人人", &[0.0, 20.0, 20.3]);
        assert_eq!(ghost_pairs(&l), [(1, 2)]);
    }
}
