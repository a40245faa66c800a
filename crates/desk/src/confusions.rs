//! What the editor taught the desk in a folder: every correction of a suspect glyph
//! (a candidate chosen, a glyph typed over, a concordance applied) as a pair
//! `wrong → right` with its context glyph (`杜会 → 社会`) and a count, kept in
//! `jiaodui-confusions.ron` beside the project file. The engine raises those
//! candidates and flags the same wrong string on every page of the folder
//! (`Settings::learned`).

use std::collections::BTreeMap;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::folder_file::{self, Loaded};
use jiaodui_core::text::chars::is_han;

pub const FILE_NAME: &str = "jiaodui-confusions.ron";
pub const FORMAT_VERSION: u32 = 1;

/// One learned correction.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Confusion {
    pub wrong: String,
    pub right: String,
    pub count: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Confusions {
    pub version: u32,
    pub pairs: Vec<Confusion>,
    /// Counts as last read or written: on save, this desk's new corrections are
    /// added to the file's counts as they are now.
    #[serde(skip)]
    base: BTreeMap<(String, String), u32>,
}

impl Default for Confusions {
    fn default() -> Self {
        Confusions {
            version: FORMAT_VERSION,
            pairs: Vec::new(),
            base: BTreeMap::new(),
        }
    }
}

fn counts(pairs: &[Confusion]) -> BTreeMap<(String, String), u32> {
    let mut m = BTreeMap::new();
    for p in pairs {
        *m.entry((p.wrong.clone(), p.right.clone())).or_insert(0) += p.count;
    }
    m
}

impl Confusions {
    pub fn path_in(dir: &Path) -> PathBuf {
        dir.join(FILE_NAME)
    }

    pub fn load(dir: &Path) -> Loaded<Confusions> {
        let mut l: Loaded<Confusions> = folder_file::load(&Self::path_in(dir), "a confusion table");
        l.value
            .pairs
            .retain(|p| !p.wrong.is_empty() && p.wrong != p.right && p.count > 0);
        l.value.base = counts(&l.value.pairs);
        l
    }

    /// Records one correction `wrong → right`.
    pub fn learn(&mut self, wrong: &str, right: &str) {
        if wrong.is_empty() || wrong == right {
            return;
        }
        match self
            .pairs
            .iter_mut()
            .find(|p| p.wrong == wrong && p.right == right)
        {
            Some(p) => p.count = p.count.saturating_add(1),
            None => self.pairs.push(Confusion {
                wrong: wrong.to_owned(),
                right: right.to_owned(),
                count: 1,
            }),
        }
    }

    /// The pairs as the engine takes them (`Settings::learned`).
    pub fn learned(&self) -> Vec<(String, String, u32)> {
        self.pairs
            .iter()
            .map(|p| (p.wrong.clone(), p.right.clone(), p.count))
            .collect()
    }

    /// Writes the table, this desk's new corrections added to the file's counts.
    pub fn save(&mut self, dir: &Path) -> io::Result<()> {
        let disk = Self::load(dir);
        if disk.problem.is_none() {
            let mut merged = counts(&disk.value.pairs);
            for (k, n) in counts(&self.pairs) {
                let new = n.saturating_sub(self.base.get(&k).copied().unwrap_or(0));
                *merged.entry(k).or_insert(0) += new;
            }
            self.pairs = merged
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|((wrong, right), count)| Confusion {
                    wrong,
                    right,
                    count,
                })
                .collect();
        }
        folder_file::save(&Self::path_in(dir), self)?;
        self.base = counts(&self.pairs);
        Ok(())
    }
}

/// The correction a change of `old` into `new` at `range` of `text` teaches, when it
/// replaces one Han glyph by another (`杜` → `社`): `(wrong, right)` with the glyph's
/// neighbour as context (`("杜会", "社会")`, see `engine::house_words::word_around`).
pub fn lesson(text: &str, range: &Range<usize>, new: &str) -> Option<(String, String)> {
    let old = text.get(range.clone())?;
    let one_han = |s: &str| {
        let mut c = s.chars();
        matches!((c.next(), c.next()), (Some(g), None) if is_han(g))
    };
    if !one_han(old) || !one_han(new) || old == new {
        return None;
    }
    let word = jiaodui_core::engine::house_words::word_around(text, range)?;
    let wrong = text[word.clone()].to_owned();
    let right = format!(
        "{}{new}{}",
        &text[word.start..range.start],
        &text[range.end..word.end]
    );
    Some((wrong, right))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lessons_from_edits() {
        let t = "推动杜会发展";
        let at = t.find('杜').unwrap();
        assert_eq!(
            lesson(t, &(at..at + 3), "社"),
            Some(("杜会".into(), "社会".into()))
        );
        assert_eq!(lesson(t, &(at..at + 3), "社会"), None, "not one glyph");
        assert_eq!(lesson(t, &(at..at + 6), "社"), None);
        assert_eq!(lesson("a b", &(0..1), "c"), None, "not Han");
    }

    #[test]
    fn round_trip_counts_and_two_desks() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Confusions::load(dir.path()).value;
        a.learn("杜会", "社会");
        a.learn("杜会", "社会");
        a.learn("x", "x");
        a.save(dir.path()).unwrap();
        let mut b = Confusions::load(dir.path()).value;
        assert_eq!(b.learned(), vec![("杜会".into(), "社会".into(), 2)]);
        a.learn("杜会", "社会");
        b.learn("己经", "已经");
        a.save(dir.path()).unwrap();
        b.save(dir.path()).unwrap();
        let c = Confusions::load(dir.path()).value;
        let mut l = c.learned();
        l.sort();
        assert_eq!(
            l,
            vec![
                ("己经".into(), "已经".into(), 1),
                ("杜会".into(), "社会".into(), 3)
            ]
        );
    }

    #[test]
    fn damaged_table_is_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(Confusions::path_in(dir.path()), "(pairs: [(wrong: 1").unwrap();
        let l = Confusions::load(dir.path());
        assert!(l.value.pairs.is_empty());
        assert!(l.problem.unwrap().contains("kept as"));
        assert!(!Confusions::path_in(dir.path()).exists());
    }
}
