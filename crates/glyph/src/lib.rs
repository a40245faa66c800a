//! `suspect-glyph`: flag probable OCR misreads of Chinese glyphs (形近字) in OCR'd text.
//!
//! Four kinds of evidence are combined:
//! * shape cues that need no language data: a Latin letter (or lone bracket) inside Han text,
//!   a letter or glyph between digits where a digit or a unit belongs ([`SuspectKind::ShapeInDigits`],
//!   [`SuspectKind::LatinInHan`]);
//! * a visual-neighbour table (look-alike glyphs only) joined with a word-unigram language
//!   model: swapping in a neighbour must turn a rare string into common words
//!   ([`SuspectKind::LookAlike`]);
//! * unrelated glyphs: a glyph that pairs with neither neighbour inside any dictionary word,
//!   next to an orphaned glyph that another glyph would join into a common word (`对冰费者` →
//!   `消费者`). Reported as [`SuspectKind::LookAlike`] with confidence under 0.7 (0.48–0.67);
//! * spurious short glyphs (specks read as 一 丶 、 ·, and 和/人 that Tesseract makes of noise)
//!   whose deletion makes the context far more likely ([`SuspectKind::Insertion`]).
//!
//! A replacement is penalised when the original glyph pair is itself attested inside dictionary
//! words (`重装`, `一旬`): a rarer but real reading. Weak findings (unrelated glyphs, look-alikes
//! under 0.8) stand only when a strong finding lies within 200 chars: misreads come in bursts on
//! damaged scans, so pass whole pages or articles, not single sentences.
//!
//! Person names (bylines, surname patterns repeated on the page), parallel constructions of news
//! copy (涉黑涉恶, 延链补链强链) and house words (the `keep` callback) are never flagged. All data
//! is compiled in; nothing is read at run time.
//!
//! What a caller shows: [`shown`] with [`ShowPolicy::default`], a confidence threshold from the
//! damage evidence around each suspect (0.9 where the text looks clean, down to 0.3 on clearly
//! damaged OCR).

#![allow(clippy::needless_range_loop)] // index loops over parallel per-char arrays are clearer here

mod hash;
mod learned;
mod lexicon;
mod scan;
mod show;

pub use learned::{Extra, find_shown_with, find_suspects_with, learned_confidence};
pub use lexicon::{Lexicon, Neighbour, lexicon};
pub use scan::find_suspects;
pub use show::{ShowPolicy, evidence_around, shown};

/// Rule id under which the desk reports these findings.
pub const RULE_ID: &str = "suspect-glyph";

/// One probable misread: the byte range `start_byte..end_byte` of the scanned text (UTF-8, a Han
/// character is 3 bytes) and what probably stood there.
#[derive(Debug, Clone, PartialEq)]
pub struct Suspect {
    pub start_byte: usize,
    pub end_byte: usize,
    /// Replacements for the whole range, best first (an empty `text` means "delete").
    pub candidates: Vec<Candidate>,
    /// 0..1: how sure the rule is that the range is a misread.
    pub confidence: f32,
    pub kind: SuspectKind,
}

/// A replacement for a suspect range.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub text: String,
    /// 0..1, higher is better; candidates of one suspect are sorted by it.
    pub score: f32,
}

/// Which evidence raised the suspect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SuspectKind {
    /// A letter or glyph among digits where a digit or a unit belongs (`2O24年`, `l9日`, `2022牟`).
    ShapeInDigits,
    /// A Latin letter or a lone bracket inside Han text (`杜会l发展`).
    LatinInHan,
    /// A glyph whose look-alike makes the text far more likely (`己经` → `已经`); with confidence
    /// under 0.7, an unrelated glyph that breaks a common word (`对冰费者` → `消费者`).
    LookAlike,
    /// A short glyph (speck) whose deletion makes the text far more likely (`社一会` → `社会`).
    Insertion,
}
