//! The findings the editor is reviewing, kept in step with the text.
//!
//! Checking is memoized by document revision and never runs on the typing path:
//! after an edit the findings' byte ranges are shifted through the edit at once
//! (findings the edit touched are dropped), and a real re-check follows after a
//! short idle — in the UI thread for small pages (it costs well under a
//! millisecond), on a worker thread for big ones, tagged with the revision it
//! checked so a result that arrives after further typing is thrown away.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use crate::document::Document;

/// How the review asks its host for another look (a GUI repaint), without knowing the GUI.
#[derive(Clone)]
pub struct Wake {
    /// Call again after this delay (a re-check waiting for the typing pause).
    pub after: std::sync::Arc<dyn Fn(Duration) + Send + Sync>,
    /// Call again now (from the worker thread when a re-check has finished).
    pub now: std::sync::Arc<dyn Fn() + Send + Sync>,
}

impl Wake {
    /// For hosts that poll on their own (tests, batch runs).
    pub fn never() -> Self {
        Wake {
            after: std::sync::Arc::new(|_| {}),
            now: std::sync::Arc::new(|| {}),
        }
    }
}

use jiaodui_core::edit::{ChangeSet, Edit, OffsetMap};
use jiaodui_core::engine::{self, Finding, RuleId, Settings};

/// Pages up to this size are re-checked in the UI thread.
const SYNC_CHECK_MAX_BYTES: usize = 256 * 1024;

/// Idle time after typing before the page is re-checked.
pub const TYPING_IDLE: Duration = Duration::from_millis(350);

/// How a stretch of text is highlighted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Class {
    pub rule: RuleId,
    /// The bytes a fix replaces (strong) or only the finding's span (light).
    pub strong: bool,
}

pub struct Review {
    /// Findings still to review, sorted by span start, spans against the current text.
    findings: Vec<Finding>,
    /// Findings the editor ignored, sorted by span start, spans against the current
    /// text. An ignore belongs to the text it was made on: it moves with every edit
    /// that leaves that text alone and ends with an edit inside it. (A fingerprint of
    /// the text around it would not do: Apply all rewrites that context, and the
    /// ignored finding came back.) A re-check hides a finding that an ignore has
    /// at the same place, of the same rule.
    ignored: Vec<Finding>,
    /// Fingerprints of ignores from sessions written before ignores had places;
    /// a finding matching one becomes a placed ignore at the next check.
    legacy: HashSet<u64>,
    /// Bumped whenever `ignored` changes (the session's autosave watches it).
    decisions: u64,
    /// Bumped whenever `findings` changes.
    generation: u64,
    /// Revision the findings describe (checked or shifted to).
    revision: u64,
    /// Whether the findings were only shifted, not checked, for this revision.
    stale: bool,
    due: Option<Instant>,
    worker: Option<Receiver<(u64, Vec<Finding>)>>,
    counts: BTreeMap<RuleId, usize>,
    runs: Vec<(Range<usize>, Class)>,
}

impl Review {
    /// Checks the document now (used on load).
    pub fn new(doc: &Document, settings: &Settings) -> Self {
        let mut r = Review {
            findings: Vec::new(),
            ignored: Vec::new(),
            legacy: HashSet::new(),
            decisions: 0,
            generation: 0,
            revision: doc.revision(),
            stale: false,
            due: None,
            worker: None,
            counts: BTreeMap::new(),
            runs: Vec::new(),
        };
        r.accept(
            engine::analyze_with(doc.text(), settings, doc.geometry()).findings,
            doc.text(),
            doc.revision(),
        );
        r
    }

    /// Takes a full check's findings for `revision`: those an ignore covers (see
    /// [`same_decision`]) stay hidden, the ignore refreshed with the new finding.
    fn accept(&mut self, found: Vec<Finding>, text: &str, revision: u64) {
        let mut pending = Vec::with_capacity(found.len());
        let mut converted = false;
        let index = decision_index(&self.ignored);
        for f in found {
            if let Some(g) = lookup(&index, &f) {
                self.ignored[g] = f;
            } else if !self.legacy.is_empty() && self.legacy.contains(&f.fingerprint(text)) {
                self.ignored.push(f);
                converted = true;
            } else {
                pending.push(f);
            }
        }
        if converted {
            self.ignored.sort_by_key(|f| f.span_bytes.start);
            self.decisions += 1;
        }
        self.set(pending, revision, false);
    }

    /// Index of the ignore that covers `f`.
    fn ignore_at(&self, f: &Finding) -> Option<usize> {
        self.ignored.iter().position(|g| same_decision(g, f))
    }

    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn counts(&self) -> &BTreeMap<RuleId, usize> {
        &self.counts
    }

    /// Highlight runs, sorted and non-overlapping.
    pub fn runs(&self) -> &[(Range<usize>, Class)] {
        &self.runs
    }

    /// True while a re-check is pending or running.
    pub fn is_checking(&self) -> bool {
        self.stale || self.due.is_some() || self.worker.is_some()
    }

    fn set(&mut self, findings: Vec<Finding>, revision: u64, stale: bool) {
        self.runs = highlight_runs(&findings);
        self.set_with_runs(findings, revision, stale);
    }

    fn set_with_runs(&mut self, findings: Vec<Finding>, revision: u64, stale: bool) {
        self.findings = findings;
        self.revision = revision;
        self.stale = stale;
        self.generation += 1;
        self.counts.clear();
        for f in &self.findings {
            *self.counts.entry(f.rule).or_default() += 1;
        }
    }

    /// The text changed by `change` (now at `revision`): shift every finding, drop
    /// the ones whose bytes the change touched, and schedule a re-check.
    /// The highlight runs move the same way as the text view moves them for typed
    /// text not yet committed, so the view reuses its layout.
    ///
    /// Ignores move too; the ones whose text the change cut into end, and are
    /// returned (undoing the change gives them back).
    pub fn shift(
        &mut self,
        change: &ChangeSet,
        text: &str,
        revision: u64,
        delay: Duration,
    ) -> Vec<Finding> {
        let map = change.offset_map();
        let kept: Vec<Finding> = self
            .findings
            .iter()
            .filter_map(|f| shift_finding(f, change, &map))
            .collect();
        let mut ended = Vec::new();
        let mut moved = Vec::with_capacity(self.ignored.len());
        for g in std::mem::take(&mut self.ignored) {
            if decided_text(&g).any(|r| cuts_into(change, r)) {
                ended.push(g);
            } else {
                moved.push(move_ignored(g, &map));
            }
        }
        self.ignored = moved;
        if !ended.is_empty() {
            self.decisions += 1;
        }
        self.runs = jiaodui_core::edit::map_runs(&self.runs, change, text);
        self.set_with_runs(kept, revision, true);
        self.schedule(delay);
        ended
    }

    /// Asks for a re-check after `delay` (settings changed, undo, a fix applied).
    pub fn schedule(&mut self, delay: Duration) {
        self.due = Some(Instant::now() + delay);
    }

    /// Removes a finding from review without changing the text; it stays ignored
    /// while its text stays (see `ignored`). Returns it (for the undo step).
    pub fn ignore(&mut self, ix: usize) -> Option<Finding> {
        let f = self.findings.get(ix)?.clone();
        self.ignore_these(std::slice::from_ref(&f));
        Some(f)
    }

    /// Ignores every pending finding of `rule`; returns them (for the undo step).
    pub fn ignore_rule(&mut self, rule: RuleId) -> Vec<Finding> {
        let these: Vec<Finding> = self
            .findings
            .iter()
            .filter(|f| f.rule == rule)
            .cloned()
            .collect();
        self.ignore_these(&these);
        these
    }

    /// Ignores `these` (findings against the current text): taken out of review,
    /// kept as ignores. Also how undo and redo put ignores back.
    pub fn ignore_these(&mut self, these: &[Finding]) {
        if these.is_empty() {
            return;
        }
        let known = decision_index(&self.ignored);
        for f in these {
            if lookup(&known, f).is_none() {
                let at = self
                    .ignored
                    .partition_point(|g| g.span_bytes.start <= f.span_bytes.start);
                self.ignored.insert(at, f.clone());
            }
        }
        let these_index = decision_index(these);
        let pending: Vec<Finding> = std::mem::take(&mut self.findings)
            .into_iter()
            .filter(|f| lookup(&these_index, f).is_none())
            .collect();
        self.decisions += 1;
        let (rev, stale) = (self.revision, self.stale);
        self.set(pending, rev, stale);
    }

    /// Ends the ignore at index `k` of [`Review::ignored`]: its finding is under
    /// review again. Returns it (for the undo step).
    pub fn restore(&mut self, k: usize) -> Option<Finding> {
        let f = self.ignored.get(k)?.clone();
        self.restore_these(std::slice::from_ref(&f));
        Some(f)
    }

    /// Ends the ignores of `these` and puts them back under review (Restore, and
    /// undoing an ignore).
    pub fn restore_these(&mut self, these: &[Finding]) {
        if these.is_empty() {
            return;
        }
        let mut pending = std::mem::take(&mut self.findings);
        for f in these {
            if let Some(g) = self.ignore_at(f) {
                self.ignored.remove(g);
            }
            let present = pending.iter().any(|p| same_decision(p, f));
            if !present {
                let at = pending.partition_point(|p| p.span_bytes.start <= f.span_bytes.start);
                pending.insert(at, f.clone());
            }
        }
        self.decisions += 1;
        let (rev, stale) = (self.revision, self.stale);
        self.set(pending, rev, stale);
    }

    /// The ignored findings, in text order, spans against the current text.
    pub fn ignored(&self) -> &[Finding] {
        &self.ignored
    }

    /// Bumped by every change to the ignores.
    pub fn decisions(&self) -> u64 {
        self.decisions
    }

    /// Restores a resumed session's ignores — placed ones `(rule, span)` and
    /// fingerprints from older sessions — and re-checks now.
    pub fn set_ignored(
        &mut self,
        placed: &[(RuleId, Range<usize>)],
        legacy: HashSet<u64>,
        doc: &Document,
        settings: &Settings,
    ) {
        self.worker = None;
        self.due = None;
        self.legacy = legacy;
        let found = engine::analyze_with(doc.text(), settings, doc.geometry()).findings;
        let placed: HashSet<(RuleId, usize, usize)> =
            placed.iter().map(|(r, s)| (*r, s.start, s.end)).collect();
        self.ignored = found
            .iter()
            .filter(|f| placed.contains(&(f.rule, f.span_bytes.start, f.span_bytes.end)))
            .cloned()
            .collect();
        self.decisions += 1;
        self.accept(found, doc.text(), doc.revision());
    }

    /// Forgets ignored findings (a new page was opened).
    pub fn reset(&mut self, doc: &Document, settings: &Settings) {
        self.ignored.clear();
        self.legacy.clear();
        self.decisions += 1;
        self.worker = None;
        self.due = None;
        self.accept(
            engine::analyze_with(doc.text(), settings, doc.geometry()).findings,
            doc.text(),
            doc.revision(),
        );
    }

    /// Runs a due re-check or collects a finished one. Call once per frame.
    /// `wake` is how the caller gets another frame: asked with a delay while a
    /// re-check waits for the typing pause, and from the worker when it is done.
    pub fn poll(&mut self, doc: &Document, settings: &Settings, wake: &Wake) {
        if let Some(rx) = &self.worker {
            match rx.try_recv() {
                Ok((rev, found)) => {
                    self.worker = None;
                    if rev == doc.revision() {
                        // Ignores are applied here, not in the worker: they may have
                        // changed (ignore, restore) while it ran.
                        self.accept(found, doc.text(), rev);
                    } else if self.due.is_none() {
                        self.due = Some(Instant::now());
                    }
                }
                Err(TryRecvError::Empty) => return,
                Err(TryRecvError::Disconnected) => self.worker = None,
            }
        }
        let Some(due) = self.due else { return };
        let now = Instant::now();
        if now < due {
            (wake.after)(due - now);
            return;
        }
        self.due = None;
        if doc.text().len() <= SYNC_CHECK_MAX_BYTES {
            self.accept(
                engine::analyze_with(doc.text(), settings, doc.geometry()).findings,
                doc.text(),
                doc.revision(),
            );
        } else {
            let (tx, rx) = mpsc::channel();
            let (text, settings, rev) = (doc.text().to_owned(), settings.clone(), doc.revision());
            // The page's boxes, while they still describe its text.
            let source = doc.geometry().and(doc.structured_source());
            let now_ready = wake.now.clone();
            std::thread::spawn(move || {
                let geometry = source.as_deref().map(|s| &s.geometry);
                let found = engine::analyze_with(&text, &settings, geometry).findings;
                // The app may have closed meanwhile; nothing to do then.
                let _ = tx.send((rev, found));
                now_ready();
            });
            self.worker = Some(rx);
        }
    }

    /// Index of the finding whose span contains byte `at` (the narrowest one).
    pub fn at_byte(&self, at: usize) -> Option<usize> {
        let end = self.findings.partition_point(|f| f.span_bytes.start <= at);
        self.findings[..end]
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                at < f.span_bytes.end || (f.span_bytes.is_empty() && at == f.span_bytes.start)
            })
            .min_by_key(|(_, f)| f.span_bytes.len())
            .map(|(i, _)| i)
    }
}

/// The text a decision on `f` is about: the bytes its fix replaces (the ghost
/// glyphs, the line breaks), or its span when it has no fix or only inserts.
/// Edits elsewhere in a long span (a line, a paragraph) leave the decision standing.
fn decided_text(f: &Finding) -> impl Iterator<Item = &Range<usize>> {
    let replaces = f.edits.iter().any(|e| !e.range_bytes.is_empty());
    let edits = f
        .edits
        .iter()
        .map(|e| &e.range_bytes)
        .filter(move |r| replaces && !r.is_empty());
    edits.chain((!replaces).then_some(&f.span_bytes))
}

/// What identifies a decision on a finding across re-checks: its rule with each
/// edit of its fix (place and text), or with its span when it has no fix. A
/// re-check of a line where something else changed gives the same ghost glyphs
/// to remove, though the finding's span (the line) moved or grew.
type DecisionKey = (RuleId, usize, usize, String);

fn decision_keys(f: &Finding) -> impl Iterator<Item = DecisionKey> + '_ {
    let edits = f.edits.iter().map(move |e| {
        (
            f.rule,
            e.range_bytes.start,
            e.range_bytes.end,
            e.insert.clone(),
        )
    });
    let span = f.edits.is_empty().then(|| {
        (
            f.rule,
            f.span_bytes.start,
            f.span_bytes.end,
            "\u{0}span".to_owned(),
        )
    });
    edits.chain(span)
}

/// Whether `a` and `b` are the same finding for the editor's decisions.
fn same_decision(a: &Finding, b: &Finding) -> bool {
    a.rule == b.rule && decision_keys(a).any(|k| decision_keys(b).any(|l| l == k))
}

/// Decision keys of `fs` → index in `fs` (one pass, so a re-check of a page with
/// thousands of ignores stays linear).
fn decision_index(fs: &[Finding]) -> HashMap<DecisionKey, usize> {
    let mut index = HashMap::new();
    for (i, f) in fs.iter().enumerate() {
        for k in decision_keys(f) {
            index.entry(k).or_insert(i);
        }
    }
    index
}

fn lookup(index: &HashMap<DecisionKey, usize>, f: &Finding) -> Option<usize> {
    if index.is_empty() {
        return None;
    }
    decision_keys(f).find_map(|k| index.get(&k).copied())
}

/// Whether `change` cuts into the text `r` (an edit overlapping it, or an insertion
/// strictly inside it); an edit that only abuts it leaves that text as it was.
fn cuts_into(change: &ChangeSet, r: &Range<usize>) -> bool {
    if r.is_empty() {
        return change.touches(r);
    }
    let edits = change.edits();
    // Sorted and disjoint: the ends are sorted too.
    let i = edits.partition_point(|e| e.range_bytes.end <= r.start);
    edits.get(i).is_some_and(|e| e.range_bytes.start < r.end)
}

/// An ignored finding moved through a change that left its text alone.
fn move_ignored(mut g: Finding, map: &OffsetMap) -> Finding {
    let map = |r: &Range<usize>| {
        let start = map.map(r.start, true);
        let end = map.map(r.end, false).max(start);
        start..end
    };
    g.span_bytes = map(&g.span_bytes);
    g.edits = g
        .edits
        .iter()
        .map(|e| Edit::new(map(&e.range_bytes), e.insert.clone()))
        .collect();
    g
}

/// `f` moved through `change`, or None when the change touched what it would fix.
fn shift_finding(f: &Finding, change: &ChangeSet, map: &OffsetMap) -> Option<Finding> {
    if f.edits.is_empty() {
        if change.touches(&f.span_bytes) {
            return None;
        }
    } else if f.edits.iter().any(|e| change.touches(&e.range_bytes)) {
        return None;
    }
    let map = |r: &Range<usize>| {
        let start = map.map(r.start, true);
        let end = map.map(r.end, false).max(start);
        start..end
    };
    let edits: jiaodui_core::edit::Edits = f
        .edits
        .iter()
        .map(|e| Edit::new(map(&e.range_bytes), e.insert.clone()))
        .collect();
    Some(Finding::new(
        f.rule,
        map(&f.span_bytes),
        edits,
        f.message.clone(),
    ))
}

/// Flattens findings into non-overlapping highlight runs: the bytes a fix replaces
/// win over spans. Broken-line spans (whole paragraphs) are not shaded — their line
/// breaks get a mark instead, which reads better than a paragraph-sized block.
pub fn highlight_runs(findings: &[Finding]) -> Vec<(Range<usize>, Class)> {
    let mut raw: Vec<(Range<usize>, Class)> = Vec::new();
    for f in findings {
        let shade_span = f.rule != RuleId::BrokenLine;
        if shade_span {
            raw.push((
                f.span_bytes.clone(),
                Class {
                    rule: f.rule,
                    strong: f.edits.is_empty(),
                },
            ));
        }
        for e in &f.edits {
            if !e.range_bytes.is_empty() {
                raw.push((
                    e.range_bytes.clone(),
                    Class {
                        rule: f.rule,
                        strong: true,
                    },
                ));
            }
        }
    }
    raw.retain(|(r, _)| !r.is_empty());
    raw.sort_by_key(|(r, c)| (r.start, !c.strong));
    let mut points: Vec<usize> = raw.iter().flat_map(|(r, _)| [r.start, r.end]).collect();
    points.sort_unstable();
    points.dedup();
    let mut out: Vec<(Range<usize>, Class)> = Vec::new();
    let mut active: Vec<usize> = Vec::new();
    let mut next = 0;
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        while next < raw.len() && raw[next].0.start <= a {
            active.push(next);
            next += 1;
        }
        active.retain(|&i| raw[i].0.end > a);
        // Strong beats light; among equals the later (inner) finding wins.
        let Some(&best) = active
            .iter()
            .max_by_key(|&&i| (raw[i].1.strong, raw[i].0.start))
        else {
            continue;
        };
        let class = raw[best].1;
        match out.last_mut() {
            Some((r, c)) if r.end == a && *c == class => r.end = b,
            _ => out.push((a..b, class)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiaodui_core::text::TextFormat;

    #[test]
    fn typing_shifts_findings_and_drops_touched_ones() {
        let text = "近日， 开发区。在 这里".to_owned();
        let doc = Document::from_text(None, text.clone(), TextFormat::default());
        let mut r = Review::new(&doc, &Settings::default());
        let before = r.findings().len();
        assert!(before >= 1);
        let first = r.findings()[0].span_bytes.clone();
        // Insert at the very start: everything shifts by the inserted length.
        let cs = ChangeSet::new(vec![Edit::new(0..0, "甲")]).unwrap();
        let text2 = cs.apply(&text).unwrap();
        r.shift(&cs, &text2, 1, Duration::ZERO);
        assert_eq!(r.findings().len(), before);
        assert_eq!(r.findings()[0].span_bytes.start, first.start + "甲".len());
    }

    #[test]
    fn an_ignore_follows_its_text_and_ends_with_an_edit_inside_it() {
        let text = "88 月 2266日，， 近日， 开发区".to_owned();
        let mut doc = Document::from_text(None, text.clone(), TextFormat::default());
        let settings = Settings::default();
        let mut r = Review::new(&doc, &settings);
        let ix = r
            .findings()
            .iter()
            .position(|f| f.original(&text).contains("2266"))
            .unwrap();
        let ignored = r.ignore(ix).unwrap();
        // Fix everything else (as Apply all does): the context of the ignored
        // finding changes, the ignore stays.
        let change = engine::fixes(r.findings());
        assert!(!change.is_empty());
        let before = doc.text().to_owned();
        doc.apply(change.clone()).unwrap();
        assert!(
            r.shift(&change, doc.text(), doc.revision(), Duration::ZERO)
                .is_empty()
        );
        r.poll(&doc, &settings, &Wake::never());
        assert_eq!(r.ignored().len(), 1);
        assert!(
            r.findings()
                .iter()
                .all(|f| f.rule != ignored.rule || !f.original(doc.text()).contains("2266"))
        );
        assert_ne!(before, doc.text());
        // An edit inside its text ends it.
        let at = r.ignored()[0].span_bytes.start + 1;
        let cut = ChangeSet::new(vec![Edit::new(at..at + 1, "")]).unwrap();
        doc.apply(cut.clone()).unwrap();
        let ended = r.shift(&cut, doc.text(), doc.revision(), Duration::ZERO);
        assert_eq!(ended.len(), 1);
        assert!(r.ignored().is_empty());
    }

    #[test]
    fn runs_do_not_overlap() {
        let doc = Document::from_text(
            None,
            "88 月 2266日，， 近日， 开发区".into(),
            TextFormat::default(),
        );
        let r = Review::new(&doc, &Settings::default());
        for w in r.runs().windows(2) {
            assert!(w[0].0.end <= w[1].0.start);
        }
    }
}
