//! The concordance window's state: every occurrence of a suspect string (`杜会`)
//! in the open page and in the folder's other pages, each with a checkbox, and the
//! replacement chosen for the suspect glyph(s). The app fills and applies it
//! (`app/word_ops.rs`), `panels/concordance.rs` draws it.

use std::ops::Range;
use std::path::PathBuf;

use crate::command::FindingIx;
use crate::i18n::{Lang, T};
use jiaodui_desk::concordance::Occurrence;

#[derive(Clone, Debug, PartialEq)]
pub enum ConcordanceCommand {
    /// Open the window for this finding's string.
    Open(FindingIx),
    Check(usize, bool),
    /// Choose replacement `.0` of `Concordance::candidates`.
    Choose(usize),
    /// Apply to the checked rows: one undo step on the open page, the others'
    /// corrections into their sessions.
    Apply,
    Close,
}

/// One occurrence listed.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The folder page it is in; None for the open page.
    pub page: Option<PathBuf>,
    /// File name shown.
    pub name: String,
    pub at: Occurrence,
    pub checked: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Concordance {
    /// The string looked for: the suspect with its neighbour glyph (`杜会`).
    pub pattern: String,
    /// The suspect's bytes inside `pattern` (what a candidate replaces).
    pub part: Range<usize>,
    /// Replacements of `part`, best first (the finding's candidates).
    pub candidates: Vec<String>,
    pub chosen: usize,
    pub rows: Vec<Row>,
    /// After an Apply: (applied on this page, made in other pages' sessions).
    pub done: Option<(usize, usize)>,
    /// Pages that could not be read or were skipped, and corrections left.
    pub problems: Vec<Problem>,
}

impl Concordance {
    /// `pattern` with the chosen candidate in place of `part`.
    pub fn corrected(&self) -> Option<String> {
        let c = self.candidates.get(self.chosen)?;
        Some(format!(
            "{}{c}{}",
            &self.pattern[..self.part.start],
            &self.pattern[self.part.end..]
        ))
    }
}

/// What the window names below the list. Kept as what happened, not as text, so
/// it reads in the language the window is drawn in.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// A page that could not be read for the list (the system's message).
    Unreadable { page: String, why: String },
    /// A page left out of Apply to checked, and why.
    Skipped { page: String, why: T },
    /// Corrections of a page left as they are: their context changed.
    Left { page: String, count: usize },
    /// Anything else, with its message (the folder's project file not written).
    Other(String),
}

impl Problem {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Problem::Unreadable { page, why } => format!("{page}: {why}"),
            Problem::Skipped { page, why } => format!("{page}: {}", why.get(lang)),
            Problem::Left { page, count } => {
                format!("{page}: {count} {}", T::ConcordanceLeft.get(lang))
            }
            Problem::Other(m) => m.clone(),
        }
    }
}
