//! `broken-line`: one finding per paragraph that the printed column cut into
//! several lines. The fix removes each break (and blank lines and the spaces
//! around it) with nothing in between — Chinese has no word spaces — except
//! between two Latin words, which get one space.

use crate::edit::{Edit, Edits};
use crate::engine::{Context, Finding, RuleId};

pub fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let layout = &ctx.layout;
    let mut out = Vec::new();
    for (p, par) in layout.paragraphs.iter().enumerate() {
        // A paragraph of one line (every paragraph of fixed text) has nothing to join:
        // its first line is its last.
        if par.len() < 2 {
            continue;
        }
        let lines: Vec<usize> = par
            .clone()
            .filter(|&i| !layout.lines[i].is_blank())
            .collect();
        if lines.len() < 2 {
            continue;
        }
        let mut blank_lines = 0;
        let edits: Edits = lines
            .windows(2)
            .map(|w| {
                let (a, b) = (&layout.lines[w[0]], &layout.lines[w[1]]);
                blank_lines += w[1] - w[0] - 1;
                let left = ctx.text[..a.content.end].chars().next_back();
                let right = ctx.text[b.content.start..].chars().next();
                let latin_words = left.is_some_and(|c| c.is_ascii_alphabetic())
                    && right.is_some_and(|c| c.is_ascii_alphabetic());
                Edit::new(
                    a.content.end..b.content.start,
                    if latin_words { " " } else { "" },
                )
            })
            .collect();
        let message = if blank_lines > 0 {
            format!(
                "paragraph broken across {} lines ({blank_lines} blank inside): join",
                lines.len()
            )
        } else {
            format!("paragraph broken across {} lines: join", lines.len())
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
