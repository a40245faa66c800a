//! The findings the editor is reviewing, kept in step with the text.
//!
//! Checking is memoized by document revision and never runs on the typing path:
//! after an edit the findings' byte ranges are shifted through the edit at once
//! (findings the edit touched are dropped), and a real re-check follows after a
//! short idle — in the UI thread for small pages (it costs well under a
//! millisecond), on a worker thread for big ones, tagged with the revision it
//! checked so a result that arrives after further typing is thrown away.

use std::collections::{BTreeMap, HashSet};
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
    ignored: HashSet<u64>,
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
            ignored: HashSet::new(),
            generation: 0,
            revision: doc.revision(),
            stale: false,
            due: None,
            worker: None,
            counts: BTreeMap::new(),
            runs: Vec::new(),
        };
        let found = check(doc.text(), settings, &r.ignored);
        r.set(found, doc.revision(), false);
        r
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
    pub fn shift(&mut self, change: &ChangeSet, text: &str, revision: u64, delay: Duration) {
        let map = change.offset_map();
        let kept: Vec<Finding> = self
            .findings
            .iter()
            .filter_map(|f| shift_finding(f, change, &map))
            .collect();
        self.runs = jiaodui_core::edit::map_runs(&self.runs, change, text);
        self.set_with_runs(kept, revision, true);
        self.schedule(delay);
    }

    /// Asks for a re-check after `delay` (settings changed, undo, a fix applied).
    pub fn schedule(&mut self, delay: Duration) {
        self.due = Some(Instant::now() + delay);
    }

    /// Removes a finding from review without changing the text; it stays ignored
    /// across re-checks (by its fingerprint: rule, text and context).
    pub fn ignore(&mut self, ix: usize, text: &str) {
        if ix >= self.findings.len() {
            return;
        }
        let f = self.findings.remove(ix);
        self.ignored.insert(f.fingerprint(text));
        let (findings, rev, stale) = (
            std::mem::take(&mut self.findings),
            self.revision,
            self.stale,
        );
        self.set(findings, rev, stale);
    }

    pub fn ignore_rule(&mut self, rule: RuleId, text: &str) {
        for f in self.findings.iter().filter(|f| f.rule == rule) {
            self.ignored.insert(f.fingerprint(text));
        }
        let rest = self
            .findings
            .iter()
            .filter(|f| f.rule != rule)
            .cloned()
            .collect();
        let (rev, stale) = (self.revision, self.stale);
        self.set(rest, rev, stale);
    }

    /// Fingerprints of the findings ignored on this page (saved in its session).
    pub fn ignored(&self) -> &HashSet<u64> {
        &self.ignored
    }

    /// Restores the ignored fingerprints of a resumed session and re-checks now.
    pub fn set_ignored(&mut self, ignored: HashSet<u64>, doc: &Document, settings: &Settings) {
        self.ignored = ignored;
        self.worker = None;
        self.due = None;
        let found = check(doc.text(), settings, &self.ignored);
        self.set(found, doc.revision(), false);
    }

    /// Forgets ignored findings (a new page was opened).
    pub fn reset(&mut self, doc: &Document, settings: &Settings) {
        self.ignored.clear();
        self.worker = None;
        self.due = None;
        let found = check(doc.text(), settings, &self.ignored);
        self.set(found, doc.revision(), false);
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
                        self.set(found, rev, false);
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
            let found = check(doc.text(), settings, &self.ignored);
            self.set(found, doc.revision(), false);
        } else {
            let (tx, rx) = mpsc::channel();
            let (text, settings, ignored, rev) = (
                doc.text().to_owned(),
                settings.clone(),
                self.ignored.clone(),
                doc.revision(),
            );
            let now_ready = wake.now.clone();
            std::thread::spawn(move || {
                let found = check(&text, &settings, &ignored);
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

fn check(text: &str, settings: &Settings, ignored: &HashSet<u64>) -> Vec<Finding> {
    let mut found = engine::check(text, settings);
    if !ignored.is_empty() {
        found.retain(|f| !ignored.contains(&f.fingerprint(text)));
    }
    found
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
