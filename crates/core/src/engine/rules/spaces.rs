//! Shared view of the spaces inside lines, for `spurious-space` and `cjk-latin-spacing`.

use crate::engine::layout::{Cursor, Layout, Line, Role, SpaceRun};

/// The layout's space runs, read line by line in page order.
pub type SpaceRuns<'a> = Cursor<'a, SpaceRun, fn(&SpaceRun) -> usize>;

pub fn space_runs(layout: &Layout) -> SpaceRuns<'_> {
    Cursor::new(&layout.landmarks.space_runs, |r| r.range.start)
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

/// Calls `f` for each run of space strictly inside the line's content (as the
/// layout scan noted them), with whether it sits in the line's byline part
/// (`本报讯（记者 王晨 通讯员 张越）…`).
pub fn for_each_inner_space_run(
    text: &str,
    runs: &mut SpaceRuns<'_>,
    line: &Line,
    mut f: impl FnMut(&SpaceRun, bool),
) {
    // Most lines of clean text hold no space at all.
    if !line.has_space {
        return;
    }
    let runs = runs.within(line.content.clone());
    let byline_until = byline_end(text, line);
    for run in runs {
        f(run, run.range.start < byline_until);
    }
}
