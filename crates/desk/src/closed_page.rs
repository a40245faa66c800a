//! Changing a folder page that is not open in this window: the one way the desk
//! does it, for a replace across the folder ([`crate::folder_replace`]) and for
//! All occurrences ([`crate::concordance`]).
//!
//! A page's state is its raw OCR (evidence, never written), its session (the
//! editor's work as edits from the raw text) and perhaps a `NAME.corrected.txt`
//! (what was last saved). A change made from elsewhere must not destroy any of
//! them, so it writes **only the session**: the changed text becomes the page's
//! current work, exactly as if the editor had typed it, and is offered for resume
//! the next time the page opens; the corrected file stays as last saved until the
//! editor looks at the page and saves. The page's earlier unsaved work is kept (the
//! change is made on it, not on the raw text), its ignores move with the text.
//!
//! [`change_in_session`] holds the page's lock while it re-reads the page and
//! writes, and lets the caller decide the change on the text as it is now (so a
//! caller can refuse a text that is not the one it showed the editor). A page open
//! in another window (its lock), a session made on a raw file changed since, or a
//! damaged session is skipped with the reason, never guessed at. Sessions are
//! written atomically, and one another desk wrote meanwhile is kept beside ours
//! ([`Session::save_for_shared`]).

use std::path::Path;

use jiaodui_core::edit::ChangeSet;
use jiaodui_core::engine::{self, Settings};

use crate::document::Document;
use crate::lock::{Locked, PageLock};
use crate::session::{self, PageStatus, Session, SessionOnDisk, SourceMatch};

/// Why a page is left out of a change made from elsewhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip {
    /// Another window has the page open (its lock file): its work is there.
    OpenElsewhere,
    /// The raw OCR changed on disk since the session was made: open the page and
    /// resume first, so the editor sees where the work landed.
    SourceChanged,
    /// The page or its session cannot be read (the message says why).
    Unreadable(String),
    /// The page's text changed since the editor was shown the change.
    ChangedSincePreview,
    /// The session could not be written (nothing was changed).
    WriteFailed(String),
}

/// A page's current work as the desk would reopen it.
pub(crate) struct PageNow {
    /// The raw page as loaded (its decoded text is what the session's edits start
    /// from; its geometry holds while the text is unchanged).
    doc: Document,
    pub(crate) text: String,
    source_bytes: Vec<u8>,
    session: Option<Session>,
    /// The session file as read now (another desk's later write is kept aside).
    disk: SessionOnDisk,
}

/// The page's current work: its session's edits on the raw text, else the raw text.
pub(crate) fn read_now(page: &Path) -> Result<PageNow, Skip> {
    let doc = Document::load(page).map_err(|e| Skip::Unreadable(e.to_string()))?;
    let source_bytes = crate::fsio::read_bounded(page, crate::fsio::MAX_PAGE_BYTES, "a page")
        .map_err(|e| Skip::Unreadable(e.to_string()))?;
    let (session_path, found) = session::find_for(page);
    let disk = SessionOnDisk::seen_at(&session_path);
    let session = found.map_err(|e| Skip::Unreadable(e.to_string()))?;
    let text = match &session {
        Some(s) if s.check_source(&source_bytes) == SourceMatch::Changed => {
            return Err(Skip::SourceChanged);
        }
        Some(s) => s
            .restore(&doc.original)
            .map_err(|e| Skip::Unreadable(e.to_string()))?,
        None => doc.text().to_owned(),
    };
    Ok(PageNow {
        doc,
        text,
        source_bytes,
        session,
        disk,
    })
}

/// How many findings the page would list if it were opened now: its current work
/// (the session's edits on the raw text, as resume restores it) checked with
/// `settings`, less the findings the editor ignored there. `None` when the page
/// cannot be read as the desk would reopen it (see [`Skip`]): the page list then
/// shows no figure rather than a wrong one.
pub fn findings_left(page: &Path, settings: &Settings) -> Option<usize> {
    let now = read_now(page).ok()?;
    // Checked as the desk checks an open page: with the source's geometry while the
    // text is the source's own.
    let geometry = now.doc.geometry().filter(|_| now.text == now.doc.text());
    let found = engine::analyze_with(&now.text, settings, geometry).findings;
    let (placed, legacy) = match &now.session {
        Some(s) => (s.placed_ignores(&now.text), s.legacy_ignored()),
        None => Default::default(),
    };
    Some(
        found
            .iter()
            .filter(|f| {
                !placed
                    .iter()
                    .any(|(rule, span)| *rule == f.rule && *span == f.span_bytes)
                    && (legacy.is_empty() || !legacy.contains(&f.fingerprint(&now.text)))
            })
            .count(),
    )
}

/// Makes `decide`'s change to `page`'s current work and writes it into the page's
/// session (see the module doc); `decide` sees the text as it is now and may refuse
/// it. Returns the number of edits made; an empty change writes nothing.
pub fn change_in_session(
    page: &Path,
    decide: impl FnOnce(&str) -> Result<ChangeSet, Skip>,
) -> Result<usize, Skip> {
    // Held while reading and writing: no window opens the page in between.
    let _lock = match PageLock::acquire(page) {
        Locked::Mine(lock) => Some(lock),
        Locked::Elsewhere(_) => return Err(Skip::OpenElsewhere),
        // A folder nobody may write locks into: the session goes to the data folder.
        Locked::Unavailable(_) => None,
    };
    let mut now = read_now(page)?;
    let change = decide(&now.text)?;
    if change.is_empty() {
        return Ok(0);
    }
    let new_text = change
        .apply(&now.text)
        .map_err(|e| Skip::Unreadable(e.to_string()))?;
    let mut s = now
        .session
        .take()
        .unwrap_or_else(|| Session::new(page, &now.source_bytes));
    // Ignores keep pointing at their text; one whose text was changed is found
    // again by its text, or dropped, when the page is resumed.
    for i in &mut s.ignores {
        i.at = change.map_offset(i.at, false);
    }
    s.set_text(&now.doc.original, &new_text);
    if s.status == PageStatus::NotStarted {
        s.status = PageStatus::InProgress;
    }
    s.clean = true;
    s.save_for_shared(page, &mut now.disk)
        .map_err(|e| Skip::WriteFailed(e.to_string()))?;
    Ok(change.edits().len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::SavedIgnore;
    use jiaodui_core::engine::RuleId;
    use std::fs;

    /// The count is of the page as it would reopen: the session's work, not the raw
    /// OCR, and without what the editor ignored.
    #[test]
    fn findings_left_counts_the_sessions_work_less_ignores() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("a.txt");
        let raw = "近日， 开发区\n宣传““创文””知识。。\n";
        fs::write(&page, raw).unwrap();
        let settings = Settings::default();
        let on_raw = engine::check(raw, &settings).len();
        assert!(on_raw >= 2, "the raw page has findings: {on_raw}");
        assert_eq!(findings_left(&page, &settings), Some(on_raw));

        // The editor removed the space and ignored the ghosted glyphs.
        let work = "近日，开发区\n宣传““创文””知识。。\n";
        let mut s = Session::new(&page, &fs::read(&page).unwrap());
        s.set_text(raw, work);
        let left = engine::check(work, &settings);
        let ghost = left
            .iter()
            .find(|f| f.rule == RuleId::DoubledGlyph)
            .expect("the ghosts are still found");
        s.ignores.push(SavedIgnore {
            rule: ghost.rule.as_str().to_owned(),
            at: ghost.span_bytes.start,
            text: work[ghost.span_bytes.clone()].to_owned(),
        });
        s.save_for(&page).unwrap();
        assert_eq!(findings_left(&page, &settings), Some(left.len() - 1));

        // An older session keeps its ignores by fingerprint only: still left out.
        let mut old = Session::load(&session::beside_path(&page))
            .unwrap()
            .unwrap();
        old.ignores.clear();
        old.decisions
            .insert(ghost.fingerprint(work), crate::session::Decision::Ignored);
        old.save_for(&page).unwrap();
        assert_eq!(findings_left(&page, &settings), Some(left.len() - 1));

        // A page that cannot be read as it would reopen has no figure.
        assert_eq!(findings_left(&dir.path().join("gone.txt"), &settings), None);
    }
}
