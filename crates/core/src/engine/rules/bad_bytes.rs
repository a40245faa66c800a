//! `bad-bytes`: bytes of a damaged page that do not decode. The decoder keeps each
//! as a raw-byte character (`text::RAW_BYTE_BASE + b`) so that saving writes the
//! byte back; this rule shows them, one finding per run, with no fix (only the
//! editor, looking at the scan, knows what was printed there).

use std::fmt::Write as _;

use crate::edit::Edits;
use crate::engine::rule::{Colour, RuleInfo, Text};
use crate::engine::{Context, Finding, Message, RuleId, Severity};

/// The registry entry (see `engine/rule.rs`).
pub const RULE: RuleInfo = RuleInfo {
    id: "bad-bytes",
    name: Text {
        en: "Undecodable bytes",
        zh: "无法解码的字节",
    },
    description: Text {
        en: "bytes that do not decode in the page's encoding (a damaged UTF-8 page): reported with their position and kept byte for byte on save; no automatic fix",
        zh: "按页面编码无法解码的字节（损坏的 UTF-8 页面）：报告位置，保存时原样保留；不自动修改",
    },
    example: ("开\u{FFFD}发区", "开发区"),
    default_severity: Severity::Error,
    priority: 5,
    colour: Colour {
        light: [120, 120, 120],
        dark: [170, 170, 170],
    },
    in_fix: false,
    check,
};
use crate::text::raw_byte;

pub fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let text = ctx.text;
    let mut out = Vec::new();
    let mut run: Option<(usize, usize, String)> = None;
    let flush = |run: &mut Option<(usize, usize, String)>, out: &mut Vec<Finding>| {
        if let Some((start, end, hex)) = run.take() {
            out.push(Finding::new(
                RuleId::BadBytes,
                start..end,
                Edits::new(),
                Message::BadBytes { hex },
            ));
        }
    };
    // Raw-byte characters are 4 bytes in UTF-8 starting with F4: only those are looked at.
    for i in memchr::memchr_iter(0xF4, text.as_bytes()) {
        let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
            continue;
        };
        let Some(b) = raw_byte(c) else { continue };
        match &mut run {
            Some((_, end, hex)) if *end == i => {
                *end = i + c.len_utf8();
                let _ = write!(hex, " {b:02X}");
            }
            _ => {
                flush(&mut run, &mut out);
                run = Some((i, i + c.len_utf8(), format!("{b:02X}")));
            }
        }
    }
    flush(&mut run, &mut out);
    out
}
