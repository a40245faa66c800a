//! `broken-line`: one finding per paragraph that the printed column cut into
//! several lines. The fix removes each break (and blank lines and the spaces
//! around it) with nothing in between — Chinese has no word spaces — except
//! between two Latin words, which get one space.

/// The registry entry (see `engine/rule.rs`).
pub const RULE: RuleInfo = RuleInfo {
    id: "broken-line",
    name: Text {
        en: "Broken line",
        zh: "断行",
    },
    description: Text {
        en: "line breaks (and blank lines) inside a paragraph left by the printed column; fix joins the lines: `近日，开发区太昊路办事处新时代文⏎明实践所` → `…新时代文明实践所`",
        zh: "印刷分栏留在段落中间的换行（和空行）；修正时把这些行合并：`近日，开发区太昊路办事处新时代文⏎明实践所` → `…新时代文明实践所`",
    },
    example: ("新时代文\n明实践所", "新时代文明实践所"),
    default_severity: Severity::Error,
    priority: 20,
    colour: Colour {
        light: [214, 110, 0],
        dark: [255, 170, 60],
    },
    in_fix: true,
    check,
};

use crate::edit::{Edit, Edits};
use crate::engine::layout::Line;
use crate::engine::rule::{Colour, RuleInfo, Text};
use crate::engine::{Context, Finding, Message, RuleId, Severity};

pub fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let layout = &ctx.layout;
    let mut out = Vec::new();
    for (p, par) in layout.paragraphs.iter().enumerate() {
        // A paragraph of one line (every paragraph of fixed text) has nothing to join:
        // its first line is its last.
        if par.len() < 2 {
            continue;
        }
        // The joins between consecutive non-blank lines, blank lines skipped.
        let bytes = ctx.text.as_bytes();
        let mut edits = Edits::with_capacity(par.len() - 1);
        let (mut blank_lines, mut count) = (0, 0);
        let mut prev: Option<(usize, &Line)> = None;
        for i in par.clone() {
            let b = &layout.lines[i];
            if b.is_blank() {
                continue;
            }
            count += 1;
            if let Some((j, a)) = prev {
                blank_lines += i - j - 1;
                // UTF-8: a last (first) byte is an ASCII letter only when the whole
                // last (first) character is one.
                let latin_words = bytes[..a.content.end]
                    .last()
                    .is_some_and(u8::is_ascii_alphabetic)
                    && bytes[b.content.start..]
                        .first()
                        .is_some_and(u8::is_ascii_alphabetic);
                edits.push(Edit::new(
                    a.content.end..b.content.start,
                    if latin_words { " " } else { "" },
                ));
            }
            prev = Some((i, b));
        }
        if edits.is_empty() {
            continue;
        }
        let message = Message::ParagraphBroken {
            lines: count,
            blank: blank_lines,
        };
        out.push(Finding::new(
            RuleId::BrokenLine,
            layout.paragraph_bytes(p),
            edits,
            message,
        ));
    }
    out
}
