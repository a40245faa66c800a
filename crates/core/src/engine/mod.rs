//! The correction engine: no I/O, no UI. Text in, [`Finding`]s out; fixes are
//! sorted, non-overlapping edits applied in one pass.

pub mod break_model;
mod break_weights;
pub(crate) mod char_class;
mod finding;
mod geometry_layout;
pub mod house_words;
pub mod layout;
mod message;
pub mod rule;
pub mod rules;
mod settings;

use std::ops::Range;

pub use finding::{Candidate, Finding, Suggestions};
pub use layout::{Layout, Role};
pub use message::Message;
pub use rule::{RuleId, RuleInfo, Severity};
pub use settings::{CjkLatinSpacing, Settings};

use crate::edit::{ChangeSet, Edit, EditError};
use crate::page::Geometry;

/// What the rules see: the text, its layout and the settings.
pub struct Context<'t> {
    pub text: &'t str,
    pub layout: Layout,
    pub settings: &'t Settings,
    /// The lines' boxes, when the page came with them and they describe this text.
    pub geometry: Option<&'t Geometry>,
}

/// The result of checking one revision of a text.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub layout: Layout,
    /// Sorted by span start; edits of different findings never overlap.
    pub findings: Vec<Finding>,
}

/// Checks `text` with every enabled rule.
pub fn check(text: &str, settings: &Settings) -> Vec<Finding> {
    analyze(text, settings).findings
}

/// Like [`check`], keeping the layout (paragraphs, line roles) for callers that show it.
pub fn analyze(text: &str, settings: &Settings) -> Analysis {
    analyze_with(text, settings, None)
}

/// Like [`analyze`], with the page's geometry (structured OCR, PDF) when it has one.
/// Geometry that does not describe `text` (a line count that differs) is ignored.
pub fn analyze_with(text: &str, settings: &Settings, geometry: Option<&Geometry>) -> Analysis {
    let geometry = geometry
        .filter(|g| g.lines.len() == memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    analyze_laid_out(
        text,
        settings,
        geometry,
        Layout::analyze_with(text, geometry),
    )
}

/// The rules run over `text` laid out as `layout`.
fn analyze_laid_out(
    text: &str,
    settings: &Settings,
    geometry: Option<&Geometry>,
    layout: Layout,
) -> Analysis {
    let ctx = Context {
        text,
        layout,
        settings,
        geometry,
    };
    let house = house_words::Occurrences::find(text, &settings.house_words);
    let mut claimed = Claimed::default();
    let mut findings = Vec::new();
    // Undecodable bytes (`bad-bytes`) are the evidence of a damaged page: no fix
    // removes or replaces them, whatever its rule.
    let has_raw_bytes = memchr::memchr(0xF4, text.as_bytes()).is_some()
        && text.chars().any(|c| crate::text::raw_byte(c).is_some());
    let keeps_raw_bytes = |e: &Edit| {
        !has_raw_bytes
            || text
                .get(e.range_bytes.clone())
                .is_some_and(|s| !s.chars().any(|c| crate::text::raw_byte(c).is_some()))
    };
    // Rules run in priority order; a later rule's edit that touches bytes an earlier
    // rule already fixes is subsumed (e.g. a trailing space inside a line join).
    for rule in RuleId::ALL {
        if !settings.is_enabled(rule) {
            continue;
        }
        let found = (rule.info().check)(&ctx);
        findings.reserve(found.len());
        for mut f in found {
            if house.spares(&f) {
                continue;
            }
            let had_edits = !f.edits.is_empty();
            f.edits
                .retain(|e| claimed.is_free(&e.range_bytes) && keeps_raw_bytes(e));
            if had_edits && f.edits.is_empty() {
                continue;
            }
            for e in &f.edits {
                claimed.claim(e.range_bytes.clone());
            }
            findings.push(f);
        }
        claimed.settle();
    }
    findings.sort_by_key(|f| (f.span_bytes.start, f.span_bytes.end, f.rule));
    Analysis {
        layout: ctx.layout,
        findings,
    }
}

/// Every safe fix of `findings` as one change set ("Apply all").
pub fn fixes(findings: &[Finding]) -> ChangeSet {
    ChangeSet::non_overlapping_sorted(edits_in_order(findings))
}

/// The text with every safe fix of `findings` (computed on `text`) applied: one pass
/// of [`fix`], without building a change set.
pub fn apply_fixes(text: &str, findings: &[Finding]) -> Result<String, EditError> {
    ChangeSet::apply_sorted(text, edits_in_order(findings))
}

/// Applies every safe fix: what `jiaodui fix` writes.
///
/// One pass almost always reaches a text with nothing left to fix; when a fix
/// uncovers another (a join that brings `，` next to `，`), passes repeat until nothing
/// changes; paragraphs are decided in the first pass only. Every fix
/// strictly shrinks something (lines, ghosts, spaces, half-width marks), so this
/// settles; the cap only guards against a bug. Fixing fixed text changes nothing.
pub fn fix(text: &str, settings: &Settings) -> String {
    fix_with(text, settings, None)
}

/// Like [`fix`], the first pass (which decides the layout) with the page's geometry.
pub fn fix_with(text: &str, settings: &Settings, geometry: Option<&Geometry>) -> String {
    fix_inner(text, settings, geometry, None)
}

/// Like [`fix_with`], also returning each pass's change set (in order): where every
/// byte of `text` went, for writing corrections back into a structured source.
pub fn fix_with_changes(
    text: &str,
    settings: &Settings,
    geometry: Option<&Geometry>,
) -> (String, Vec<ChangeSet>) {
    let mut changes = Vec::new();
    let fixed = fix_inner(text, settings, geometry, Some(&mut changes));
    (fixed, changes)
}

fn fix_inner(
    text: &str,
    settings: &Settings,
    geometry: Option<&Geometry>,
    mut record: Option<&mut Vec<ChangeSet>>,
) -> String {
    // Rules whose findings the editor decides never change the text: skip them.
    let mut settings = settings.clone();
    for rule in RuleId::ALL {
        if !rule.info().in_fix {
            settings.set_enabled(rule, false);
        }
    }
    let settings = &settings;
    // Borrowed until a pass changes something: the text is not copied first.
    let mut current = std::borrow::Cow::Borrowed(text);
    // The layout is decided once, on the page as given: later passes see joined
    // paragraphs as "lines" and would find columns in them. They only tidy what the
    // first uncovered (`，，` met at a join, a space now at a line end).
    let mut later = settings.clone();
    later.set_enabled(RuleId::BrokenLine, false);
    for pass in 0..MAX_PASSES {
        let settings = if pass == 0 { settings } else { &later };
        let findings = if pass == 0 {
            analyze_with(&current, settings, geometry).findings
        } else {
            analyze_laid_out(&current, settings, None, Layout::settled(&current)).findings
        };
        if findings.iter().all(|f| f.edits.is_empty()) {
            break;
        }
        // The engine only produces edits on char boundaries of the text; stop
        // rather than panic if that ever failed. (Unequal lengths, the usual
        // case, compare in one step.)
        match apply_fixes(&current, &findings) {
            Ok(next) if *next != *current => {
                if let Some(changes) = record.as_deref_mut() {
                    changes.push(fixes(&findings));
                }
                current = std::borrow::Cow::Owned(next)
            }
            _ => break,
        }
    }
    current.into_owned()
}

/// The edits of `findings` (sorted by span start, every edit inside its finding's
/// span) in (start, end) order, ties in finding order: what a stable sort of all
/// of them gives, by a merge. A paragraph's joins spread over its span while other
/// findings sit between them, so the edits come as thousands of short sorted runs,
/// which a sort spends most of `fix`'s splice time on.
fn edits_in_order(findings: &[Finding]) -> Vec<&Edit> {
    merge_edits(findings).unwrap_or_else(|| {
        // Not as the engine makes them (a caller's own selection): sort.
        ChangeSet::sorted(findings.iter().flat_map(|f| f.edits.iter()))
    })
}

/// The merge of [`edits_in_order`], or `None` when `findings` are not in the
/// engine's shape: spans out of order, an edit before its span, or more findings
/// open at one point than a page ever has (the engine's spans barely nest).
fn merge_edits<'f>(findings: &'f [Finding]) -> Option<Vec<&'f Edit>> {
    /// Most edits pending at once before the merge leaves the work to the sort
    /// (the engine's output never comes near it; a sorted `Vec` is only cheap short).
    const MAX_PENDING: usize = 64;
    // Edits waiting to be emitted: at most one per finding whose edits are in order
    // (its next), every edit of one that is not. Each is (start, end, finding,
    // edit, whether the finding's next edit follows), kept in descending order so
    // that the next to emit is the last; the first four compare as a stable sort
    // of the flat edit list would.
    type Pending = (usize, usize, usize, usize, bool);
    let mut pending: Vec<Pending> = Vec::with_capacity(MAX_PENDING);
    let mut out = Vec::with_capacity(findings.iter().map(|f| f.edits.len()).sum());
    let queue = |pending: &mut Vec<Pending>, entry: Pending| {
        if pending.len() == MAX_PENDING {
            return None;
        }
        let at = pending.partition_point(|p| *p > entry);
        pending.insert(at, entry);
        Some(())
    };
    // Emits the first pending edit and queues the next edit of its finding.
    let emit = |pending: &mut Vec<Pending>, out: &mut Vec<&'f Edit>| {
        let (_, _, g, k, chained) = pending.pop()?;
        out.push(&findings[g].edits[k]);
        match findings[g].edits.get(k + 1) {
            Some(e) if chained => queue(
                pending,
                (e.range_bytes.start, e.range_bytes.end, g, k + 1, true),
            ),
            _ => Some(()),
        }
    };
    let mut last_start = 0;
    for (i, f) in findings.iter().enumerate() {
        let start = f.span_bytes.start;
        if start < last_start || f.edits.iter().any(|e| e.range_bytes.start < start) {
            return None;
        }
        last_start = start;
        // Nothing of this or a later finding starts before this span.
        while pending.last().is_some_and(|p| p.0 < start) {
            emit(&mut pending, &mut out)?;
        }
        let chained = f
            .edits
            .is_sorted_by_key(|e| (e.range_bytes.start, e.range_bytes.end));
        let queued = if chained { 1 } else { f.edits.len() };
        for (k, e) in f.edits.iter().enumerate().take(queued) {
            queue(
                &mut pending,
                (e.range_bytes.start, e.range_bytes.end, i, k, chained),
            )?;
        }
    }
    while !pending.is_empty() {
        emit(&mut pending, &mut out)?;
    }
    Some(out)
}

/// Passes of [`fix`] before it settles for what it has.
const MAX_PASSES: usize = 16;

/// Byte ranges already taken by a fix, one sorted run per rule that claimed any:
/// a rule's edits come in page order, so keeping its run apart costs nothing,
/// where merging the runs into one list cost a merge of every claim per rule.
#[derive(Default)]
struct Claimed {
    runs: Vec<ClaimRun>,
    /// Claims of the rule now running.
    pending: Vec<Range<usize>>,
}

/// One rule's claims, sorted by (start, end).
struct ClaimRun {
    ranges: Vec<Range<usize>>,
    /// Where the last query's search ended: a rule asks in page order (mostly), so
    /// the next answer is usually a short step on, not a binary search away.
    hint: usize,
}

fn conflicts(a: &Range<usize>, b: &Range<usize>) -> bool {
    match (a.is_empty(), b.is_empty()) {
        // Two insertions at one point: their order would be ambiguous.
        (true, true) => a.start == b.start,
        (true, false) => b.start < a.start && a.start < b.end,
        (false, true) => a.start < b.start && b.start < a.end,
        (false, false) => a.start < b.end && b.start < a.end,
    }
}

impl Claimed {
    fn is_free(&mut self, r: &Range<usize>) -> bool {
        let clash_pending = self.pending.last().is_some_and(|c| conflicts(c, r));
        !clash_pending && self.runs.iter_mut().all(|run| run.is_free(r))
    }

    fn claim(&mut self, r: Range<usize>) {
        self.pending.push(r);
    }

    /// Closes the run of the rule just run.
    fn settle(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let mut ranges = std::mem::take(&mut self.pending);
        if !ranges.is_sorted_by_key(|r| (r.start, r.end)) {
            ranges.sort_by_key(|r| (r.start, r.end));
        }
        for run in &mut self.runs {
            run.hint = 0;
        }
        self.runs.push(ClaimRun { ranges, hint: 0 });
    }
}

impl ClaimRun {
    fn is_free(&mut self, r: &Range<usize>) -> bool {
        // Sorted ranges that do not overlap: only those starting near r can touch
        // it. The first that does not end before r, searched from the hint when
        // every range before the hint ends before r.
        let ranges = &self.ranges;
        let mut i = self.hint.min(ranges.len());
        if i > 0 && ranges[i - 1].end >= r.start {
            i = ranges.partition_point(|c| c.end < r.start);
        } else {
            while i < ranges.len() && ranges[i].end < r.start {
                i += 1;
            }
        }
        self.hint = i;
        !ranges[i..]
            .iter()
            .take_while(|c| c.start <= r.end)
            .any(|c| conflicts(c, r))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::edit::Edits;

    /// Findings as the engine makes them: sorted by span start, every edit inside
    /// its span; edits of one finding in order or not, spans nested or not. With
    /// `shaped` false, also what a caller may pass: spans out of order, edits
    /// outside their span, findings with more edits than the merge keeps pending.
    fn findings(shaped: bool) -> impl Strategy<Value = Vec<Finding>> {
        // Now and then (unshaped only) a finding with more edits than fit pending.
        let edits = prop::bool::weighted(if shaped { 0.0 } else { 0.02 }).prop_flat_map(|many| {
            let count = if many { 60..90 } else { 0..5 };
            prop::collection::vec((0usize..60, 0usize..4), count)
        });
        let finding = (0usize..200, 0usize..60, edits, prop::bool::weighted(0.1)).prop_map(
            move |(start, len, edits, stray)| {
                let edits: Edits = edits
                    .into_iter()
                    .map(|(at, n)| {
                        let a = if stray && !shaped {
                            at
                        } else {
                            start + at % (len + 1)
                        };
                        let b = (a + n).min(start + len).max(a);
                        Edit::new(a..b, if n == 0 { "x" } else { "" })
                    })
                    .collect();
                Finding::new(
                    RuleId::SpuriousSpace,
                    start..start + len,
                    edits,
                    Message::SpaceBetweenHan,
                )
            },
        );
        (prop::collection::vec(finding, 0..40), any::<bool>()).prop_map(move |(mut v, sort)| {
            if shaped || sort {
                v.sort_by_key(|f| f.span_bytes.start);
            }
            v
        })
    }

    proptest! {
        /// The merge gives exactly what a stable sort of all the edits gives, and
        /// so does the fallback for findings not in the engine's shape.
        #[test]
        fn edits_in_order_is_a_stable_sort(
            findings in prop_oneof![findings(true), findings(false)],
        ) {
            let mut expected: Vec<&Edit> = findings.iter().flat_map(|f| &f.edits).collect();
            expected.sort_by_key(|e| (e.range_bytes.start, e.range_bytes.end));
            let merged = edits_in_order(&findings);
            prop_assert_eq!(merged.len(), expected.len());
            for (m, e) in merged.iter().zip(&expected) {
                prop_assert!(std::ptr::eq(*m, *e));
            }
        }
    }
}
