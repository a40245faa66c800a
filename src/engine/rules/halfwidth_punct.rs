//! `halfwidth-punct`: ASCII `, . : ; ? ! ( )` that slipped into Chinese text.
//!
//! A mark is Chinese when the glyph before it is Chinese (Han or full-width
//! punctuation); `.` also needs Chinese or the line end after it, so `3.5`,
//! `Backbone.js`, `16:32`, URLs and English sentences never qualify. Brackets go by
//! pairs: `(记者 王晨)` becomes `（记者 王晨）` because Chinese sits inside. The
//! spaces around a converted mark go with it (a full-width mark carries its own).

use crate::edit::Edit;
use crate::engine::{Context, Finding, RuleId};
use crate::text::chars::{is_cjk, is_han, is_hspace};

fn fullwidth(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        '.' => '。',
        ':' => '：',
        ';' => '；',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

#[derive(Clone, Copy)]
struct Glyph {
    at: usize,
    c: char,
}

pub fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let text = ctx.text;
    let mut out = Vec::new();
    for line in ctx.layout.lines.iter().filter(|l| !l.is_blank()) {
        // The line scan noted whether any of `, . : ; ? ! ( )` occurs at all.
        if !line.has_ascii_punct {
            continue;
        }
        let s = &text[line.content.clone()];
        let glyphs: Vec<Glyph> = s
            .char_indices()
            .map(|(i, c)| Glyph {
                at: line.content.start + i,
                c,
            })
            .collect();
        let solid: Vec<usize> = (0..glyphs.len())
            .filter(|&i| !is_hspace(glyphs[i].c))
            .collect();
        // Glyph indices already converted as a bracket pair (sorted: pairs close in order).
        let mut parens_done: Vec<usize> = Vec::new();
        // Bracket pairs first.
        let mut stack: Vec<usize> = Vec::new();
        for (k, &i) in solid.iter().enumerate() {
            match glyphs[i].c {
                '(' => stack.push(k),
                ')' => {
                    if let Some(open_k) = stack.pop() {
                        let inner = &solid[open_k + 1..k];
                        if inner.iter().any(|&j| is_han(glyphs[j].c)) {
                            let (o, c) = (glyphs[solid[open_k]], glyphs[i]);
                            let edits = vec![
                                Edit::new(o.at..o.at + 1, "（"),
                                Edit::new(c.at..c.at + 1, "）"),
                            ];
                            out.push(Finding::new(
                                RuleId::HalfwidthPunct,
                                o.at..c.at + 1,
                                edits,
                                "half-width brackets around Chinese: （）",
                            ));
                            parens_done.extend([solid[open_k], i]);
                        }
                    }
                }
                _ => {}
            }
        }
        parens_done.sort_unstable();
        // Half-width bracket depth before each glyph, for lone `)`.
        let mut depth = 0i32;
        let depth_before: Vec<i32> = solid
            .iter()
            .map(|&j| {
                let d = depth;
                match glyphs[j].c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                d
            })
            .collect();
        for (k, &i) in solid.iter().enumerate() {
            let g = glyphs[i];
            let Some(full) = fullwidth(g.c) else { continue };
            if parens_done.binary_search(&i).is_ok() {
                continue;
            }
            let prev = k.checked_sub(1).map(|p| glyphs[solid[p]].c);
            let next = solid.get(k + 1).map(|&n| glyphs[n].c);
            let prev_cjk = prev.is_some_and(is_cjk);
            let next_cjk_or_end = next.is_none_or(is_cjk);
            let chinese = match g.c {
                '.' => prev.is_some_and(is_han) && next_cjk_or_end && next != Some('.'),
                '(' => next.is_some_and(is_han) || (prev_cjk && next.is_some_and(is_cjk)),
                ')' => prev.is_some_and(is_han) && depth_before[k] <= 0,
                _ => prev_cjk && next != Some(g.c) && !(g.c == ':' && next == Some('/')),
            };
            if !chinese {
                continue;
            }
            // Take the surrounding spaces along when Chinese is on that side.
            let mut start = g.at;
            let mut end = g.at + 1;
            if prev_cjk && i > 0 && is_hspace(glyphs[i - 1].c) {
                start = glyphs[solid[k - 1]].at + glyphs[solid[k - 1]].c.len_utf8();
            }
            if next.is_some_and(is_cjk) && glyphs.get(i + 1).is_some_and(|n| is_hspace(n.c)) {
                end = glyphs[solid[k + 1]].at;
            }
            // The span covers the spaces taken along: a finding's edits lie inside
            // its span (what `Finding::replacement` and the JSON output rely on).
            out.push(Finding::new(
                RuleId::HalfwidthPunct,
                start..end,
                vec![Edit::new(start..end, full.to_string())],
                format!("half-width `{}` in Chinese text: `{full}`", g.c),
            ));
        }
    }
    out
}
