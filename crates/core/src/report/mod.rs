//! Diff reports an editor's desk archives: unified diff (for `patch`), a
//! self-contained HTML page, and JSON for other tools. No I/O here: callers pass
//! texts and bytes in and write what comes out.

mod attribution;
pub mod date;
pub mod folder;
mod html;
mod json;
pub mod unified;

use std::collections::BTreeMap;
use std::path::Path;

use crate::diff::{self, Diff};
use crate::engine::{RuleId, Settings};
use crate::text::TextFormat;

/// The three report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Unified,
    Html,
    Json,
}

impl ReportFormat {
    /// From a file name: `.html`/`.htm`, `.diff`/`.patch`, `.json`.
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" => Some(ReportFormat::Html),
            "diff" | "patch" => Some(ReportFormat::Unified),
            "json" => Some(ReportFormat::Json),
            _ => None,
        }
    }
}

/// One side of the comparison: a page as decoded and as written.
#[derive(Clone, Debug)]
pub struct Page<'a> {
    /// Shown in the report (a path as the user gave it).
    pub name: String,
    pub text: &'a str,
    /// The file's bytes as written (for the unified diff, which `patch` applies to
    /// the file itself).
    pub bytes: std::borrow::Cow<'a, [u8]>,
    pub format: TextFormat,
}

/// Findings of one rule: fixed, dismissed by the editor, still in the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RuleCounts {
    pub applied: usize,
    pub ignored: usize,
    pub left: usize,
}

/// Totals of a report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Every rule, in `RuleId::ALL` order.
    pub rules: Vec<(RuleId, RuleCounts)>,
    /// Changes no engine fix explains.
    pub by_hand: usize,
    pub changes: usize,
    pub whitespace_changes: usize,
    pub paragraphs_changed: usize,
}

/// Everything a report shows: the two pages, their diff, and who did what.
pub struct Report<'a> {
    pub before: Page<'a>,
    pub after: Page<'a>,
    /// RFC 3339, UTC (injected, so a snapshot of a report is stable).
    pub date: String,
    pub diff: Diff,
    /// Per change (same index as `diff.changes`): the rule that explains it, or
    /// `None` for an edit by hand.
    pub causes: Vec<Option<RuleId>>,
    pub summary: Summary,
}

impl<'a> Report<'a> {
    /// Compares the pages and attributes the changes (see [`attribution`]).
    /// `ignored` counts the findings the editor dismissed (only the app knows them).
    pub fn new(
        before: Page<'a>,
        after: Page<'a>,
        date: String,
        settings: &Settings,
        ignored: &BTreeMap<RuleId, usize>,
    ) -> Self {
        let diff = diff::diff(before.text, after.text);
        Self::with_diff(before, after, date, settings, ignored, diff)
    }

    /// Like [`Report::new`] with a diff already computed (the app has one).
    pub fn with_diff(
        before: Page<'a>,
        after: Page<'a>,
        date: String,
        settings: &Settings,
        ignored: &BTreeMap<RuleId, usize>,
        diff: Diff,
    ) -> Self {
        let a = attribution::attribute(before.text, after.text, &diff, settings);
        let rules = RuleId::ALL
            .iter()
            .map(|&r| {
                let get = |m: &BTreeMap<RuleId, usize>| m.get(&r).copied().unwrap_or(0);
                // Dismissed findings are still in the text, but not "left" to review.
                let left = get(&a.left).saturating_sub(get(ignored));
                (
                    r,
                    RuleCounts {
                        applied: get(&a.applied),
                        ignored: get(ignored),
                        left,
                    },
                )
            })
            .collect();
        let summary = Summary {
            rules,
            by_hand: a.causes.iter().filter(|c| c.is_none()).count(),
            changes: diff.changes.len(),
            whitespace_changes: diff.changes.iter().filter(|c| c.whitespace_only).count(),
            paragraphs_changed: diff.rows.iter().filter(|r| r.is_changed()).count(),
        };
        Report {
            before,
            after,
            date,
            diff,
            causes: a.causes,
            summary,
        }
    }

    /// The report in `format`, as bytes to write (the unified diff is in the
    /// pages' own encoding; HTML and JSON are UTF-8).
    pub fn render(&self, format: ReportFormat) -> Vec<u8> {
        match format {
            ReportFormat::Unified => self.unified(),
            ReportFormat::Html => self.html().into_bytes(),
            ReportFormat::Json => self.json().into_bytes(),
        }
    }

    pub fn unified(&self) -> Vec<u8> {
        unified::unified(
            &self.before.bytes,
            &self.after.bytes,
            &self.before.name,
            &self.after.name,
            Some(&self.diff),
        )
    }

    pub fn html(&self) -> String {
        html::render(self)
    }

    pub fn json(&self) -> String {
        json::render(self)
    }
}
