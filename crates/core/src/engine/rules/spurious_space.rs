//! `spurious-space`: spaces that OCR put where print had none — beside full-width
//! punctuation, between two Han characters of running text, at line start and
//! end. Byline and headline spacing (`记者 王晨 通讯员 张越`) is print, and kept;
//! spaces between Chinese and Latin or digits belong to `cjk-latin-spacing`.

use super::spaces::{for_each_inner_space_run, space_runs};
use crate::edit::Edit;
use crate::engine::char_class::CharClass;
use crate::engine::layout::Role;
use crate::engine::rule::{Colour, RuleInfo, Text};
use crate::engine::{Context, Finding, Message, RuleId, Severity};
use crate::text::chars::is_han;

/// The registry entry (see `engine/rule.rs`).
pub const RULE: RuleInfo = RuleInfo {
    id: "spurious-space",
    name: Text {
        en: "Spurious space",
        zh: "多余空格",
    },
    description: Text {
        en: "spaces beside full-width punctuation, between Chinese characters, at line start or end: `近日， 开发区` → `近日，开发区`, `“创文 ”` → `“创文”`; byline spaces (记者 王晨) are kept",
        zh: "全角标点旁、汉字之间、行首行尾的空格：`近日， 开发区` → `近日，开发区`，`“创文 ”` → `“创文”`；署名里的空格（记者 王晨）保留",
    },
    example: ("近日， 开发区", "近日，开发区"),
    default_severity: Severity::Warning,
    priority: 40,
    colour: Colour {
        light: [20, 110, 220],
        dark: [100, 170, 255],
    },
    in_fix: true,
    check,
};

/// Full-width punctuation or a CJK symbol that is not Han (one table lookup).
fn is_cjk_punct(c: char) -> bool {
    CharClass::of(c).has(CharClass::CJK_PUNCT)
}

/// The ideographic space a law sets after its article number (`第一条　为了…`,
/// `第三章　法律责任`) is print.
fn after_article_number(text: &str, line_start: usize, run: &std::ops::Range<usize>) -> bool {
    if &text[run.clone()] != "\u{3000}" {
        return false;
    }
    let head = &text[line_start..run.start];
    let Some(mid) = head
        .strip_prefix('第')
        .and_then(|h| h.strip_suffix(['条', '章', '节', '款', '编']))
    else {
        return false;
    };
    (1..=6).contains(&mid.chars().count())
        && mid.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    '一' | '二'
                        | '三'
                        | '四'
                        | '五'
                        | '六'
                        | '七'
                        | '八'
                        | '九'
                        | '十'
                        | '百'
                        | '千'
                        | '零'
                        | '〇'
                )
        })
}

pub fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let text = ctx.text;
    let mut out = Vec::new();
    let mut runs = space_runs(&ctx.layout);
    for line in &ctx.layout.lines {
        // Leading spaces (ASCII ones: an ideographic-space indent is typesetting).
        let lead = line.range.start..line.content.start.min(line.range.end);
        if !line.is_blank() && !lead.is_empty() && !text[lead.clone()].contains('\u{3000}') {
            out.push(Finding::one(
                RuleId::SpuriousSpace,
                lead.clone(),
                Edit::delete(lead),
                Message::SpaceAtLineStart,
            ));
        }
        // Inner runs, then the trailing space: findings leave in page order.
        if !line.is_blank() {
            for_each_inner_space_run(text, &mut runs, line, |run, in_byline| {
                let beside_punct = is_cjk_punct(run.before) || is_cjk_punct(run.after);
                let between_han = is_han(run.before)
                    && is_han(run.after)
                    && line.role == Role::Body
                    && !in_byline
                    && !after_article_number(text, line.content.start, &run.range);
                if beside_punct || between_han {
                    let msg = if beside_punct {
                        Message::SpaceBesidePunct
                    } else {
                        Message::SpaceBetweenHan
                    };
                    out.push(Finding::one(
                        RuleId::SpuriousSpace,
                        run.range.clone(),
                        Edit::delete(run.range.clone()),
                        msg,
                    ));
                }
            });
        }
        let trail_end = if text[..line.range.end].ends_with('\r') {
            line.range.end - 1
        } else {
            line.range.end
        };
        let trail = if line.is_blank() {
            line.range.start..trail_end
        } else {
            line.content.end..trail_end
        };
        if !trail.is_empty() {
            let msg = if line.is_blank() {
                Message::BlankLineSpaces
            } else {
                Message::SpaceAtLineEnd
            };
            out.push(Finding::one(
                RuleId::SpuriousSpace,
                trail.clone(),
                Edit::delete(trail),
                msg,
            ));
        }
    }
    out
}
