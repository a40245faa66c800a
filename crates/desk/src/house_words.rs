//! The folder's house words ("Always correct"): `jiaodui-house-words.ron` beside
//! the project file, so everyone proofreading the issue shares them. The user's
//! own list lives in the user settings (`AppSettings::house_words`); the engine
//! gets the union of both (`Settings::house_words`).

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::folder_file::{self, Loaded};

/// The file's name inside the folder.
pub const FILE_NAME: &str = "jiaodui-house-words.ron";
pub const FORMAT_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HouseWords {
    pub version: u32,
    pub words: BTreeSet<String>,
    /// `words` as last read or written: on save, what this desk added and removed
    /// since is applied to the file as it is now (another desk's words stay).
    #[serde(skip)]
    base: BTreeSet<String>,
}

impl Default for HouseWords {
    fn default() -> Self {
        HouseWords {
            version: FORMAT_VERSION,
            words: BTreeSet::new(),
            base: BTreeSet::new(),
        }
    }
}

impl HouseWords {
    pub fn path_in(dir: &Path) -> PathBuf {
        dir.join(FILE_NAME)
    }

    /// The folder's list (empty when there is none; a damaged file is kept aside).
    pub fn load(dir: &Path) -> Loaded<HouseWords> {
        let mut l: Loaded<HouseWords> = folder_file::load(&Self::path_in(dir), "a house word list");
        l.value
            .words
            .retain(|w| jiaodui_core::engine::house_words::is_valid(w));
        l.value.base = l.value.words.clone();
        l
    }

    /// Reads the folder's list without touching the file (the command line): None
    /// when there is none, the reason when it cannot be used.
    pub fn read(dir: &Path) -> Result<Option<HouseWords>, String> {
        let path = Self::path_in(dir);
        let bytes = match crate::fsio::read_bounded(
            &path,
            folder_file::MAX_FILE_BYTES,
            "a house word list",
        ) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        let text =
            String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8 text", path.display()))?;
        let mut h: HouseWords =
            ron::from_str(&text).map_err(|e| format!("{} is damaged: {e}", path.display()))?;
        h.words
            .retain(|w| jiaodui_core::engine::house_words::is_valid(w));
        Ok(Some(h))
    }

    /// Adds `word` (false when it is no valid word or already there).
    pub fn add(&mut self, word: &str) -> bool {
        jiaodui_core::engine::house_words::is_valid(word) && self.words.insert(word.to_owned())
    }

    pub fn remove(&mut self, word: &str) -> bool {
        self.words.remove(word)
    }

    /// Writes the list, merged with the file as it is now.
    pub fn save(&mut self, dir: &Path) -> io::Result<()> {
        let disk = Self::load(dir);
        if disk.problem.is_none() {
            let added: Vec<String> = self.words.difference(&self.base).cloned().collect();
            let removed: Vec<String> = self.base.difference(&self.words).cloned().collect();
            let mut merged = disk.value.words;
            merged.extend(added);
            for w in &removed {
                merged.remove(w);
            }
            self.words = merged;
        }
        folder_file::save(&Self::path_in(dir), self)?;
        self.base = self.words.clone();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_two_desks() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = HouseWords::load(dir.path()).value;
        assert!(a.words.is_empty());
        assert!(a.add("丽丽"));
        assert!(!a.add("丽丽"), "already there");
        assert!(!a.add("two words"), "whitespace is no word");
        assert!(!a.add(""));
        a.save(dir.path()).unwrap();
        let mut b = HouseWords::load(dir.path()).value;
        assert_eq!(b.words, BTreeSet::from(["丽丽".to_owned()]));
        // Two desks: each one's change survives the other's save.
        a.add("杜会");
        b.add("王晨");
        b.remove("丽丽");
        a.save(dir.path()).unwrap();
        b.save(dir.path()).unwrap();
        let c = HouseWords::load(dir.path());
        assert!(c.problem.is_none());
        assert_eq!(
            c.value.words,
            BTreeSet::from(["杜会".to_owned(), "王晨".to_owned()])
        );
    }

    /// A damaged list: empty, a message naming where it was kept, the bytes kept.
    #[test]
    fn damaged_file_is_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = HouseWords::path_in(dir.path());
        std::fs::write(&path, "(words: [\"丽丽\"").unwrap();
        let l = HouseWords::load(dir.path());
        assert!(l.value.words.is_empty());
        let problem = l.problem.expect("a message");
        assert!(problem.contains("kept as"), "{problem}");
        let kept: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains(".damaged-"))
            .collect();
        assert_eq!(kept.len(), 1);
        assert_eq!(
            std::fs::read_to_string(kept[0].path()).unwrap(),
            "(words: [\"丽丽\""
        );
        assert!(HouseWords::load(dir.path()).problem.is_none());
    }
}
