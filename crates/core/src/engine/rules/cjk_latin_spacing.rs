//! `cjk-latin-spacing`: spaces between Chinese and Latin letters or digits
//! (`2021 年 10 月`, `LED 电子屏`). Both styles are correct Chinese, so the
//! setting decides: keep (default, nothing reported), remove, or add.

use super::spaces::{for_each_inner_space_run, space_runs};
use crate::edit::Edit;
use crate::engine::layout::Role;
use crate::engine::rule::{Colour, RuleInfo, Text};
use crate::engine::{CjkLatinSpacing, Context, Finding, Message, RuleId, Severity};
use crate::text::chars::is_han;

/// The registry entry (see `engine/rule.rs`).
pub const RULE: RuleInfo = RuleInfo {
    id: "cjk-latin-spacing",
    name: Text {
        en: "CJK–Latin spacing",
        zh: "中西文间距",
    },
    description: Text {
        en: "spaces between Chinese and Latin letters or digits, by the spacing setting (default keep): `2021 年` ⇄ `2021年`",
        zh: "中文与西文字母或数字之间的空格，按设置处理（默认保留）：`2021 年` ⇄ `2021年`",
    },
    example: ("2021 年", "2021年"),
    default_severity: Severity::Info,
    priority: 50,
    colour: Colour {
        light: [0, 140, 150],
        dark: [70, 200, 210],
    },
    in_fix: true,
    check,
};

fn mixed(a: char, b: char) -> bool {
    (is_han(a) && b.is_ascii_alphanumeric()) || (a.is_ascii_alphanumeric() && is_han(b))
}

pub fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let text = ctx.text;
    let mut out = Vec::new();
    let policy = ctx.settings.cjk_latin_spacing;
    if policy == CjkLatinSpacing::Keep {
        return out;
    }
    let mut runs = space_runs(&ctx.layout);
    for line in ctx.layout.lines.iter().filter(|l| l.role == Role::Body) {
        match policy {
            CjkLatinSpacing::Keep => {}
            CjkLatinSpacing::Remove => {
                for_each_inner_space_run(text, &mut runs, line, |run, in_byline| {
                    if mixed(run.before, run.after) && !in_byline {
                        out.push(Finding::one(
                            RuleId::CjkLatinSpacing,
                            run.range.clone(),
                            Edit::delete(run.range.clone()),
                            Message::CjkLatinSpaceRemove,
                        ));
                    }
                });
            }
            CjkLatinSpacing::Add => {
                let s = &text[line.content.clone()];
                let mut prev: Option<char> = None;
                for (i, c) in s.char_indices() {
                    if let Some(p) = prev {
                        if mixed(p, c) {
                            let at = line.content.start + i;
                            out.push(Finding::one(
                                RuleId::CjkLatinSpacing,
                                at - p.len_utf8()..at + c.len_utf8(),
                                Edit::new(at..at, " "),
                                Message::CjkLatinSpaceAdd,
                            ));
                        }
                    }
                    prev = Some(c);
                }
            }
        }
    }
    out
}
