//! A standard unified diff of the two files *as written* (their own encoding, BOM
//! and line endings), so that GNU `patch` turns the original file into the
//! corrected one byte for byte.
//!
//! Lines are byte lines (split after each `\n` byte; a `\r` before it stays part
//! of the line). When the page's text lines and byte lines correspond one to one
//! (UTF-8, GB18030 — neither uses byte 0x0A inside a character) the line
//! alignment of the paragraph diff is reused, so the report agrees with the view;
//! otherwise (UTF-16) the byte lines are diffed directly. Either way every hunk
//! line is copied from the files' bytes, and an "equal" line is only used as
//! context when its bytes really are equal.

use std::io::Write;
use std::ops::Range;
use std::time::{Duration, Instant};

use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

use crate::diff::Diff;

/// Lines of context around each change, as `diff -u` writes.
const CONTEXT: usize = 3;

fn byte_lines(bytes: &[u8]) -> Vec<&[u8]> {
    bytes.split_inclusive(|&b| b == b'\n').collect()
}

/// A run of lines: equal on both sides, or replaced.
struct Op {
    equal: bool,
    old: Range<usize>,
    new: Range<usize>,
}

/// Line operations taken from the paragraph diff, when its lines are the files' lines.
fn ops_from_diff(diff: &Diff, old: &[&[u8]], new: &[&[u8]]) -> Option<Vec<Op>> {
    let (ol, nl) = diff
        .rows
        .last()
        .map_or((0, 0), |r| (r.old_lines.end, r.new_lines.end));
    if ol != old.len() || nl != new.len() {
        return None;
    }
    let mut ops: Vec<Op> = Vec::with_capacity(diff.rows.len());
    for r in &diff.rows {
        let equal = !r.is_changed()
            && r.old_lines.len() == r.new_lines.len()
            && old[r.old_lines.clone()] == new[r.new_lines.clone()];
        match ops.last_mut() {
            Some(last)
                if last.equal == equal
                    && last.old.end == r.old_lines.start
                    && last.new.end == r.new_lines.start =>
            {
                last.old.end = r.old_lines.end;
                last.new.end = r.new_lines.end;
            }
            _ => ops.push(Op {
                equal,
                old: r.old_lines.clone(),
                new: r.new_lines.clone(),
            }),
        }
    }
    Some(ops)
}

/// Line operations from a direct diff of the byte lines (bounded; a coarse
/// answer past the deadline is still a correct patch).
fn ops_from_bytes(old: &[&[u8]], new: &[&[u8]]) -> Vec<Op> {
    let deadline = Instant::now() + Duration::from_secs(1);
    capture_diff_slices_deadline(Algorithm::Histogram, old, new, Some(deadline))
        .into_iter()
        .map(|op| {
            let (_, o, n) = op.as_tag_tuple();
            Op {
                equal: matches!(op, DiffOp::Equal { .. }),
                old: o,
                new: n,
            }
        })
        .collect()
}

/// The unified diff turning `before` into `after`; empty when they are equal.
/// `diff` is the paragraph diff of the decoded texts, if there is one.
pub fn unified(
    before: &[u8],
    after: &[u8],
    before_name: &str,
    after_name: &str,
    diff: Option<&Diff>,
) -> Vec<u8> {
    let mut out = Vec::new();
    if before == after {
        return out;
    }
    let old = byte_lines(before);
    let new = byte_lines(after);
    let ops = diff
        .and_then(|d| ops_from_diff(d, &old, &new))
        .unwrap_or_else(|| ops_from_bytes(&old, &new));

    // Tab-free names: `patch` reads a header name up to a tab.
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    // Writing to a Vec cannot fail.
    let _ = writeln!(out, "--- {}", clean(before_name));
    let _ = writeln!(out, "+++ {}", clean(after_name));

    let changed: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, o)| !o.equal)
        .map(|(i, _)| i)
        .collect();
    let mut k = 0;
    while k < changed.len() {
        // Group changes whose gap of equal lines is at most twice the context.
        let first = changed[k];
        let mut last = first;
        while k + 1 < changed.len() {
            let next = changed[k + 1];
            let gap: usize = ops[last + 1..next].iter().map(|o| o.old.len()).sum();
            if gap > 2 * CONTEXT {
                break;
            }
            last = next;
            k += 1;
        }
        k += 1;
        let lead = if first > 0 && ops[first - 1].equal {
            ops[first - 1].old.len().min(CONTEXT)
        } else {
            0
        };
        let trail = if last + 1 < ops.len() && ops[last + 1].equal {
            ops[last + 1].old.len().min(CONTEXT)
        } else {
            0
        };
        let o_start = ops[first].old.start - lead;
        let n_start = ops[first].new.start - lead;
        let o_end = ops[last].old.end + trail;
        let n_end = ops[last].new.end + trail;
        let pos = |start: usize, len: usize| if len == 0 { start } else { start + 1 };
        let _ = writeln!(
            out,
            "@@ -{},{} +{},{} @@",
            pos(o_start, o_end - o_start),
            o_end - o_start,
            pos(n_start, n_end - n_start),
            n_end - n_start
        );
        let line = |out: &mut Vec<u8>, mark: u8, bytes: &[u8]| {
            out.push(mark);
            out.extend_from_slice(bytes);
            if !bytes.ends_with(b"\n") {
                out.extend_from_slice(b"\n\\ No newline at end of file\n");
            }
        };
        for l in &old[o_start..ops[first].old.start] {
            line(&mut out, b' ', l);
        }
        for op in &ops[first..=last] {
            if op.equal {
                for l in &old[op.old.clone()] {
                    line(&mut out, b' ', l);
                }
            } else {
                for l in &old[op.old.clone()] {
                    line(&mut out, b'-', l);
                }
                for l in &new[op.new.clone()] {
                    line(&mut out, b'+', l);
                }
            }
        }
        for l in &old[ops[last].old.end..o_end] {
            line(&mut out, b' ', l);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_and_missing_newline() {
        let before = b"a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk";
        let after = b"a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nK";
        let u = String::from_utf8(unified(before, after, "x", "y", None)).unwrap();
        assert_eq!(
            u,
            "--- x\n+++ y\n@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n@@ -8,4 +8,4 @@\n h\n i\n j\n-k\n\\ No newline at end of file\n+K\n\\ No newline at end of file\n"
        );
        assert!(unified(b"same", b"same", "x", "y", None).is_empty());
    }
}
