//! Shared scan of the spaces inside lines, for `spurious-space` and `cjk-latin-spacing`.

use std::ops::Range;

use crate::engine::layout::{Line, Role};
use crate::text::chars::is_hspace;

/// A run of horizontal space inside a line, with its neighbours.
pub struct SpaceRun {
    pub range: Range<usize>,
    pub before: char,
    pub after: char,
    /// Inside the byline part of a line (`本报讯（记者 王晨 通讯员 张越）…`).
    pub in_byline: bool,
}

/// Byte offset where the byline part of a run-in byline line ends.
fn byline_end(text: &str, line: &Line) -> usize {
    if line.role == Role::Byline {
        return line.content.end;
    }
    if !line.starts_article {
        return line.content.start;
    }
    let s = &text[line.content.clone()];
    match s.find(['）', ')']) {
        Some(i) => line.content.start + i,
        None => line.content.end,
    }
}

/// Calls `f` for each run of space strictly inside the line's content.
pub fn for_each_inner_space_run(text: &str, line: &Line, mut f: impl FnMut(SpaceRun)) {
    // Most lines of clean text hold no space at all.
    if !line.has_space {
        return;
    }
    let s = &text[line.content.clone()];
    let base = line.content.start;
    let byline_until = byline_end(text, line);
    let mut prev: Option<char> = None;
    let mut run_start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if is_hspace(c) {
            if run_start.is_none() {
                run_start = Some(i);
            }
            continue;
        }
        if let (Some(start), Some(before)) = (run_start.take(), prev) {
            f(SpaceRun {
                range: base + start..base + i,
                before,
                after: c,
                in_byline: base + start < byline_until,
            });
        }
        prev = Some(c);
    }
}
