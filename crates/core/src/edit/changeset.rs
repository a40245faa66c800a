use std::ops::Range;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Replace `range_bytes` of the text with `insert`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Edit {
    pub range_bytes: Range<usize>,
    pub insert: String,
}

impl Edit {
    pub fn new(range_bytes: Range<usize>, insert: impl Into<String>) -> Self {
        Edit {
            range_bytes,
            insert: insert.into(),
        }
    }

    pub fn delete(range_bytes: Range<usize>) -> Self {
        Edit {
            range_bytes,
            insert: String::new(),
        }
    }

    /// Change in text length when this edit is applied.
    pub fn delta(&self) -> isize {
        self.insert.len() as isize - (self.range_bytes.end - self.range_bytes.start) as isize
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum EditError {
    #[error("edit {start}..{end} is outside the text ({len} bytes) or not on a character boundary")]
    OutOfBounds {
        start: usize,
        end: usize,
        len: usize,
    },
    #[error("edits overlap at byte {at}")]
    Overlap { at: usize },
}

/// Sorted, non-overlapping edits against one revision of a text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeSet {
    edits: Vec<Edit>,
}

impl ChangeSet {
    /// Sorts `edits`; rejects overlaps (two insertions at one point count as overlapping
    /// because their order would be ambiguous). Empty no-op edits are dropped.
    pub fn new(mut edits: Vec<Edit>) -> Result<Self, EditError> {
        edits.retain(|e| !(e.range_bytes.is_empty() && e.insert.is_empty()));
        edits.sort_by_key(|e| (e.range_bytes.start, e.range_bytes.end));
        for pair in edits.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if b.range_bytes.start < a.range_bytes.end
                || (b.range_bytes.start == a.range_bytes.start && a.range_bytes.is_empty())
            {
                return Err(EditError::Overlap {
                    at: b.range_bytes.start,
                });
            }
        }
        Ok(ChangeSet { edits })
    }

    /// Keeps the first edit of every overlapping group (in the given order of
    /// priority) and drops the rest: used when several findings touch the same bytes.
    pub fn non_overlapping<'e>(edits: impl IntoIterator<Item = &'e Edit>) -> Self {
        Self::non_overlapping_sorted(Self::sorted(edits))
    }

    /// [`ChangeSet::non_overlapping`] for edits already in (start, end) order, ties in
    /// priority order (see [`ChangeSet::apply_sorted`]).
    pub fn non_overlapping_sorted<'e>(edits: impl IntoIterator<Item = &'e Edit>) -> Self {
        ChangeSet {
            edits: select_sorted(edits).into_iter().cloned().collect(),
        }
    }

    /// `ChangeSet::non_overlapping(edits).apply(text)` without cloning a single
    /// edit: the hot path of `fix` on a large text.
    pub fn apply_non_overlapping<'e>(
        text: &str,
        edits: impl IntoIterator<Item = &'e Edit>,
    ) -> Result<String, EditError> {
        Self::apply_sorted(text, Self::sorted(edits))
    }

    /// `edits` in (start, end) order; among equal ranges the earlier (higher
    /// priority) edit stays first.
    pub fn sorted<'e>(edits: impl IntoIterator<Item = &'e Edit>) -> Vec<&'e Edit> {
        let mut all: Vec<&Edit> = edits.into_iter().collect();
        if !all.is_sorted_by_key(|e| (e.range_bytes.start, e.range_bytes.end)) {
            all.sort_by_key(|e| (e.range_bytes.start, e.range_bytes.end));
        }
        all
    }

    /// [`ChangeSet::apply_non_overlapping`] for edits already in (start, end) order,
    /// ties in priority order (what its stable sort would give): for callers that
    /// can merge their edits in order for less than a sort costs.
    pub fn apply_sorted<'e>(
        text: &str,
        edits: impl IntoIterator<Item = &'e Edit>,
    ) -> Result<String, EditError> {
        let kept = select_sorted(edits);
        for e in &kept {
            validate(e, text)?;
        }
        splice(text, kept.iter().copied())
    }

    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    /// Checks every range against `text` (bounds and char boundaries).
    pub fn validate(&self, text: &str) -> Result<(), EditError> {
        self.edits.iter().try_for_each(|e| validate(e, text))
    }

    /// Applies all edits in one pass.
    pub fn apply(&self, text: &str) -> Result<String, EditError> {
        self.validate(text)?;
        splice(text, &self.edits)
    }

    /// The change set that undoes `self`, expressed against the text *after* `self`
    /// was applied to `before`.
    pub fn invert(&self, before: &str) -> ChangeSet {
        let mut shift: isize = 0;
        let edits = self
            .edits
            .iter()
            .map(|e| {
                let start = (e.range_bytes.start as isize + shift) as usize;
                let inv = Edit::new(
                    start..start + e.insert.len(),
                    &before[e.range_bytes.clone()],
                );
                shift += e.delta();
                inv
            })
            .collect();
        ChangeSet { edits }
    }

    /// Where byte `offset` of the old text lands in the new text. Offsets inside a
    /// replaced range move to its end (`assoc_after`) or start.
    pub fn map_offset(&self, offset: usize, assoc_after: bool) -> usize {
        self.offset_map().map(offset, assoc_after)
    }

    /// Build once to map many offsets: O(log n) each (moving ten thousand findings
    /// through an "apply all" of ten thousand edits).
    pub fn offset_map(&self) -> OffsetMap {
        let mut shift_before = Vec::with_capacity(self.edits.len() + 1);
        let mut shift = 0isize;
        shift_before.push(0);
        for e in &self.edits {
            shift += e.delta();
            shift_before.push(shift);
        }
        OffsetMap {
            edits: self
                .edits
                .iter()
                .map(|e| (e.range_bytes.clone(), e.insert.len()))
                .collect(),
            shift_before,
        }
    }

    /// Whether any edit touches `r` (overlaps it or abuts it): binary search.
    pub fn touches(&self, r: &Range<usize>) -> bool {
        // Sorted and disjoint, so ends are sorted too: the first edit that does
        // not end before `r` is the only candidate that can start within it.
        let i = self.edits.partition_point(|e| e.range_bytes.end < r.start);
        self.edits
            .get(i)
            .is_some_and(|e| e.range_bytes.start <= r.end)
    }
}

/// Offsets of the text before a change → offsets after it, for many lookups.
/// Owns its data, so it can outlive the change set it came from.
#[derive(Clone, Debug)]
pub struct OffsetMap {
    /// Each edit's range (before) and inserted length.
    edits: Vec<(Range<usize>, usize)>,
    /// `shift_before[i]`: total length change of the edits before edit `i`.
    shift_before: Vec<isize>,
}

impl OffsetMap {
    /// Same answer as [`ChangeSet::map_offset`].
    pub fn map(&self, offset: usize, assoc_after: bool) -> usize {
        // Edits wholly before `offset` form a prefix of the sorted list.
        let i = self
            .edits
            .partition_point(|(r, _)| offset > r.end || (offset == r.end && !r.is_empty()));
        let shift = self.shift_before[i];
        if let Some((r, insert_len)) = self.edits.get(i) {
            let before_it =
                offset < r.start || (offset == r.start && !assoc_after && !r.is_empty());
            if !before_it {
                // Inside the replaced range (or at an insertion point).
                let start = (r.start as isize + shift) as usize;
                return if assoc_after {
                    start + insert_len
                } else {
                    start
                };
            }
        }
        (offset as isize + shift) as usize
    }
}

/// The first of every overlapping group of edits already in (start, end) order.
/// Empty no-op edits are dropped.
fn select_sorted<'e>(edits: impl IntoIterator<Item = &'e Edit>) -> Vec<&'e Edit> {
    let edits = edits.into_iter();
    let mut kept: Vec<&Edit> = Vec::with_capacity(edits.size_hint().0);
    for e in edits {
        if e.range_bytes.is_empty() && e.insert.is_empty() {
            continue;
        }
        if let Some(last) = kept.last()
            && (e.range_bytes.start < last.range_bytes.end
                || (e.range_bytes.start == last.range_bytes.start && last.range_bytes.is_empty()))
        {
            continue;
        }
        kept.push(e);
    }
    kept
}

/// Checks one edit's range against `text` (bounds and char boundaries).
fn validate(e: &Edit, text: &str) -> Result<(), EditError> {
    let r = &e.range_bytes;
    if r.start > r.end
        || r.end > text.len()
        || !text.is_char_boundary(r.start)
        || !text.is_char_boundary(r.end)
    {
        return Err(EditError::OutOfBounds {
            start: r.start,
            end: r.end,
            len: text.len(),
        });
    }
    Ok(())
}

/// Builds the text with sorted, non-overlapping, validated edits applied.
fn splice<'e>(
    text: &str,
    edits: impl IntoIterator<Item = &'e Edit> + Clone,
) -> Result<String, EditError> {
    let grow: isize = edits.clone().into_iter().map(Edit::delta).sum();
    let mut out = String::with_capacity((text.len() as isize + grow.max(0)) as usize);
    let mut at = 0;
    for e in edits {
        if e.range_bytes.start < at {
            return Err(EditError::Overlap {
                at: e.range_bytes.start,
            });
        }
        out.push_str(&text[at..e.range_bytes.start]);
        if !e.insert.is_empty() {
            out.push_str(&e.insert);
        }
        at = e.range_bytes.end;
    }
    out.push_str(&text[at..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_and_invert_restore_bytes() {
        let before = "近日， 开发区\n太昊路";
        let cs = ChangeSet::new(vec![
            Edit::delete("近日，".len().."近日， ".len()),
            Edit::delete("近日， 开发区".len().."近日， 开发区\n".len()),
            Edit::new(0..0, "【"),
        ])
        .unwrap();
        let after = cs.apply(before).unwrap();
        assert_eq!(after, "【近日，开发区太昊路");
        assert_eq!(cs.invert(before).apply(&after).unwrap(), before);
    }

    #[test]
    fn overlap_is_rejected() {
        assert!(ChangeSet::new(vec![Edit::delete(0..3), Edit::delete(2..4)]).is_err());
        let edits = [Edit::delete(0..3), Edit::delete(2..4), Edit::delete(4..5)];
        let kept = ChangeSet::non_overlapping(&edits);
        assert_eq!(kept.edits().len(), 2);
        // The same selection, applied without building the change set.
        let text = "abcdefg";
        assert_eq!(
            ChangeSet::apply_non_overlapping(text, &edits).unwrap(),
            kept.apply(text).unwrap()
        );
        assert!(ChangeSet::apply_non_overlapping("近", &[Edit::delete(1..2)]).is_err());
    }

    #[test]
    fn bad_ranges_are_errors_not_panics() {
        let cs = ChangeSet::new(vec![Edit::delete(1..2)]).unwrap();
        assert!(cs.apply("近").is_err());
        assert!(cs.apply("").is_err());
    }

    /// The plain walk over every edit that `OffsetMap` replaces.
    fn linear_map(cs: &ChangeSet, offset: usize, assoc_after: bool) -> usize {
        let mut shift: isize = 0;
        for e in cs.edits() {
            if offset < e.range_bytes.start
                || (offset == e.range_bytes.start && !assoc_after && !e.range_bytes.is_empty())
            {
                break;
            }
            if offset < e.range_bytes.end
                || (offset == e.range_bytes.start && e.range_bytes.is_empty())
            {
                let start = (e.range_bytes.start as isize + shift) as usize;
                return if assoc_after {
                    start + e.insert.len()
                } else {
                    start
                };
            }
            shift += e.delta();
        }
        (offset as isize + shift) as usize
    }

    #[test]
    fn offset_map_agrees_with_map_offset() {
        let cs = ChangeSet::new(vec![
            Edit::new(0..0, "ab"),
            Edit::delete(2..4),
            Edit::new(4..4, "x"),
            Edit::new(6..9, "yz"),
            Edit::new(9..9, "q"),
            Edit::delete(12..13),
            Edit::new(15..15, "rst"),
        ])
        .unwrap();
        let map = cs.offset_map();
        for offset in 0..20 {
            for assoc in [false, true] {
                assert_eq!(
                    map.map(offset, assoc),
                    linear_map(&cs, offset, assoc),
                    "{offset} {assoc}"
                );
            }
        }
        for r in [0..0, 1..1, 4..5, 5..6, 10..11, 13..14, 16..20, 14..14] {
            let linear = cs
                .edits()
                .iter()
                .any(|e| e.range_bytes.start <= r.end && r.start <= e.range_bytes.end);
            assert_eq!(cs.touches(&r), linear, "{r:?}");
        }
    }

    #[test]
    fn offsets_map_through_edits() {
        let cs = ChangeSet::new(vec![Edit::delete(2..4), Edit::new(6..6, "xyz")]).unwrap();
        assert_eq!(cs.map_offset(1, true), 1);
        assert_eq!(cs.map_offset(3, false), 2);
        assert_eq!(cs.map_offset(5, true), 3);
        assert_eq!(cs.map_offset(6, true), 7);
        assert_eq!(cs.map_offset(7, true), 8);
    }
}
