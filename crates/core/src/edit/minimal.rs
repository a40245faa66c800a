//! The edit between two versions of the page, found fast (the one place that
//! turns two texts into a change set: typing, session restore, `fix`). Typing in a 1 MB page
//! needs this twice per keystroke; comparing 64-byte blocks (memcmp) before bytes
//! makes it a fraction of a millisecond.

use std::ops::Range;

use super::{ChangeSet, Edit};

const BLOCK: usize = 64;

/// The single edit turning `old` into `new` (common prefix and suffix kept),
/// on character boundaries.
pub fn minimal_change(old: &str, new: &str) -> ChangeSet {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let max = a.len().min(b.len());
    let mut prefix = 0;
    while prefix + BLOCK <= max && a[prefix..prefix + BLOCK] == b[prefix..prefix + BLOCK] {
        prefix += BLOCK;
    }
    while prefix < max && a[prefix] == b[prefix] {
        prefix += 1;
    }
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = (a.len() - prefix).min(b.len() - prefix);
    let mut suffix = 0;
    while suffix + BLOCK <= max_suffix
        && a[a.len() - suffix - BLOCK..a.len() - suffix]
            == b[b.len() - suffix - BLOCK..b.len() - suffix]
    {
        suffix += BLOCK;
    }
    while suffix < max_suffix && a[a.len() - suffix - 1] == b[b.len() - suffix - 1] {
        suffix += 1;
    }
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    let edit = Edit::new(prefix..old.len() - suffix, &new[prefix..new.len() - suffix]);
    ChangeSet::new(vec![edit]).unwrap_or_default()
}

/// Highlight runs moved through `change`; runs it emptied vanish. Used both by the
/// text view (typed text not yet in the document) and by the review (after the
/// edit is committed), so both produce the same runs and the galley is reused.
pub fn map_runs<T: Copy>(
    runs: &[(Range<usize>, T)],
    change: &ChangeSet,
    text: &str,
) -> Vec<(Range<usize>, T)> {
    let map = change.offset_map();
    runs.iter()
        .filter_map(|(r, c)| {
            let s = map.map(r.start, true);
            let e = map.map(r.end, false);
            (s < e && text.is_char_boundary(s) && text.is_char_boundary(e)).then_some((s..e, *c))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_one_edit() {
        let base = "近日， 开发区太昊路办事处新时代文\n".repeat(20);
        for (i, _) in base.char_indices().step_by(7) {
            let mut edited = base.clone();
            edited.insert_str(i, "甲乙");
            let cs = minimal_change(&base, &edited);
            assert_eq!(cs.apply(&base).unwrap(), edited);
            assert_eq!(cs, ChangeSet::new(vec![Edit::new(i..i, "甲乙")]).unwrap());
            let mut cut = base.clone();
            let end = (i + 30..)
                .find(|&j| j >= cut.len() || cut.is_char_boundary(j))
                .unwrap()
                .min(cut.len());
            cut.replace_range(i..end, "");
            assert_eq!(minimal_change(&base, &cut).apply(&base).unwrap(), cut);
        }
        assert!(minimal_change("同", "同").is_empty());
    }
}

#[cfg(test)]
mod char_boundaries {
    use super::*;

    #[test]
    fn minimal_change_respects_char_boundaries() {
        let cs = minimal_change("王晨", "王昊");
        assert_eq!(cs.apply("王晨").unwrap(), "王昊");
        let cs = minimal_change("aa", "a");
        assert_eq!(cs.apply("aa").unwrap(), "a");
    }
}
