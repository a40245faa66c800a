//! Before/after comparison of two texts: data for the app's Diff view and for the
//! reports. No egui, no I/O.
//!
//! Bounded work, because a large page must never freeze the window:
//! 1. a line diff (cheap: whole lines are hashed and compared);
//! 2. changed line runs are cut into paragraphs ([`pair`]), so
//! 3. the character diff only ever runs on one paragraph at a time.
//!
//! All three steps share one deadline ([`DiffOptions::timeout`]); past it a
//! paragraph is reported as replaced whole instead of character by character
//! ([`Diff::timed_out`] says so). Everything is byte ranges into the two texts.

mod pair;
mod tokens;

use std::ops::Range;
use std::time::{Duration, Instant};

use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

use tokens::Tokens;

/// How much time a diff may take before it settles for paragraph granularity.
#[derive(Clone, Copy, Debug)]
pub struct DiffOptions {
    pub timeout: Duration,
}

impl Default for DiffOptions {
    /// 200 ms: with the set-up around it, a 1 MB page stays within 300 ms even
    /// in the worst case, and a normal page is far below the limit.
    fn default() -> Self {
        DiffOptions {
            timeout: Duration::from_millis(200),
        }
    }
}

/// Which of the two texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    Old,
    New,
}

/// One row of the side-by-side view: a paragraph (or an unchanged line) of the
/// old text beside what became of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Byte range in the old text (empty for a paragraph added in the new one).
    pub old: Range<usize>,
    pub new: Range<usize>,
    /// 0-based line numbers covered on each side.
    pub old_lines: Range<usize>,
    pub new_lines: Range<usize>,
    /// Indices into [`Diff::changes`]; empty for an unchanged row.
    pub changes: Range<usize>,
}

impl Row {
    pub fn is_changed(&self) -> bool {
        !self.changes.is_empty()
    }
}

/// One change at character level: `old` bytes of the old text became `new` bytes
/// of the new text (one of them may be empty: a pure insertion or deletion).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub old: Range<usize>,
    pub new: Range<usize>,
    /// Only spaces and line breaks on both sides (joined lines, removed spaces):
    /// shown as ⏎ / ␣ marks, and hideable.
    pub whitespace_only: bool,
    /// Index of the row holding this change.
    pub row: usize,
}

/// What a piece of a row is, for drawing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpanKind {
    Equal,
    Deleted,
    Inserted,
}

/// A piece of a row: `bytes` index the text of `side`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub kind: SpanKind,
    pub side: Side,
    pub bytes: Range<usize>,
    /// The change this piece belongs to (none for equal text).
    pub change: Option<usize>,
    pub whitespace_only: bool,
}

/// The comparison of two texts. Changes are in document order, which is also the
/// navigation order of "next change".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diff {
    pub rows: Vec<Row>,
    pub changes: Vec<Change>,
    /// The deadline passed: some paragraphs are marked replaced whole.
    pub timed_out: bool,
}

/// Compares `old` with `new` within the default time budget.
pub fn diff(old: &str, new: &str) -> Diff {
    diff_with(old, new, DiffOptions::default())
}

/// Compares `old` with `new`, giving up character detail once `opts.timeout` is spent.
pub fn diff_with(old: &str, new: &str, opts: DiffOptions) -> Diff {
    let deadline = Instant::now() + opts.timeout;
    let ol = Tokens::lines(old, 0..old.len());
    let nl = Tokens::lines(new, 0..new.len());
    // Histogram anchors on rare lines, which suits a page whose lines mostly all
    // changed (a Myers line diff degrades to quadratic there).
    let ops = capture_diff_slices_deadline(
        Algorithm::Histogram,
        &line_keys(&ol, Side::Old),
        &line_keys(&nl, Side::New),
        Some(deadline),
    );
    let mut b = Builder {
        old,
        new,
        ol: &ol,
        nl: &nl,
        deadline,
        out: Diff::default(),
    };
    for op in ops {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    b.push_equal(old_index + k, new_index + k);
                }
            }
            _ => {
                let (_, o, n) = op.as_tag_tuple();
                for (mut po, mut pn) in pair::pair(&ol, o, &nl, n) {
                    // Blank lines that open both sides of a paragraph pair (the gap
                    // before it) get rows of their own, so the paragraphs line up.
                    while !po.is_empty()
                        && !pn.is_empty()
                        && is_blank(ol.items[po.start])
                        && ol.items[po.start] == nl.items[pn.start]
                    {
                        b.push_equal(po.start, pn.start);
                        po.start += 1;
                        pn.start += 1;
                    }
                    if !po.is_empty() || !pn.is_empty() {
                        b.push_changed(po, pn);
                    }
                }
            }
        }
    }
    b.out
}

/// What the line diff compares. Blank lines never match each other: a raw page
/// has blank lines *inside* paragraphs where the corrected page has them *between*
/// paragraphs, and anchoring on them would misalign every paragraph after.
#[derive(Hash, PartialEq, Eq)]
enum LineKey<'a> {
    Text(&'a str),
    Blank(Side, usize),
}

fn line_keys<'a>(lines: &Tokens<'a>, side: Side) -> Vec<LineKey<'a>> {
    lines
        .items
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if is_blank(l) {
                LineKey::Blank(side, i)
            } else {
                LineKey::Text(l)
            }
        })
        .collect()
}

fn is_blank(line: &str) -> bool {
    line.chars().all(pair::is_ws)
}

struct Builder<'a> {
    old: &'a str,
    new: &'a str,
    ol: &'a Tokens<'a>,
    nl: &'a Tokens<'a>,
    deadline: Instant,
    out: Diff,
}

impl Builder<'_> {
    fn push_equal(&mut self, oi: usize, ni: usize) {
        let c = self.out.changes.len();
        self.out.rows.push(Row {
            old: self.ol.bytes(oi..oi + 1),
            new: self.nl.bytes(ni..ni + 1),
            old_lines: oi..oi + 1,
            new_lines: ni..ni + 1,
            changes: c..c,
        });
    }

    fn push_changed(&mut self, old_lines: Range<usize>, new_lines: Range<usize>) {
        let old = self.ol.bytes(old_lines.clone());
        let new = self.nl.bytes(new_lines.clone());
        let row = self.out.rows.len();
        let first = self.out.changes.len();
        let whole_only = old.is_empty() || new.is_empty();
        if !whole_only && Instant::now() < self.deadline {
            let oc = Tokens::chars(self.old, old.clone());
            let nc = Tokens::chars(self.new, new.clone());
            let ops = capture_diff_slices_deadline(
                Algorithm::Myers,
                &oc.items,
                &nc.items,
                Some(self.deadline),
            );
            for op in ops {
                if let DiffOp::Equal { .. } = op {
                    continue;
                }
                let (_, o, n) = op.as_tag_tuple();
                self.push_change(oc.bytes(o), nc.bytes(n), row);
            }
            // Past the deadline similar returns a coarser (still complete) script.
            self.out.timed_out |= Instant::now() >= self.deadline;
        } else {
            self.out.timed_out |= !whole_only;
            if self.old[old.clone()] != self.new[new.clone()] {
                self.push_change(old.clone(), new.clone(), row);
            }
        }
        let last = self.out.changes.len();
        self.out.rows.push(Row {
            old,
            new,
            old_lines,
            new_lines,
            changes: first..last,
        });
    }

    fn push_change(&mut self, old: Range<usize>, new: Range<usize>, row: usize) {
        let ws = |s: &str| s.chars().all(pair::is_ws);
        let whitespace_only = ws(&self.old[old.clone()]) && ws(&self.new[new.clone()]);
        self.out.changes.push(Change {
            old,
            new,
            whitespace_only,
            row,
        });
    }
}

impl Diff {
    /// Number of changes, with or without the whitespace-only ones.
    pub fn count(&self, include_whitespace: bool) -> usize {
        self.changes
            .iter()
            .filter(|c| include_whitespace || !c.whitespace_only)
            .count()
    }

    /// The change after `from` (the first when `None`), skipping whitespace-only
    /// changes when they are hidden.
    pub fn next_change(&self, from: Option<usize>, include_whitespace: bool) -> Option<usize> {
        let start = from.map_or(0, |i| i + 1);
        (start..self.changes.len())
            .find(|&i| include_whitespace || !self.changes[i].whitespace_only)
    }

    /// The change before `from` (the last when `None`).
    pub fn prev_change(&self, from: Option<usize>, include_whitespace: bool) -> Option<usize> {
        let end = from.unwrap_or(self.changes.len()).min(self.changes.len());
        (0..end)
            .rev()
            .find(|&i| include_whitespace || !self.changes[i].whitespace_only)
    }

    /// One side of a row, cut into equal and changed pieces (for side by side).
    pub fn side_spans(&self, row: usize, side: Side) -> Vec<Span> {
        let Some(r) = self.rows.get(row) else {
            return Vec::new();
        };
        let (range, kind) = match side {
            Side::Old => (r.old.clone(), SpanKind::Deleted),
            Side::New => (r.new.clone(), SpanKind::Inserted),
        };
        let mut out = Vec::new();
        let mut at = range.start;
        for ci in r.changes.clone() {
            let c = &self.changes[ci];
            let b = match side {
                Side::Old => c.old.clone(),
                Side::New => c.new.clone(),
            };
            if b.start > at {
                out.push(Span {
                    kind: SpanKind::Equal,
                    side,
                    bytes: at..b.start,
                    change: None,
                    whitespace_only: false,
                });
            }
            if !b.is_empty() {
                out.push(Span {
                    kind,
                    side,
                    bytes: b.clone(),
                    change: Some(ci),
                    whitespace_only: c.whitespace_only,
                });
            }
            at = b.end;
        }
        if at < range.end {
            out.push(Span {
                kind: SpanKind::Equal,
                side,
                bytes: at..range.end,
                change: None,
                whitespace_only: false,
            });
        }
        out
    }

    /// A row as one text: equal pieces from the new side, each change as its
    /// deleted then its inserted piece (for the inline view).
    pub fn inline_spans(&self, row: usize) -> Vec<Span> {
        let Some(r) = self.rows.get(row) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut at = r.new.start;
        for ci in r.changes.clone() {
            let c = &self.changes[ci];
            if c.new.start > at {
                out.push(Span {
                    kind: SpanKind::Equal,
                    side: Side::New,
                    bytes: at..c.new.start,
                    change: None,
                    whitespace_only: false,
                });
            }
            if !c.old.is_empty() {
                out.push(Span {
                    kind: SpanKind::Deleted,
                    side: Side::Old,
                    bytes: c.old.clone(),
                    change: Some(ci),
                    whitespace_only: c.whitespace_only,
                });
            }
            if !c.new.is_empty() {
                out.push(Span {
                    kind: SpanKind::Inserted,
                    side: Side::New,
                    bytes: c.new.clone(),
                    change: Some(ci),
                    whitespace_only: c.whitespace_only,
                });
            }
            at = c.new.end;
        }
        if at < r.new.end {
            out.push(Span {
                kind: SpanKind::Equal,
                side: Side::New,
                bytes: at..r.new.end,
                change: None,
                whitespace_only: false,
            });
        }
        out
    }
}

/// Whitespace made visible, for showing a whitespace-only change: a line break as
/// `⏎`, a space as `␣` (an ideographic space as `□`), a tab as `→`.
pub fn whitespace_marks(s: &str) -> String {
    s.chars()
        .filter(|&c| c != '\r')
        .map(|c| match c {
            '\n' => '⏎',
            ' ' | '\u{00A0}' => '␣',
            '\u{3000}' => '□',
            '\t' => '→',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rebuilds the new text from the old one and the changes: the diff is complete.
    fn replay(old: &str, new: &str, d: &Diff) -> String {
        let mut out = String::new();
        let mut at = 0;
        for c in &d.changes {
            out.push_str(&old[at..c.old.start]);
            out.push_str(&new[c.new.clone()]);
            at = c.old.end;
        }
        out.push_str(&old[at..]);
        out
    }

    #[test]
    fn character_changes_inside_a_joined_paragraph() {
        let old = "标题\n88 月 2266日，，开发区新时代文\n明实践所。\n尾\n";
        let new = "标题\n8 月 26日，开发区新时代文明实践所。\n尾\n";
        let d = diff(old, new);
        assert_eq!(replay(old, new, &d), new);
        assert_eq!(d.rows.len(), 3);
        assert!(!d.rows[0].is_changed() && d.rows[1].is_changed() && !d.rows[2].is_changed());
        let ws: Vec<_> = d.changes.iter().filter(|c| c.whitespace_only).collect();
        assert_eq!(ws.len(), 1);
        assert_eq!(&old[ws[0].old.clone()], "\n");
        assert_eq!(d.count(false), d.count(true) - 1);
        for c in &d.changes {
            assert!(c.old.len() <= 3 && c.new.is_empty(), "{c:?}");
        }
    }

    #[test]
    fn navigation_skips_hidden_whitespace() {
        let old = "甲 乙\n丙丁\n";
        let new = "甲乙\n丙戊\n";
        let d = diff(old, new);
        assert_eq!(d.count(true), 2);
        let first = d.next_change(None, false).unwrap();
        assert!(!d.changes[first].whitespace_only);
        assert_eq!(d.next_change(Some(first), false), None);
        assert_eq!(d.prev_change(None, true), Some(1));
        assert_eq!(d.prev_change(Some(1), true), Some(0));
    }

    #[test]
    fn spans_cover_each_side_exactly() {
        let old = "近日， 开发区\n明实\n";
        let new = "近日，开发区明实\n";
        let d = diff(old, new);
        for row in 0..d.rows.len() {
            let o: String = d
                .side_spans(row, Side::Old)
                .iter()
                .map(|s| &old[s.bytes.clone()])
                .collect();
            assert_eq!(o, old[d.rows[row].old.clone()]);
            let n: String = d
                .side_spans(row, Side::New)
                .iter()
                .map(|s| &new[s.bytes.clone()])
                .collect();
            assert_eq!(n, new[d.rows[row].new.clone()]);
            let inline_new: String = d
                .inline_spans(row)
                .iter()
                .filter(|s| s.kind != SpanKind::Deleted)
                .map(|s| &new[s.bytes.clone()])
                .collect();
            assert_eq!(inline_new, new[d.rows[row].new.clone()]);
        }
        assert_eq!(whitespace_marks(" \n\u{3000}"), "␣⏎□");
    }

    #[test]
    fn a_spent_deadline_still_gives_a_complete_diff() {
        let old = "甲乙丙\n丁\n";
        let new = "甲丙\n丁戊\n";
        let d = diff_with(
            old,
            new,
            DiffOptions {
                timeout: Duration::ZERO,
            },
        );
        assert_eq!(replay(old, new, &d), new);
        assert!(d.timed_out);
    }

    #[test]
    fn empty_and_identical_texts() {
        assert_eq!(diff("", "").changes.len(), 0);
        let d = diff("甲\n", "甲\n");
        assert_eq!(d.changes.len(), 0);
        assert_eq!(d.rows.len(), 1);
        let d = diff("", "甲");
        assert_eq!(replay("", "甲", &d), "甲");
        let d = diff("甲\n", "");
        assert_eq!(replay("甲\n", "", &d), "");
    }
}
