//! Replace across a folder's pages that are not open in the window.
//!
//! Two steps, so nothing is changed that the editor did not see: [`plan`] reads
//! every page and lists each change (line, before → after); [`apply`] re-reads
//! the page and writes only when its text is still the one previewed. The change
//! goes into the page's session only, never into the raw page or its corrected
//! file ([`crate::closed_page`], shared with All occurrences).

use std::path::PathBuf;

use jiaodui_core::find::{Finder, Preview};

pub use crate::closed_page::Skip;
use crate::closed_page::{change_in_session, read_now};
use crate::lock::{Locked, PageLock};

/// One page's changes, as previewed.
#[derive(Clone, Debug)]
pub struct PagePlan {
    pub page: PathBuf,
    pub changes: Vec<Preview>,
    /// Hash of the text the changes were found in: [`apply`] writes only onto it.
    text_hash: u64,
}

/// What a folder-wide replace would do.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// Pages with at least one change, in folder order.
    pub pages: Vec<PagePlan>,
    pub skipped: Vec<(PathBuf, Skip)>,
}

impl Plan {
    pub fn change_count(&self) -> usize {
        self.pages.iter().map(|p| p.changes.len()).sum()
    }
}

/// Reads `pages` (the folder's pages but the one open here) and lists every change
/// replacing `finder`'s matches by `template` would make. Nothing is written.
pub fn plan(pages: &[PathBuf], finder: &Finder, template: &str) -> Plan {
    let mut out = Plan::default();
    for page in pages {
        // Taken and given back at once: only to know whether another window has it.
        if let Locked::Elsewhere(_) = PageLock::acquire(page) {
            out.skipped.push((page.clone(), Skip::OpenElsewhere));
            continue;
        }
        match read_now(page) {
            Ok(now) => {
                let changes = finder.preview(&now.text, template);
                if !changes.is_empty() {
                    out.pages.push(PagePlan {
                        page: page.clone(),
                        changes,
                        text_hash: jiaodui_core::hash::fnv1a64(now.text.as_bytes()),
                    });
                }
            }
            Err(skip) => out.skipped.push((page.clone(), skip)),
        }
    }
    out
}

/// Makes one previewed page's changes: re-reads the page, checks its text is the
/// one previewed, and writes the replaced text into its session (see the module
/// doc). Returns the number of changes made.
pub fn apply(plan: &PagePlan, finder: &Finder, template: &str) -> Result<usize, Skip> {
    change_in_session(&plan.page, |text| {
        if jiaodui_core::hash::fnv1a64(text.as_bytes()) != plan.text_hash {
            return Err(Skip::ChangedSincePreview);
        }
        Ok(finder.replace_all(text, template))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::session::{self, PageStatus, Session};
    use jiaodui_core::find::FindOptions;
    use std::fs;
    use std::path::Path;

    fn finder(p: &str) -> Finder {
        Finder::new(p, FindOptions::default()).unwrap().unwrap()
    }

    fn resumed(page: &Path) -> String {
        let s = Session::load(&session::beside_path(page)).unwrap().unwrap();
        let base = Document::load(page).unwrap().original;
        s.restore(&base).unwrap()
    }

    /// The raw page and the corrected file are never written; the session holds the
    /// replaced text on top of the earlier unsaved work.
    #[test]
    fn replace_goes_into_the_session_on_top_of_earlier_work() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        let b = dir.path().join("b.txt");
        fs::write(&a, "本报讯 昨日，本报记者\n第二行本报\n").unwrap();
        fs::write(&b, "没有要换的字\n").unwrap();
        let corrected = dir.path().join("a.corrected.txt");
        fs::write(&corrected, "saved earlier").unwrap();
        // Earlier work on a: the space removed (unsaved).
        let mut s = Session::new(&a, &fs::read(&a).unwrap());
        s.set_text(
            "本报讯 昨日，本报记者\n第二行本报\n",
            "本报讯昨日，本报记者\n第二行本报\n",
        );
        s.save_for(&a).unwrap();

        let f = finder("本报");
        let plan = plan(&[a.clone(), b.clone()], &f, "本刊");
        assert_eq!(plan.pages.len(), 1, "b has no match");
        assert_eq!(plan.change_count(), 3);
        let lines: Vec<usize> = plan.pages[0].changes.iter().map(|c| c.line).collect();
        assert_eq!(lines, [1, 1, 2]);
        assert_eq!(plan.pages[0].changes[2].before, "第二行本报");
        assert_eq!(plan.pages[0].changes[2].after, "第二行本刊");

        assert_eq!(apply(&plan.pages[0], &f, "本刊"), Ok(3));
        assert_eq!(resumed(&a), "本刊讯昨日，本刊记者\n第二行本刊\n");
        assert_eq!(
            fs::read_to_string(&a).unwrap(),
            "本报讯 昨日，本报记者\n第二行本报\n"
        );
        assert_eq!(fs::read_to_string(&corrected).unwrap(), "saved earlier");
        assert!(
            !session::beside_path(&b).exists(),
            "no session for a page without change"
        );
        let s = Session::load(&session::beside_path(&a)).unwrap().unwrap();
        assert_eq!(s.status, PageStatus::InProgress);
    }

    /// A page whose text changed after the preview is not written.
    #[test]
    fn a_page_changed_since_the_preview_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        fs::write(&a, "甲乙甲").unwrap();
        let f = finder("甲");
        let plan = plan(std::slice::from_ref(&a), &f, "丙");
        fs::write(&a, "甲乙甲乙").unwrap();
        assert_eq!(
            apply(&plan.pages[0], &f, "丙"),
            Err(Skip::ChangedSincePreview)
        );
        assert!(!session::beside_path(&a).exists());
    }

    /// A page open in another window is left alone.
    #[test]
    fn a_page_open_elsewhere_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        fs::write(&a, "甲乙甲").unwrap();
        let lock = crate::lock::lock_path(&a);
        fs::write(&lock, "pid=1\nhost=elsewhere.example\nsince=0\n").unwrap();
        let p = plan(std::slice::from_ref(&a), &finder("甲"), "丙");
        assert!(p.pages.is_empty());
        assert_eq!(p.skipped, vec![(a.clone(), Skip::OpenElsewhere)]);
    }

    /// A session made on a raw page that changed since is not replaced into.
    #[test]
    fn a_changed_source_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        fs::write(&a, "甲乙").unwrap();
        let mut s = Session::new(&a, "old bytes".as_bytes());
        s.save_for(&a).unwrap();
        let p = plan(std::slice::from_ref(&a), &finder("甲"), "丙");
        assert_eq!(p.skipped, vec![(a.clone(), Skip::SourceChanged)]);
    }
}
