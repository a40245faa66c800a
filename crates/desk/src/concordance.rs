//! The concordance: every occurrence of a suspect string (`杜会`) in the page and in
//! the folder's other pages, each with its context, for the editor to correct all
//! alike at once. Pages that are not open get their corrections in their session
//! only, as a replace across the folder does ([`crate::closed_page`]): the raw OCR
//! and the corrected file are never written, and the page offers the work for
//! resume when it is opened. A correction is made only where its context still
//! stands (once); one whose text changed since the list was made is left (and the
//! learned confusion still flags the spot), so no byte is ever lost.

use std::ops::Range;
use std::path::Path;

use jiaodui_core::edit::{ChangeSet, Edit};

use crate::closed_page::{self, Skip};
use crate::document::Document;
use crate::session::{self, SourceMatch};

/// Characters of context shown (and kept with a correction for another page) on each side.
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

/// A correction chosen in the concordance for a page that is not open, with the
/// context it was chosen in (to find the spot again in the page as it is now).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Correction {
    pub before: String,
    pub wrong: String,
    pub right: String,
    pub after: String,
}

impl Correction {
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

/// What [`correct_page`] did on one page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageCorrected {
    /// Corrections made (written into the page's session).
    pub made: usize,
    /// Corrections whose context is no longer in the page (or is in it twice).
    pub left: usize,
}

/// Makes `corrections` in `page`'s current work, each where its context still
/// stands, and writes the result into the page's session only
/// ([`closed_page::change_in_session`]: a page open elsewhere, a raw page changed
/// since its session, or an unreadable one is skipped with the reason).
pub fn correct_page(page: &Path, corrections: &[Correction]) -> Result<PageCorrected, Skip> {
    let mut left = 0;
    let made = closed_page::change_in_session(page, |text| {
        let mut edits: Vec<Edit> = Vec::new();
        for c in corrections {
            match c.locate(text) {
                Some(r)
                    if !edits
                        .iter()
                        .any(|e| e.range_bytes.start < r.end && r.start < e.range_bytes.end) =>
                {
                    edits.push(Edit::new(r, c.right.clone()));
                }
                _ => left += 1,
            }
        }
        ChangeSet::new(edits).map_err(|e| Skip::Unreadable(e.to_string()))
    })?;
    Ok(PageCorrected { made, left })
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

    fn c(before: &str) -> Correction {
        Correction {
            before: before.into(),
            wrong: "杜".into(),
            right: "社".into(),
            after: "会".into(),
        }
    }

    fn resumed(page: &Path) -> String {
        let s = crate::session::Session::load(&session::beside_path(page))
            .unwrap()
            .unwrap();
        s.restore(&Document::load(page).unwrap().original).unwrap()
    }

    /// Made in the session, on top of the earlier work, only where the context still
    /// stands; the raw page and the corrected file are not written.
    #[test]
    fn corrections_go_into_the_session_where_their_context_stands() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("b.txt");
        let raw = "要推动杜会发展，和谐杜会。\n";
        std::fs::write(&page, raw).unwrap();
        let corrected = dir.path().join("b.corrected.txt");
        std::fs::write(&corrected, "saved earlier").unwrap();
        // Earlier work: 和谐 typed over, so the second correction's context is gone.
        let mut s = crate::session::Session::new(&page, raw.as_bytes());
        s.set_text(raw, "要推动杜会发展，和睦杜会。\n");
        s.save_for(&page).unwrap();

        let got = correct_page(&page, &[c("推动"), c("和谐")]).unwrap();
        assert_eq!(got, PageCorrected { made: 1, left: 1 });
        assert_eq!(resumed(&page), "要推动社会发展，和睦杜会。\n");
        assert_eq!(std::fs::read_to_string(&page).unwrap(), raw);
        assert_eq!(
            std::fs::read_to_string(&corrected).unwrap(),
            "saved earlier"
        );
    }

    /// A context that stands twice is ambiguous: nothing is guessed, nothing written.
    #[test]
    fn an_ambiguous_context_is_left_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("c.txt");
        std::fs::write(&page, "推动杜会，推动杜会").unwrap();
        let got = correct_page(&page, &[c("推动")]).unwrap();
        assert_eq!(got, PageCorrected { made: 0, left: 1 });
        assert!(!session::beside_path(&page).exists());
    }

    /// A page open in another window is skipped with the reason.
    #[test]
    fn a_page_open_elsewhere_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("d.txt");
        std::fs::write(&page, "推动杜会").unwrap();
        let lock = crate::lock::lock_path(&page);
        std::fs::write(&lock, "pid=1\nhost=elsewhere.example\nsince=0\n").unwrap();
        assert_eq!(correct_page(&page, &[c("推动")]), Err(Skip::OpenElsewhere));
        assert!(!session::beside_path(&page).exists());
    }
}
