//! `halfwidth-punct`: ASCII `, . : ; ? ! ( )` that slipped into Chinese text.
//!
//! A mark is Chinese when the glyph before it is Chinese (Han or full-width
//! punctuation); `.` also needs Chinese or the line end after it, so `3.5`,
//! `Backbone.js`, `16:32`, URLs and English sentences never qualify. Brackets go by
//! pairs: `(记者 王晨)` becomes `（记者 王晨）` because Chinese sits inside. The
//! spaces around a converted mark go with it (a full-width mark carries its own).

use crate::edit::Edit;
use crate::engine::layout::Cursor;
use crate::engine::rule::{Colour, RuleInfo, Text};
use crate::engine::{Context, Finding, Message, RuleId, Severity};
use crate::text::chars::{fullwidth_of, is_cjk, is_han, is_hspace};

/// The registry entry (see `engine/rule.rs`).
pub const RULE: RuleInfo = RuleInfo {
    id: "halfwidth-punct",
    name: Text {
        en: "Half-width punctuation",
        zh: "半角标点",
    },
    description: Text {
        en: "half-width , . : ; ? ! ( ) in Chinese text: `近日,开发区` → `近日，开发区`; 3.5, 16:32, Backbone.js and English sentences are left alone",
        zh: "中文里的半角 , . : ; ? ! ( )：`近日,开发区` → `近日，开发区`；3.5、16:32、Backbone.js 和英文句子不动",
    },
    example: ("近日,开发区", "近日，开发区"),
    default_severity: Severity::Warning,
    priority: 30,
    colour: Colour {
        light: [10, 140, 70],
        dark: [90, 210, 130],
    },
    in_fix: true,
    check,
};

pub fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let text = ctx.text;
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut puncts = Cursor::new(&ctx.layout.landmarks.ascii_punct, |&at: &usize| at);
    let lines = &ctx.layout.lines;
    for (i, line) in lines.iter().enumerate().filter(|(_, l)| !l.is_blank()) {
        // The line scan noted every `, . : ; ? ! ( )`: read only those and the
        // glyphs next to them, never the whole line.
        if !line.has_ascii_punct {
            continue;
        }
        let content = line.content.clone();
        let marks = puncts.within(content.clone());
        // Offsets of brackets already converted as a pair (sorted: pairs close in order).
        let mut parens_done: Vec<usize> = Vec::new();
        // Bracket pairs first.
        let mut stack: Vec<usize> = Vec::new();
        for &at in marks {
            match bytes[at] {
                b'(' => stack.push(at),
                b')' => {
                    if let Some(open) = stack.pop()
                        && text[open + 1..at].chars().any(is_han)
                    {
                        let edits =
                            vec![Edit::new(open..open + 1, "（"), Edit::new(at..at + 1, "）")];
                        out.push(Finding::new(
                            RuleId::HalfwidthPunct,
                            open..at + 1,
                            edits,
                            Message::HalfwidthBrackets,
                        ));
                        parens_done.extend([open, at]);
                    }
                }
                _ => {}
            }
        }
        parens_done.sort_unstable();
        // Half-width bracket depth before each mark, for lone `)`.
        let mut depth = 0i32;
        for &at in marks {
            let g = char::from(bytes[at]);
            let depth_before = depth;
            match g {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            let Some(full) = fullwidth_of(g) else {
                continue;
            };
            if parens_done.binary_search(&at).is_ok() {
                continue;
            }
            // The nearest glyphs (not spaces) on either side, within the line.
            let before = &text[content.start..at];
            let after = &text[at + 1..content.end];
            let prev_glyph = before.char_indices().rev().find(|&(_, c)| !is_hspace(c));
            let next_glyph = after.char_indices().find(|&(_, c)| !is_hspace(c));
            let prev = prev_glyph.map(|(_, c)| c);
            // At the line's end, the glyph that follows in the paragraph: `即.⏎deb文件`
            // is one paragraph, and `.deb` no sentence end.
            let next = next_glyph.map(|(_, c)| c).or_else(|| {
                let p = ctx.layout.paragraph_of_line(i)?;
                let j = (i + 1..ctx.layout.paragraphs[p].end).find(|&j| !lines[j].is_blank())?;
                text[lines[j].content.clone()].chars().next()
            });
            let prev_cjk = prev.is_some_and(is_cjk);
            let next_cjk_or_end = next.is_none_or(is_cjk);
            let chinese = match g {
                '.' => prev.is_some_and(is_han) && next_cjk_or_end && next != Some('.'),
                '(' => next.is_some_and(is_han) || (prev_cjk && next.is_some_and(is_cjk)),
                ')' => prev.is_some_and(is_han) && depth_before <= 0,
                _ => prev_cjk && next != Some(g) && !(g == ':' && next == Some('/')),
            };
            if !chinese {
                continue;
            }
            // Take the surrounding spaces along when Chinese is on that side.
            let mut start = at;
            let mut end = at + 1;
            if let Some((i, c)) = prev_glyph
                && prev_cjk
                && before.chars().next_back().is_some_and(is_hspace)
            {
                start = content.start + i + c.len_utf8();
            }
            if let Some((i, c)) = next_glyph
                && is_cjk(c)
                && after.chars().next().is_some_and(is_hspace)
            {
                end = at + 1 + i;
            }
            // The span covers the spaces taken along: a finding's edits lie inside
            // its span (what `Finding::replacement` and the JSON output rely on).
            out.push(Finding::one(
                RuleId::HalfwidthPunct,
                start..end,
                Edit::new(start..end, full.to_string()),
                Message::HalfwidthMark { mark: g, full },
            ));
        }
    }
    out
}
