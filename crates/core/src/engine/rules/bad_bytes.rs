//! `bad-bytes`: bytes of a damaged page that do not decode. The decoder keeps each
//! as a raw-byte character (`text::RAW_BYTE_BASE + b`) so that saving writes the
//! byte back; this rule shows them, one finding per run, with no fix (only the
//! editor, looking at the scan, knows what was printed there).

use std::fmt::Write as _;

use crate::edit::Edits;
use crate::engine::{Context, Finding, RuleId};
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
                format!("undecodable bytes {hex} (kept as they are)"),
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
