//! House words on the command line: `--house-words FILE` (one word per line, UTF-8;
//! blank lines and lines starting with `#` are skipped), and the folder's own list
//! (`jiaodui-house-words.ron`, written by the desk's "Always correct") for every
//! folder given. No rule flags or fixes a house word.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use jiaodui_core::engine::{RuleId, Settings, house_words};
use jiaodui_desk::house_words::HouseWords;

/// Reads a word list: one word per line.
pub(crate) fn read_list(path: &Path) -> Result<BTreeSet<String>> {
    let bytes = jiaodui_desk::fsio::read_bounded(
        path,
        jiaodui_desk::folder_file::MAX_FILE_BYTES,
        "a house word list",
    )
    .with_context(|| format!("cannot read {}", path.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("{}: not UTF-8 text", path.display()))?;
    let mut words = BTreeSet::new();
    for (n, line) in text.lines().enumerate() {
        let w = line.trim();
        if w.is_empty() || w.starts_with('#') {
            continue;
        }
        if !house_words::is_valid(w) {
            bail!(
                "{}:{}: not a house word (1 to {} characters, no spaces): {w:?}",
                path.display(),
                n + 1,
                house_words::MAX_CHARS
            );
        }
        words.insert(w.to_owned());
    }
    Ok(words)
}

/// Settings for `--rules`, `--house-words`, and the lists of the folders among
/// `inputs` and of the folders the pages among them are in.
pub(crate) fn settings(
    rules: &Option<Vec<RuleId>>,
    list: Option<&Path>,
    inputs: &[PathBuf],
) -> Result<Settings> {
    let mut s = super::settings_for(rules);
    if let Some(p) = list {
        s.house_words = read_list(p)?;
    }
    // A folder's list, for a folder given and for the folder of each page given.
    let dirs: BTreeSet<PathBuf> = inputs
        .iter()
        .filter_map(|p| {
            if p.is_dir() {
                Some(p.clone())
            } else {
                p.parent().map(|d| {
                    if d.as_os_str().is_empty() {
                        PathBuf::from(".")
                    } else {
                        d.to_owned()
                    }
                })
            }
        })
        .collect();
    for dir in &dirs {
        if let Some(folder) = HouseWords::read(dir).map_err(anyhow::Error::msg)? {
            s.house_words.extend(folder.words);
        }
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_folders() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("words.txt");
        std::fs::write(&list, "# names\n丽丽\n\n  末来  \n").unwrap();
        let s = settings(&None, Some(&list), &[]).unwrap();
        assert_eq!(s.house_words.len(), 2);
        std::fs::write(&list, "丽丽\ntwo words\n").unwrap();
        let e = settings(&None, Some(&list), &[]).unwrap_err().to_string();
        assert!(e.contains(":2:"), "{e}");
        let mut folder = HouseWords::default();
        folder.add("杜会");
        folder.save(dir.path()).unwrap();
        let s = settings(&None, None, &[dir.path().to_owned()]).unwrap();
        assert!(s.house_words.contains("杜会"));
        // A damaged folder list is an error, and left where it is.
        std::fs::write(HouseWords::path_in(dir.path()), "(words: [").unwrap();
        assert!(settings(&None, None, &[dir.path().to_owned()]).is_err());
        assert!(HouseWords::path_in(dir.path()).exists());
    }
}
