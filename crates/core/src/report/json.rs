//! The JSON report: the HTML report's data for other tools. Field names are a
//! contract (documented in the README); add fields, never rename them.

use serde::Serialize;

use super::Report;
use crate::text::LineIndex;

#[derive(Serialize)]
struct JsonReport<'a> {
    /// Always "jiaodui-diff-report".
    kind: &'static str,
    version: u32,
    date: &'a str,
    before: JsonFile<'a>,
    after: JsonFile<'a>,
    summary: JsonSummary,
    paragraphs: Vec<JsonParagraph>,
    changes: Vec<JsonChange<'a>>,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    encoding: &'static str,
    line_ending: &'static str,
    lines: usize,
    chars: usize,
}

#[derive(Serialize)]
struct JsonRule {
    rule: &'static str,
    applied: usize,
    ignored: usize,
    left: usize,
}

#[derive(Serialize)]
struct JsonSummary {
    rules: Vec<JsonRule>,
    by_hand: usize,
    changes: usize,
    whitespace_changes: usize,
    paragraphs_changed: usize,
    /// The diff hit its time limit; some paragraphs are marked replaced whole.
    timed_out: bool,
}

#[derive(Serialize)]
struct JsonLines {
    /// 1-based first line.
    line: usize,
    /// Number of lines (0 for a paragraph that exists only on the other side).
    lines: usize,
}

#[derive(Serialize)]
struct JsonParagraph {
    before: JsonLines,
    after: JsonLines,
    /// Indices into `changes`.
    changes: Vec<usize>,
}

#[derive(Serialize)]
struct JsonPlace<'a> {
    line: usize,
    column: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    before: JsonPlace<'a>,
    after: JsonPlace<'a>,
    whitespace_only: bool,
    /// The rule whose fix explains the change, or null for an edit by hand.
    rule: Option<&'static str>,
}

/// 1-based line and character column of increasing byte offsets, counted
/// incrementally so a one-line megabyte page stays linear.
struct Cursor<'t> {
    text: &'t str,
    index: LineIndex,
    at: usize,
    line: usize,
    column: usize,
}

impl<'t> Cursor<'t> {
    fn new(text: &'t str) -> Self {
        Cursor {
            text,
            index: LineIndex::new(text),
            at: 0,
            line: 0,
            column: 0,
        }
    }

    fn position(&mut self, offset: usize) -> (usize, usize) {
        let line = self.index.line_of(offset);
        let start = self.index.line_start(line);
        if line != self.line || offset < self.at {
            self.line = line;
            self.at = start;
            self.column = 0;
        }
        self.column += self
            .text
            .get(self.at..offset)
            .map_or(0, |s| s.chars().count());
        self.at = offset;
        (line + 1, self.column + 1)
    }
}

fn file<'a>(p: &'a super::Page<'_>) -> JsonFile<'a> {
    JsonFile {
        path: &p.name,
        encoding: p.format.encoding.label(),
        line_ending: p.format.line_ending.label(),
        lines: p.text.lines().count(),
        chars: p.text.chars().count(),
    }
}

pub(super) fn render(r: &Report<'_>) -> String {
    let s = &r.summary;
    let (mut bc, mut ac) = (Cursor::new(r.before.text), Cursor::new(r.after.text));
    let changes = r
        .diff
        .changes
        .iter()
        .zip(&r.causes)
        .map(|(c, cause)| {
            let (bl, bcol) = bc.position(c.old.start);
            let (al, acol) = ac.position(c.new.start);
            JsonChange {
                before: JsonPlace {
                    line: bl,
                    column: bcol,
                    text: &r.before.text[c.old.clone()],
                },
                after: JsonPlace {
                    line: al,
                    column: acol,
                    text: &r.after.text[c.new.clone()],
                },
                whitespace_only: c.whitespace_only,
                rule: cause.map(|rule| rule.as_str()),
            }
        })
        .collect();
    let paragraphs = r
        .diff
        .rows
        .iter()
        .filter(|row| row.is_changed())
        .map(|row| JsonParagraph {
            before: JsonLines {
                line: row.old_lines.start + 1,
                lines: row.old_lines.len(),
            },
            after: JsonLines {
                line: row.new_lines.start + 1,
                lines: row.new_lines.len(),
            },
            changes: row.changes.clone().collect(),
        })
        .collect();
    let report = JsonReport {
        kind: "jiaodui-diff-report",
        version: 1,
        date: &r.date,
        before: file(&r.before),
        after: file(&r.after),
        summary: JsonSummary {
            rules: s
                .rules
                .iter()
                .map(|(rule, c)| JsonRule {
                    rule: rule.as_str(),
                    applied: c.applied,
                    ignored: c.ignored,
                    left: c.left,
                })
                .collect(),
            by_hand: s.by_hand,
            changes: s.changes,
            whitespace_changes: s.whitespace_changes,
            paragraphs_changed: s.paragraphs_changed,
            timed_out: r.diff.timed_out,
        },
        paragraphs,
        changes,
    };
    // Plain data with string keys: serialization cannot fail.
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_default();
    out.push('\n');
    out
}
