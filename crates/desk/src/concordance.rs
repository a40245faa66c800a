//! The concordance: every occurrence of a suspect string (`杜会`) in the page and in
//! the folder's other pages, each with its context, for the editor to correct all
//! alike at once. Corrections of pages that are not open are never written into
//! their files: they wait in `jiaodui-pending.ron` beside the project file, each
//! with its context, and are applied (as one undo step) when that page is opened
//! — through the page's session like any other edit. The raw OCR is never
//! touched, a correction whose context changed meanwhile stays pending (and the
//! learned confusion still flags the spot), so no byte is ever lost.

use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::folder_file::{self, Loaded};
use crate::session::{self, SourceMatch};

/// Characters of context shown (and kept with a pending correction) on each side.
pub const CONTEXT_CHARS: usize = 10;

/// One place `pattern` stands in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// Byte range of the whole pattern in the page's current text.
    pub range_bytes: Range<usize>,
    /// Up to [`CONTEXT_CHARS`] characters before and after it.
    pub before: String,
    pub after: String,
}

/// Every occurrence of `pattern` in `text`, in order.
pub fn occurrences(text: &str, pattern: &str) -> Vec<Occurrence> {
    if pattern.is_empty() {
        return Vec::new();
    }
    text.match_indices(pattern)
        .map(|(at, m)| {
            let end = at + m.len();
            let before: String = text[..at]
                .chars()
                .rev()
                .take(CONTEXT_CHARS)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let after: String = text[end..].chars().take(CONTEXT_CHARS).collect();
            Occurrence {
                range_bytes: at..end,
                before,
                after,
            }
        })
        .collect()
}

/// A folder page's text as the editor left it: its session's edits on the source,
/// else the source (the text the desk opens).
pub fn page_text(page: &Path) -> Result<String, String> {
    let raw = crate::fsio::read_bounded(page, crate::fsio::MAX_PAGE_BYTES, "a page")
        .map_err(|e| format!("{}: {e}", page.display()))?;
    let doc = Document::from_bytes(page, &raw).map_err(|e| e.to_string())?;
    let original = doc.text().to_owned();
    match session::find_for(page).1 {
        Ok(Some(s)) => Ok(match s.check_source(&raw) {
            SourceMatch::Same => s.restore(&original).map_err(|e| e.to_string())?,
            SourceMatch::Changed => s.restore_onto(&original).0,
        }),
        _ => Ok(original),
    }
}

/// The file's name inside the folder.
pub const PENDING_FILE: &str = "jiaodui-pending.ron";

/// A correction chosen in the concordance for a page that was not open.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PendingCorrection {
    /// The page's file name in the folder.
    pub page: String,
    pub before: String,
    pub wrong: String,
    pub right: String,
    pub after: String,
}

impl PendingCorrection {
    /// Where it goes in `text`: the one place its context and wrong text stand
    /// (None when that text is gone or stands in more than one place).
    pub fn locate(&self, text: &str) -> Option<Range<usize>> {
        let whole = format!("{}{}{}", self.before, self.wrong, self.after);
        let mut hits = text.match_indices(whole.as_str());
        let (at, _) = hits.next()?;
        if hits.next().is_some() {
            return None;
        }
        let start = at + self.before.len();
        Some(start..start + self.wrong.len())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Pending {
    pub version: u32,
    pub corrections: Vec<PendingCorrection>,
}

impl Default for Pending {
    fn default() -> Self {
        Pending {
            version: 1,
            corrections: Vec::new(),
        }
    }
}

impl Pending {
    pub fn path_in(dir: &Path) -> PathBuf {
        dir.join(PENDING_FILE)
    }

    pub fn load(dir: &Path) -> Loaded<Pending> {
        folder_file::load(&Self::path_in(dir), "a pending corrections file")
    }

    /// Adds `these` to the file as it is now (read, add, write: another desk's
    /// entries stay). A damaged file was kept aside by the read.
    pub fn add(dir: &Path, these: Vec<PendingCorrection>) -> io::Result<()> {
        let mut p = Self::load(dir).value;
        for c in these {
            if !p.corrections.contains(&c) {
                p.corrections.push(c);
            }
        }
        folder_file::save(&Self::path_in(dir), &p)
    }

    /// Takes the corrections waiting for `page` that fit `text`: their places in
    /// `text` with the right text, sorted, non-overlapping. Those that fit leave the
    /// file; the others stay for a later look. Call only once the page's edits are
    /// safe in its session (the caller writes the session right after applying).
    pub fn take_for(dir: &Path, page: &str, text: &str) -> io::Result<Vec<(Range<usize>, String)>> {
        let loaded = Self::load(dir);
        let mut p = loaded.value;
        let mut found: Vec<(Range<usize>, String)> = Vec::new();
        let before = p.corrections.len();
        p.corrections.retain(|c| {
            if c.page != page {
                return true;
            }
            match c.locate(text) {
                Some(r)
                    if !found
                        .iter()
                        .any(|(f, _)| f.start < r.end && r.start < f.end) =>
                {
                    found.push((r, c.right.clone()));
                    false
                }
                _ => true,
            }
        });
        if p.corrections.len() != before {
            folder_file::save(&Self::path_in(dir), &p)?;
        }
        found.sort_by_key(|(r, _)| r.start);
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_with_context() {
        let t = "一二三四五六七八九十甲乙杜会丙丁。杜会";
        let o = occurrences(t, "杜会");
        assert_eq!(o.len(), 2);
        assert_eq!(o[0].before, "三四五六七八九十甲乙");
        assert_eq!(o[0].after, "丙丁。杜会");
        assert_eq!(&t[o[1].range_bytes.clone()], "杜会");
        assert_eq!(o[1].after, "");
        assert!(occurrences(t, "").is_empty());
    }

    /// A page with a session: the concordance sees the session's text, not the raw.
    #[test]
    fn page_text_is_the_sessions() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("p.txt");
        std::fs::write(&page, "推动杜会发展").unwrap();
        assert_eq!(page_text(&page).unwrap(), "推动杜会发展");
        let mut s = crate::session::Session::new(&page, "推动杜会发展".as_bytes());
        s.set_text("推动杜会发展", "推动社会发展");
        s.save_for(&page).unwrap();
        assert_eq!(page_text(&page).unwrap(), "推动社会发展");
    }

    #[test]
    fn pending_corrections_wait_for_their_page() {
        let dir = tempfile::tempdir().unwrap();
        let c = |page: &str, before: &str| PendingCorrection {
            page: page.into(),
            before: before.into(),
            wrong: "杜".into(),
            right: "社".into(),
            after: "会".into(),
        };
        Pending::add(
            dir.path(),
            vec![c("b.txt", "推动"), c("b.txt", "和谐"), c("c.txt", "推动")],
        )
        .unwrap();
        // Only the one whose context is still there is taken.
        let got = Pending::take_for(dir.path(), "b.txt", "要推动杜会发展").unwrap();
        assert_eq!(got, vec![(9..12, "社".to_owned())]);
        let left = Pending::load(dir.path()).value.corrections;
        assert_eq!(left, vec![c("b.txt", "和谐"), c("c.txt", "推动")]);
        // Twice the same context: ambiguous, left for the editor.
        assert!(
            Pending::take_for(dir.path(), "c.txt", "推动杜会，推动杜会")
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn damaged_pending_file_is_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(Pending::path_in(dir.path()), "(corrections: [").unwrap();
        let l = Pending::load(dir.path());
        assert!(l.problem.unwrap().contains("kept as"));
        assert!(l.value.corrections.is_empty());
    }
}
