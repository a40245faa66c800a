//! Which changes the engine explains, and which an editor made by hand.
//!
//! The engine is replayed on the original text exactly as `engine::fix` runs it
//! (check, apply every safe fix, repeat until nothing changes). Each fix of each
//! pass is mapped back to byte ranges of the *original* text through the inverses
//! of the earlier passes. Then:
//! - a change of the diff is attributed to the rule of the first engine edit whose
//!   original range overlaps or touches the change's old range (touching, because
//!   a character diff may delete the *first* of two doubled glyphs where the engine
//!   deleted the second); otherwise it counts as an edit by hand;
//! - a finding counts as applied when every one of its edits touches a change.
//!
//! This is a heuristic for `diff BEFORE AFTER`, where the editor's decisions are
//! not known: an edit by hand right beside an engine fix is credited to the rule,
//! and a fix the editor redid differently still counts as applied.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::diff::Diff;
use crate::edit::OffsetMap;
use crate::engine::{self, RuleId, Settings};

/// One engine finding with a fix, its edits in original-text coordinates.
struct Traced {
    rule: RuleId,
    edits: Vec<Range<usize>>,
}

/// Passes before the replay gives up (the same cap `engine::fix` uses).
const MAX_PASSES: usize = 16;

fn trace(before: &str, settings: &Settings) -> Vec<Traced> {
    let mut out = Vec::new();
    let mut current = before.to_owned();
    // Inverses of the passes so far: map an offset of `current` back to `before`.
    let mut back: Vec<OffsetMap> = Vec::new();
    let map_back = |back: &[OffsetMap], mut r: Range<usize>| {
        for inv in back.iter().rev() {
            r = inv.map(r.start, false)..inv.map(r.end, true);
        }
        r.start..r.end.max(r.start)
    };
    for _ in 0..MAX_PASSES {
        let findings = engine::check(&current, settings);
        let cs = engine::fixes(&findings);
        if cs.is_empty() {
            break;
        }
        for f in findings.iter().filter(|f| f.is_fixable()) {
            let edits = f
                .edits
                .iter()
                .map(|e| map_back(&back, e.range_bytes.clone()))
                .collect();
            out.push(Traced {
                rule: f.rule,
                edits,
            });
        }
        let Ok(next) = cs.apply(&current) else { break };
        if next == current {
            break;
        }
        back.push(cs.invert(&current).offset_map());
        current = next;
    }
    out
}

fn touches(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// Per-rule counts and the cause of each change.
pub(crate) struct Attribution {
    /// Rule of each change of the diff (same index), `None` = by hand.
    pub causes: Vec<Option<RuleId>>,
    pub applied: BTreeMap<RuleId, usize>,
    pub left: BTreeMap<RuleId, usize>,
}

pub(crate) fn attribute(
    before: &str,
    after: &str,
    diff: &Diff,
    settings: &Settings,
) -> Attribution {
    let traced = trace(before, settings);
    // Every engine edit, sorted by start, with its rule.
    let mut edits: Vec<(Range<usize>, RuleId)> = traced
        .iter()
        .flat_map(|t| t.edits.iter().map(move |e| (e.clone(), t.rule)))
        .collect();
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    let max_len = edits.iter().map(|(r, _)| r.len()).max().unwrap_or(0);
    let touching = |r: &Range<usize>| {
        // Edits starting after r.end cannot touch; those ending before r.start neither.
        let lo = edits.partition_point(|(e, _)| e.start + max_len < r.start);
        let hi = edits.partition_point(|(e, _)| e.start <= r.end);
        edits[lo..hi.max(lo)]
            .iter()
            .find(|(e, _)| touches(e, r))
            .map(|(_, rule)| *rule)
    };
    let causes: Vec<Option<RuleId>> = diff.changes.iter().map(|c| touching(&c.old)).collect();

    // Sorted change ranges for the "applied" test.
    let changed: Vec<Range<usize>> = diff.changes.iter().map(|c| c.old.clone()).collect();
    let covered = |r: &Range<usize>| {
        let i = changed.partition_point(|c| c.end < r.start);
        changed[i..]
            .iter()
            .take_while(|c| c.start <= r.end)
            .any(|c| touches(c, r))
    };
    let mut applied = BTreeMap::new();
    for t in &traced {
        if t.edits.iter().all(covered) {
            *applied.entry(t.rule).or_insert(0) += 1;
        }
    }
    let mut left = BTreeMap::new();
    for f in engine::check(after, settings) {
        *left.entry(f.rule).or_insert(0) += 1;
    }
    Attribution {
        causes,
        applied,
        left,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff;

    #[test]
    fn engine_changes_are_credited_and_hand_edits_are_not() {
        let before = include_str!("../../../../assets/samples/000_39b2f5fd87845c7e.txt");
        let settings = Settings::default();
        let fixed = engine::fix(before, &settings);
        let by_hand = fixed.replacen("迎来", "接待", 1);
        let d = diff::diff(before, &by_hand);
        let a = attribute(before, &by_hand, &d, &settings);
        let hand: Vec<_> = d
            .changes
            .iter()
            .zip(&a.causes)
            .filter(|(_, c)| c.is_none())
            .map(|(c, _)| &by_hand[c.new.clone()])
            .collect();
        assert_eq!(hand.concat(), "接待");
        assert!(a.applied.get(&RuleId::SpuriousSpace).copied().unwrap_or(0) >= 1);
        assert!(a.applied.get(&RuleId::DoubledGlyph).copied().unwrap_or(0) >= 1);
        assert!(a.applied.get(&RuleId::BrokenLine).copied().unwrap_or(0) >= 1);
    }
}
