//! Which suspects a caller shows: a confidence threshold that depends on how damaged the
//! text around a suspect is.
//!
//! Misreads come in bursts on damaged scans. Near-certain signs of OCR damage (an ASCII or
//! angle bracket left unmatched inside Han text, stroke letters inside Han text, letters
//! inside numbers, a half-width `,` `;` `:` between two Han glyphs where full-width marks
//! are the rule, a half-width `)` closing Han text, a look-alike or speck finding of high
//! confidence) are dense on a damaged page and next to absent from clean
//! prose. A suspect is shown when its confidence clears the threshold its neighbourhood
//! earns: low where the text is clearly damaged OCR, high (or never) where it is not.

use crate::{Suspect, SuspectKind};

/// The thresholds. `Default` is what the jiaodui rule uses.
#[derive(Debug, Clone, Copy)]
pub struct ShowPolicy {
    /// Chars on each side of a suspect in which damage evidence is counted.
    pub window: usize,
    /// Minimum confidence with no damage evidence around (clean-looking text).
    pub clean: f32,
    /// Minimum confidence with exactly one piece of evidence around.
    pub one: f32,
    /// Minimum confidence with two pieces of evidence around.
    pub two: f32,
    /// Minimum confidence with three or more pieces of evidence around (clearly damaged OCR).
    pub damaged: f32,
    /// A look-alike or insertion at least this sure counts as evidence.
    pub strong: f32,
    /// With fewer chars than this within `window` of a suspect (a sentence, a snippet) there is
    /// too little text to tell clean from damaged: the threshold is then `short`.
    pub min_context: usize,
    pub short: f32,
}

impl Default for ShowPolicy {
    fn default() -> Self {
        // Measured on the shared Tesseract tune/ pages, news_tune.txt and the clean corpus
        // (`measure --probe`): around real misreads there are nearly always three or more
        // pieces of evidence within 300 chars; around false suspects in clean prose none or one.
        // One piece 0.5 and two 0.4 (were 0.6 and 0.45): on the news tune pages recall 0.338 →
        // 0.349 with no more false suspects shown on news_tune.txt (stop 25); lower (0.45/0.35)
        // doubled them.
        ShowPolicy {
            window: 300,
            clean: 0.9,
            one: 0.5,
            two: 0.4,
            damaged: 0.3,
            strong: 0.8,
            min_context: 120,
            short: 0.5,
        }
    }
}

impl ShowPolicy {
    /// The threshold for a suspect with `evidence` pieces of damage evidence around it.
    pub fn threshold(&self, evidence: usize) -> f32 {
        match evidence {
            0 => self.clean,
            1 => self.one,
            2 => self.two,
            _ => self.damaged,
        }
    }
}

/// Half-width `,;:` between Han glyphs count as damage only when full-width ones are at least
/// this many times as frequent in the text.
const HW_MINORITY: usize = 3;

/// Whether a suspect is itself a near-certain sign of OCR damage.
fn is_evidence(s: &Suspect, p: &ShowPolicy) -> bool {
    match s.kind {
        SuspectKind::LatinInHan | SuspectKind::ShapeInDigits => true,
        SuspectKind::LookAlike | SuspectKind::Insertion => s.confidence >= p.strong,
    }
}

#[inline]
fn han(c: char) -> bool {
    crate::scan::is_han(c)
}

/// The suspects of `text` (as [`crate::find_suspects`] returns them) that a caller should show.
pub fn shown(text: &str, found: Vec<Suspect>, p: &ShowPolicy) -> Vec<Suspect> {
    let th = thresholds(text, &found, p);
    found
        .into_iter()
        .zip(th)
        .filter(|(s, t)| s.confidence >= *t)
        .map(|(s, _)| s)
        .collect()
}

/// For each suspect, the threshold it must clear: from the evidence around it, or `p.short`
/// where the text around it is too short to judge.
fn thresholds(text: &str, found: &[Suspect], p: &ShowPolicy) -> Vec<f32> {
    let (ev, ctx) = evidence_and_context(text, found, p);
    ev.into_iter()
        .zip(ctx)
        .map(|(n, c)| {
            if c < p.min_context {
                p.short
            } else {
                p.threshold(n)
            }
        })
        .collect()
}

/// For each suspect of `found` (in order, from `text`), the pieces of damage evidence within
/// `p.window` chars of it, not counting the suspect itself.
pub fn evidence_around(text: &str, found: &[Suspect], p: &ShowPolicy) -> Vec<usize> {
    evidence_and_context(text, found, p).0
}

/// [`evidence_around`], and the number of chars within `p.window` of each suspect.
fn evidence_and_context(text: &str, found: &[Suspect], p: &ShowPolicy) -> (Vec<usize>, Vec<usize>) {
    if found.is_empty() {
        return (Vec::new(), Vec::new());
    }
    // evidence positions, in non-whitespace char indices; suspects' starts likewise
    let mut ev: Vec<usize> = Vec::new();
    let mut at: Vec<usize> = Vec::with_capacity(found.len());
    let mut next = 0usize; // next suspect whose start is still to be found
    let mut ev_next = 0usize; // next suspect to test as evidence
    let mut prev = '\0';
    let mut idx = 0usize;
    let mut pending_hw: Option<usize> = None; // a half-width mark after a Han glyph
    let mut hw: Vec<usize> = Vec::new(); // half-width , ; : between Han glyphs
    let mut fw = 0usize; // full-width ， ； ： after a Han glyph
    for (b, c) in text.char_indices() {
        if c.is_whitespace() {
            continue;
        }
        while next < found.len() && found[next].start_byte <= b {
            at.push(idx);
            next += 1;
        }
        while ev_next < next {
            if is_evidence(&found[ev_next], p) {
                ev.push(at[ev_next]);
            }
            ev_next += 1;
        }
        if let Some(k) = pending_hw.take() {
            if han(c) {
                hw.push(k);
            }
        }
        if han(prev) {
            match c {
                ',' | ';' | ':' => pending_hw = Some(idx),
                '，' | '；' | '：' => fw += 1,
                // Tesseract reads （…） as (…) or 〈…): a half-width bracket closing Han text
                ')' => ev.push(idx),
                _ => {}
            }
        }
        prev = c;
        idx += 1;
    }
    while at.len() < found.len() {
        at.push(idx);
    }
    for s in &found[ev_next..] {
        if is_evidence(s, p) {
            ev.push(idx);
        }
    }
    // half-width marks are damage where they are the odd ones out among full-width ones
    // (Tesseract's habit); text typed with half-width punctuation throughout is not damaged
    if hw.len() * HW_MINORITY <= fw {
        ev.extend(hw);
    }
    ev.sort_unstable();
    let total = idx;
    let ctx = at
        .iter()
        .map(|&k| k.min(p.window) + total.saturating_sub(k).min(p.window))
        .collect();
    let n = found
        .iter()
        .zip(at)
        .map(|(s, k)| {
            let lo = ev.partition_point(|&e| e + p.window < k);
            let hi = ev.partition_point(|&e| e <= k + p.window);
            // the suspect's own evidence does not count for it
            let own = usize::from(is_evidence(s, p) && ev[lo..hi].contains(&k));
            hi - lo - own
        })
        .collect();
    (n, ctx)
}
