//! `unbalanced-quote`: a quotation mark or bracket without its partner in the
//! paragraph (after reflow — a quotation may span many printed lines).
//!
//! Correct text has two exceptions, both left alone: a quotation running over
//! several paragraphs opens each with `“` and closes only the last; list markers
//! `1）` `一）` close without opening. The one unambiguous fix is a closing mark
//! that OCR turned round: `”创文”` → `“创文”` (a closing quote with nothing open,
//! whose next quote of that kind is also a closer; brackets are not turned by OCR).

use crate::edit::Edit;
use crate::engine::{Context, Finding, RuleId};

const PAIRS: [(char, char); 6] = [('“', '”'), ('‘', '’'), ('（', '）'), ('《', '》'), ('【', '】'), ('「', '」')];

pub fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let text = ctx.text;
    let layout = &ctx.layout;
    let mut out = Vec::new();
    let par_count = layout.paragraphs.len();
    for p in 0..par_count {
        let range = layout.paragraph_bytes(p);
        let s = &text[range.clone()];
        if !s.chars().any(|c| PAIRS.iter().any(|&(o, c2)| c == o || c == c2)) {
            continue;
        }
        let next_opens_with = |open: char| {
            (p + 1 < par_count) && text[layout.paragraph_bytes(p + 1)].starts_with(open)
        };
        for (open, close) in PAIRS {
            let marks: Vec<(usize, char)> =
                s.char_indices().filter(|&(_, c)| c == open || c == close).map(|(i, c)| (range.start + i, c)).collect();
            if marks.is_empty() {
                continue;
            }
            let mut stack: Vec<usize> = Vec::new();
            for (k, &(at, c)) in marks.iter().enumerate() {
                if c == open {
                    stack.push(at);
                    continue;
                }
                if stack.pop().is_some() {
                    continue;
                }
                if list_marker(text, range.start, at) {
                    continue;
                }
                let turned = matches!(close, '”' | '’') && marks.get(k + 1).is_some_and(|&(_, n)| n == close);
                let (edits, msg) = if turned {
                    stack.push(at);
                    (vec![Edit::new(at..at + close.len_utf8(), open.to_string())], format!("`{close}` should open: `{open}`"))
                } else {
                    (Vec::new(), format!("`{close}` closes nothing in this paragraph"))
                };
                out.push(Finding::new(RuleId::UnbalancedQuote, at..at + close.len_utf8(), edits, msg));
            }
            for at in stack {
                if at == range.start && next_opens_with(open) {
                    continue; // multi-paragraph quotation
                }
                // A turned-round closer was pushed as an opener: it is already reported.
                if text[at..].starts_with(close) {
                    continue;
                }
                out.push(Finding::new(
                    RuleId::UnbalancedQuote,
                    at..at + open.len_utf8(),
                    Vec::new(),
                    format!("`{open}` is never closed in this paragraph"),
                ));
            }
        }
    }
    out
}

/// `1）`, `一）`, `a)` at a paragraph start or after a clause mark.
fn list_marker(text: &str, par_start: usize, at: usize) -> bool {
    let before = &text[par_start..at];
    let mut rev = before.chars().rev();
    let Some(m) = rev.next() else { return false };
    let numeral = m.is_ascii_alphanumeric() || "一二三四五六七八九十".contains(m);
    numeral && rev.next().is_none_or(|c| matches!(c, '，' | '；' | '。' | '：' | ' ' | '\n'))
}
