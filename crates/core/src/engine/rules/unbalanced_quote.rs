//! `unbalanced-quote`: a quotation mark or bracket without its partner in the
//! paragraph (after reflow — a quotation may span many printed lines).
//!
//! Correct text has two exceptions, both left alone: a quotation running over
//! several paragraphs opens each with `“` and closes only the last; list markers
//! `1）` `一）` close without opening. The one unambiguous fix is a closing mark
//! that OCR turned round: `”创文”` → `“创文”` (a closing quote with nothing open,
//! whose next quote of that kind is also a closer; brackets are not turned by OCR).

use crate::edit::{Edit, Edits};
use crate::engine::layout::Cursor;
use crate::engine::rule::{Colour, RuleInfo, Text};
use crate::engine::{Context, Finding, Message, RuleId, Severity};

const PAIRS: [(char, char); 6] = [
    ('“', '”'),
    ('‘', '’'),
    ('（', '）'),
    ('《', '》'),
    ('【', '】'),
    ('「', '」'),
];

/// The registry entry (see `engine/rule.rs`).
pub const RULE: RuleInfo = RuleInfo {
    id: "unbalanced-quote",
    name: Text {
        en: "Unbalanced quote",
        zh: "引号括号不配对",
    },
    description: Text {
        en: "a quote or bracket “” ‘’ （） 《》 【】 「」 without its partner in the paragraph: `”创文”` → `“创文”` when the intent is clear, otherwise flagged only",
        zh: "段内没有配对的引号或括号 “” ‘’ （） 《》 【】 「」：意图明确时修正（`”创文”` → `“创文”`），否则只提示",
    },
    example: ("”创文”", "“创文”"),
    default_severity: Severity::Warning,
    priority: 60,
    colour: Colour {
        light: [140, 60, 200],
        dark: [200, 150, 255],
    },
    in_fix: true,
    check,
};

/// Which pair a character belongs to, and whether it opens.
#[inline]
fn mark(c: char) -> Option<(usize, bool)> {
    Some(match c {
        '“' => (0, true),
        '”' => (0, false),
        '‘' => (1, true),
        '’' => (1, false),
        '（' => (2, true),
        '）' => (2, false),
        '《' => (3, true),
        '》' => (3, false),
        '【' => (4, true),
        '】' => (4, false),
        '「' => (5, true),
        '」' => (5, false),
        _ => return None,
    })
}

pub fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let text = ctx.text;
    let layout = &ctx.layout;
    let mut out = Vec::new();
    let par_count = layout.paragraphs.len();
    let mut stacks: [Vec<usize>; 6] = Default::default();
    let mut brackets = Cursor::new(&layout.landmarks.brackets, |&at: &usize| at);
    for p in 0..par_count {
        let range = layout.paragraph_bytes(p);
        for st in &mut stacks {
            st.clear();
        }
        // The layout scan noted every quote and bracket: read only those.
        let marks = brackets.within(range.clone());
        let mark_at = |at: usize| text[at..].chars().next().and_then(mark);
        for (m, &at) in marks.iter().enumerate() {
            let Some((k, opens)) = mark_at(at) else {
                continue;
            };
            if opens {
                stacks[k].push(at);
                continue;
            }
            if stacks[k].pop().is_some() || list_marker(text, range.start, at) {
                continue;
            }
            let (open, close) = PAIRS[k];
            // Whether the next mark of this pair in the paragraph closes too.
            let next_closes = || {
                marks[m + 1..]
                    .iter()
                    .filter_map(|&a| mark_at(a))
                    .find(|&(j, _)| j == k)
                    .is_some_and(|(_, opens)| !opens)
            };
            let turned = k <= 1 && next_closes();
            let (edits, msg) = if turned {
                // Treat it as the opener it should be, so its partner pairs up.
                stacks[k].push(at);
                (
                    Edits::from_buf([Edit::new(at..at + close.len_utf8(), open.to_string())]),
                    Message::QuoteShouldOpen { close, open },
                )
            } else {
                (Edits::new(), Message::QuoteClosesNothing { close })
            };
            out.push(Finding::new(
                RuleId::UnbalancedQuote,
                at..at + close.len_utf8(),
                edits,
                msg,
            ));
        }
        for (k, st) in stacks.iter().enumerate() {
            let (open, close) = PAIRS[k];
            for &at in st {
                if text[at..].starts_with(close) {
                    continue; // a turned-round closer, already reported
                }
                if at == range.start
                    && p + 1 < par_count
                    && text[layout.paragraph_bytes(p + 1)].starts_with(open)
                {
                    continue; // a quotation over several paragraphs
                }
                out.push(Finding::new(
                    RuleId::UnbalancedQuote,
                    at..at + open.len_utf8(),
                    Vec::new(),
                    Message::QuoteNeverClosed { open },
                ));
            }
        }
    }
    out.sort_by_key(|f| f.span_bytes.start);
    out
}

/// `1）`, `一）`, `a)` at a paragraph start or after a clause mark.
fn list_marker(text: &str, par_start: usize, at: usize) -> bool {
    let before = &text[par_start..at];
    let mut rev = before.chars().rev();
    let Some(m) = rev.next() else { return false };
    let numeral = m.is_ascii_alphanumeric() || "一二三四五六七八九十".contains(m);
    numeral
        && rev
            .next()
            .is_none_or(|c| matches!(c, '，' | '；' | '。' | '：' | ' ' | '\n'))
}
