//! Replace across a folder's pages that are not open in the window.
//!
//! A page's state is its raw OCR (evidence, never written), its session (the
//! editor's work as edits from the raw text) and perhaps a `NAME.corrected.txt`
//! (what was last saved). A folder-wide replace must not destroy any of them, so
//! it writes **only the session**: the replaced text becomes the page's current
//! work, exactly as if the editor had typed it, and is offered for resume the next
//! time the page opens; the corrected file stays as last saved until the editor
//! looks at the page and saves. The page's earlier unsaved work is kept (the
//! replace runs on it, not on the raw text), its ignores move with the text.
//!
//! Two steps, so nothing is changed that the editor did not see: [`plan`] reads
//! every page and lists each change (line, before → after); [`apply`] re-reads
//! the page and writes only when its text is still the one previewed. A page open
//! in another window (its lock), a session made on a raw file changed since, or a
//! damaged session is skipped with the reason, never guessed at. Sessions are
//! written atomically, and one another desk wrote meanwhile is kept beside ours
//! ([`Session::save_for_shared`]).

use std::path::{Path, PathBuf};

use jiaodui_core::find::{Finder, Preview};

use crate::document::Document;
use crate::lock::{Locked, PageLock};
use crate::session::{self, PageStatus, Session, SessionOnDisk, SourceMatch};

/// Why a page is left out of a folder-wide replace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip {
    /// Another window has the page open (its lock file): its work is there.
    OpenElsewhere,
    /// The raw OCR changed on disk since the session was made: open the page and
    /// resume first, so the editor sees where the work landed.
    SourceChanged,
    /// The page or its session cannot be read (the message says why).
    Unreadable(String),
    /// The page's text changed between the preview and the replace.
    ChangedSincePreview,
    /// The session could not be written (nothing was changed).
    WriteFailed(String),
}

/// A page's current work as the desk would reopen it.
struct PageNow {
    /// The raw page's decoded text, which the session's edits start from.
    base: String,
    text: String,
    source_bytes: Vec<u8>,
    session: Option<Session>,
    /// The session file as read now (another desk's later write is kept aside).
    disk: SessionOnDisk,
}

fn read_now(page: &Path) -> Result<PageNow, Skip> {
    let doc = Document::load(page).map_err(|e| Skip::Unreadable(e.to_string()))?;
    let source_bytes = crate::fsio::read_bounded(page, crate::fsio::MAX_PAGE_BYTES, "a page")
        .map_err(|e| Skip::Unreadable(e.to_string()))?;
    let (session_path, found) = session::find_for(page);
    let disk = SessionOnDisk::seen_at(&session_path);
    let session = found.map_err(|e| Skip::Unreadable(e.to_string()))?;
    let base = doc.original.clone();
    let text = match &session {
        Some(s) if s.check_source(&source_bytes) == SourceMatch::Changed => {
            return Err(Skip::SourceChanged);
        }
        Some(s) => s
            .restore(&base)
            .map_err(|e| Skip::Unreadable(e.to_string()))?,
        None => doc.text().to_owned(),
    };
    Ok(PageNow {
        base,
        text,
        source_bytes,
        session,
        disk,
    })
}

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
    // Held while reading and writing: no window opens the page in between.
    let _lock = match PageLock::acquire(&plan.page) {
        Locked::Mine(lock) => Some(lock),
        Locked::Elsewhere(_) => return Err(Skip::OpenElsewhere),
        // A folder nobody may write locks into: the session goes to the data folder.
        Locked::Unavailable(_) => None,
    };
    let mut now = read_now(&plan.page)?;
    if jiaodui_core::hash::fnv1a64(now.text.as_bytes()) != plan.text_hash {
        return Err(Skip::ChangedSincePreview);
    }
    let change = finder.replace_all(&now.text, template);
    let new_text = change
        .apply(&now.text)
        .map_err(|e| Skip::Unreadable(e.to_string()))?;
    let mut s = now
        .session
        .take()
        .unwrap_or_else(|| Session::new(&plan.page, &now.source_bytes));
    // Ignores keep pointing at their text; one whose text was replaced is found
    // again by its text, or dropped, when the page is resumed.
    for i in &mut s.ignores {
        i.at = change.map_offset(i.at, false);
    }
    s.set_text(&now.base, &new_text);
    if s.status == PageStatus::NotStarted {
        s.status = PageStatus::InProgress;
    }
    s.clean = true;
    s.save_for_shared(&plan.page, &mut now.disk)
        .map_err(|e| Skip::WriteFailed(e.to_string()))?;
    Ok(change.edits().len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiaodui_core::find::FindOptions;
    use std::fs;

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
