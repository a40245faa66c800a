//! One score per line break: does line `b` continue the paragraph of line `a`?
//!
//! The cues an editor reads in the print — how full line `a` is, how far line `b`
//! falls short of the column (its dropped 2-em indent), how `a` ends, whether `b`
//! opens with a discourse marker, whether a blank line stands between them and how
//! far blank lines can be trusted on this page — are binned into binary features,
//! and a logistic model weighs them all at once instead of a cascade of thresholds
//! in which the first cue to fire decides.
//!
//! The weights are learnt from generated pages and real Tesseract pages of the
//! evaluation's *tune* split (`eval/break_model.py` writes `break_weights.rs`; the
//! held-out split is only scored). All features are binary, so a score is the sum
//! of a few table entries: the model costs nothing next to reading the line.

use super::break_weights::WEIGHTS;
use super::layout::{Column, Ending, Line, Opener};

/// Shortfall bins (ems short of the column; negative: wider): up to a quarter em,
/// half, one, one and a half, two (the indent), two and a half, three and a half,
/// five, more.
const BIN_EDGES: [f32; 8] = [0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3.5, 5.0];
const BINS: usize = BIN_EDGES.len() + 1;

fn bin(short: f32) -> usize {
    BIN_EDGES.iter().take_while(|&&e| short > e).count()
}

/// How line `a` ends, as the model groups it.
#[derive(Clone, Copy)]
enum AEnd {
    Sentence = 0,
    Colon = 1,
    Clause = 2,
    Open = 3,
}
const A_ENDS: usize = 4;

/// Where each group of features starts in the weight table; the table's layout.
mod at {
    use super::{A_ENDS, BINS};
    pub const BIAS: usize = 0;
    /// `a` ends in `，` `、` or an opening mark (a comma-like clause end).
    pub const COMMA: usize = BIAS + 1;
    pub const A_END: usize = COMMA + 1;
    /// `a`'s shortfall, in the column's measure (see [`super::Column::squeezed`]).
    pub const A_SHORT: usize = A_END + A_ENDS;
    /// `b`'s shortfall by (`a` ends a sentence or colon) × (`b` runs on).
    pub const B_SHORT: usize = A_SHORT + A_ENDS * BINS;
    /// `b`'s shortfall with one em given back when it holds two marks or more: in
    /// print that squeezes only crowded marks, such a line holds one glyph more.
    pub const B_SHORT_SQUEEZED: usize = B_SHORT + 4 * BINS;
    pub const SQUEEZED: usize = B_SHORT_SQUEEZED + 2 * BINS;
    pub const FIRST_LINE: usize = SQUEEZED + 2;
    pub const BLANK_TRUSTED: usize = FIRST_LINE + A_ENDS;
    pub const BLANK_UNTRUSTED: usize = BLANK_TRUSTED + A_ENDS;
    /// `b` opens with `首先，` `最后，` … (see [`super::Opener`]).
    pub const OPENER: usize = BLANK_UNTRUSTED + A_ENDS;
    /// `b` opens with a quotation mark, by how `a` ends (`…说：⏎“…` goes on).
    pub const B_QUOTE: usize = OPENER + 2;
    pub const WORD_DID_NOT_FIT: usize = B_QUOTE + A_ENDS;
    pub const STARTS_ARTICLE: usize = WORD_DID_NOT_FIT + A_ENDS;
    pub const A_AS_WIDE_AS_B: usize = STARTS_ARTICLE + 1;
    pub const NARROW_COLUMN: usize = A_AS_WIDE_AS_B + A_ENDS;
    pub const LIST_MID_SENTENCE: usize = NARROW_COLUMN + 2;
    /// `a` has a title's shape: a paragraph's first line with no punctuation at all,
    /// by its shortfall (a first line falls two ems short; a title any other way).
    pub const TITLE: usize = LIST_MID_SENTENCE + 1;
    /// `a` or `b` reads as fake bold (`图图为为…`): captions and headlines stand alone.
    pub const A_FAKE_BOLD: usize = TITLE + BINS;
    pub const B_FAKE_BOLD: usize = A_FAKE_BOLD + 1;
    /// A space between two Han characters in a first line: `自愿参加体育活动 意外受伤谁担责`.
    pub const SPACED_FIRST_LINE: usize = B_FAKE_BOLD + 1;
    /// The column changes across the break (by ≤ ¾, 1½, 3, more ems), by whether
    /// `a` ends a sentence or colon.
    pub const COLUMN_STEP: usize = SPACED_FIRST_LINE + 1;
    pub const LEN: usize = COLUMN_STEP + 8;
}

/// Number of weights the model has.
pub const FEATURES: usize = at::LEN;
// The weights table must be regenerated (`eval/break_model.py`) when features change.
const _: () = assert!(WEIGHTS.len() == FEATURES);

/// The features of one break that are on (at most this many).
#[derive(Clone, Debug)]
pub struct Cues {
    on: [u16; 20],
    len: usize,
}

impl Cues {
    fn new() -> Self {
        Cues {
            on: [0; 20],
            len: 0,
        }
    }

    fn set(&mut self, feature: usize) {
        debug_assert!(feature < FEATURES);
        if self.len < self.on.len() {
            self.on[self.len] = feature as u16;
            self.len += 1;
        }
    }

    /// Indices of the features that are on.
    pub fn on(&self) -> &[u16] {
        &self.on[..self.len]
    }

    /// The model's log-odds that `b` continues `a`'s paragraph.
    pub fn score(&self) -> f32 {
        self.on().iter().map(|&f| WEIGHTS[usize::from(f)]).sum()
    }
}

/// What the caller measured around one break.
pub struct Context {
    pub column: Column,
    /// How far the column changes from above line `a` to below line `b` (ems).
    pub step: Option<f32>,
    /// Line `a` is its paragraph's first line so far.
    pub a_first: bool,
    /// `a`'s width counts as full: the next line's first word would not have fit.
    pub word_did_not_fit: bool,
    /// Blank lines between `a` and `b`, and whether this page's blank lines mark
    /// paragraph breaks.
    pub blanks: usize,
    pub blanks_trusted: bool,
}

/// The features of the break between `a` and `b`.
pub fn cues(a: &Line, b: &Line, cx: &Context) -> Cues {
    let mut c = Cues::new();
    c.set(at::BIAS);
    let a_end = match a.ending {
        Ending::Sentence => AEnd::Sentence,
        Ending::Colon => AEnd::Colon,
        Ending::Clause => AEnd::Clause,
        Ending::Open => AEnd::Open,
    } as usize;
    let comma_like = matches!(a.last, '，' | '、' | ',') || crate::text::chars::is_opening(a.last);
    if comma_like {
        c.set(at::COMMA);
    }
    c.set(at::A_END + a_end);
    // Widths in the measure the column's lines agree on.
    let col = &cx.column;
    let column = if col.squeezed { col.half } else { col.full };
    let a_short = if cx.word_did_not_fit {
        0.0
    } else {
        col.shortfall(a)
    };
    c.set(at::A_SHORT + a_end * BINS + bin(a_short));
    let closes = matches!(a.ending, Ending::Sentence | Ending::Colon);
    let runs_on = matches!(b.ending, Ending::Clause | Ending::Open);
    let group = usize::from(closes) * 2 + usize::from(runs_on);
    let b_short = col.shortfall(b);
    c.set(at::B_SHORT + group * BINS + bin(b_short));
    if col.squeezed {
        c.set(at::SQUEEZED + usize::from(closes));
    } else if runs_on && b.punct >= 2 {
        c.set(at::B_SHORT_SQUEEZED + usize::from(closes) * BINS + bin(b_short - 1.0));
    }
    if cx.a_first {
        c.set(at::FIRST_LINE + a_end);
    }
    if cx.blanks > 0 {
        let base = if cx.blanks_trusted {
            at::BLANK_TRUSTED
        } else {
            at::BLANK_UNTRUSTED
        };
        c.set(base + a_end);
    }
    if b.opener != Opener::None {
        c.set(at::OPENER + usize::from(closes));
    }
    if matches!(b.first, '“' | '‘' | '"' | '「' | '『') {
        c.set(at::B_QUOTE + a_end);
    }
    if cx.word_did_not_fit {
        c.set(at::WORD_DID_NOT_FIT + a_end);
    }
    if a.starts_article {
        c.set(at::STARTS_ARTICLE);
    }
    if a.width >= b.width - 1.0 {
        c.set(at::A_AS_WIDE_AS_B + a_end);
    }
    if column < 11.0 {
        c.set(at::NARROW_COLUMN + usize::from(closes));
    }
    if b.enumerates && !closes {
        c.set(at::LIST_MID_SENTENCE);
    }
    if cx.a_first && a.ending == Ending::Open && !a.punctuated && !a.enumerates {
        c.set(at::TITLE + bin(col.shortfall(a)));
    }
    if a.could_be_fake_bold() || a.repeats_mark {
        c.set(at::A_FAKE_BOLD);
    }
    if b.could_be_fake_bold() || b.repeats_mark {
        c.set(at::B_FAKE_BOLD);
    }
    if cx.a_first && a.has_han_space_han {
        c.set(at::SPACED_FIRST_LINE);
    }
    if let Some(step) = cx.step {
        let k = [0.75, 1.5, 3.0].iter().take_while(|&&e| step > e).count();
        c.set(at::COLUMN_STEP + usize::from(closes) * 4 + k);
    }
    c
}

/// Names of the features, in table order (for the training script and the weights
/// file, so that a weight can be read).
pub fn feature_names() -> Vec<String> {
    let ends = ["sentence", "colon", "clause", "open"];
    let bins = [
        "<=0.25", "<=0.75", "<=1.25", "<=1.75", "<=2.25", "<=2.75", "<=3.5", "<=5", ">5",
    ];
    let groups = [
        "a-runs-on/b-ends",
        "a-runs-on/b-runs-on",
        "a-closes/b-ends",
        "a-closes/b-runs-on",
    ];
    let closes = ["a-runs-on", "a-closes"];
    let mut names = vec!["bias".to_string(), "a-comma".to_string()];
    names.extend(ends.iter().map(|e| format!("a-end:{e}")));
    for e in ends {
        names.extend(bins.iter().map(|b| format!("a-short:{e}:{b}")));
    }
    for g in groups {
        names.extend(bins.iter().map(|b| format!("b-short:{g}:{b}")));
    }
    for cl in closes {
        names.extend(bins.iter().map(|b| format!("b-short-squeezed:{cl}:{b}")));
    }
    names.extend(closes.iter().map(|c| format!("squeezed-print:{c}")));
    names.extend(ends.iter().map(|e| format!("a-first-line:{e}")));
    names.extend(ends.iter().map(|e| format!("blank-trusted:{e}")));
    names.extend(ends.iter().map(|e| format!("blank-untrusted:{e}")));
    names.extend(closes.iter().map(|c| format!("b-opener:{c}")));
    names.extend(ends.iter().map(|e| format!("b-quote:{e}")));
    names.extend(ends.iter().map(|e| format!("word-did-not-fit:{e}")));
    names.push("a-starts-article".to_string());
    names.extend(ends.iter().map(|e| format!("a-as-wide-as-b:{e}")));
    names.extend(closes.iter().map(|c| format!("narrow-column:{c}")));
    names.push("b-list-mid-sentence".to_string());
    names.extend(bins.iter().map(|b| format!("a-title-shape:{b}")));
    names.push("a-fake-bold".to_string());
    names.push("b-fake-bold".to_string());
    names.push("a-spaced-first-line".to_string());
    for cl in closes {
        for k in ["<=0.75", "<=1.5", "<=3", ">3"] {
            names.push(format!("column-step:{cl}:{k}"));
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_the_table() {
        assert_eq!(feature_names().len(), FEATURES);
        assert_eq!(WEIGHTS.len(), FEATURES);
    }

    #[test]
    fn bins_split_at_the_edges() {
        assert_eq!(bin(-3.0), 0);
        assert_eq!(bin(0.25), 0);
        assert_eq!(bin(0.3), 1);
        assert_eq!(bin(2.0), 4);
        assert_eq!(bin(9.0), BINS - 1);
    }
}
