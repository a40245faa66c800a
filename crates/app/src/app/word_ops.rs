//! What the editor teaches the desk: house words ("Always correct"), confusions
//! learned from corrections of suspect glyphs (a candidate chosen, a glyph typed
//! over), and the concordance (all occurrences of a suspect string, corrected at
//! once: here as one undo step, in pages not open through their sessions). The
//! engine gets the union of the user's and the folder's house words and the
//! learned pairs through its settings (`refresh_words`); the files are the desk
//! crate's.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{App, Step};
use crate::command::FindingIx;
use crate::concordance::{Concordance, ConcordanceCommand, Problem, Row};
use crate::i18n::T;
use crate::status_message::StatusMessage;
use jiaodui_core::edit::{ChangeSet, Edit};
use jiaodui_core::engine::house_words::{looks_alike, word_around};
use jiaodui_core::engine::{self, RuleId};
use jiaodui_core::text::chars::is_han;
use jiaodui_desk::concordance::{self, Correction};
use jiaodui_desk::confusions;
use jiaodui_desk::house_words::HouseWords;

/// Text typed since the last pause, kept to learn from what the pause leaves
/// (an input method replaces a glyph in several steps: pinyin, then the glyph).
pub(super) struct TypingBurst {
    base: String,
    /// Spans of `suspect-glyph` findings in `base`.
    suspects: Vec<Range<usize>>,
    last: Instant,
}

impl App {
    /// Gives the engine the house words (user's ∪ folder's) and learned confusions;
    /// re-checks the page and recounts the folder when they changed (and says so).
    pub(super) fn refresh_words(&mut self) -> bool {
        let mut words = self.settings.house_words.clone();
        if let Some(f) = &self.desk.folder {
            words.extend(f.house_words.words.iter().cloned());
        }
        let learned = self.desk.confusions.learned();
        let e = &mut self.settings.engine;
        if e.house_words != words || e.learned != learned {
            e.house_words = words;
            e.learned = learned;
            self.review.schedule(Duration::ZERO);
            self.recount_pages(None);
            return true;
        }
        false
    }

    /// "Always correct" on finding `ix`: its word joins the folder's list (the
    /// user's outside a folder); an undo step takes it out again.
    pub(super) fn always_correct(&mut self, ix: FindingIx) {
        let Some(f) = self.review.findings().get(ix) else {
            return;
        };
        let text = self.doc.text();
        let Some(word) = word_around(text, &f.span_bytes).map(|r| text[r].to_owned()) else {
            return;
        };
        let folder = self.desk.folder.is_some();
        self.popup = None;
        if self.set_house_word(&word, folder, true) {
            self.push_step(Step::HouseWord {
                word: word.clone(),
                folder,
                added: true,
            });
            self.status = Some(StatusMessage::label(T::HouseWordAdded).value(&word));
        }
    }

    /// Adds or removes a house word of the folder's list or the user's; true when
    /// the list changed. Written at once.
    pub(super) fn set_house_word(&mut self, word: &str, folder: bool, add: bool) -> bool {
        let changed = if folder {
            let Some(f) = self.desk.folder.as_mut() else {
                return false;
            };
            let changed = if add {
                f.house_words.add(word)
            } else {
                f.house_words.remove(word)
            };
            if changed && let Err(e) = f.house_words.save(&f.dir) {
                let path = HouseWords::path_in(&f.dir);
                self.status = Some(StatusMessage::plain(format!("{}: {e}", path.display())));
            }
            changed
        } else {
            let w = &mut self.settings.house_words;
            let changed = if add {
                jiaodui_core::engine::house_words::is_valid(word) && w.insert(word.to_owned())
            } else {
                w.remove(word)
            };
            if changed {
                self.save_settings();
            }
            changed
        };
        self.refresh_words();
        changed
    }

    /// Records the correction `wrong → right` (see `confusions.rs`).
    pub(super) fn learn(&mut self, wrong: &str, right: &str) {
        self.desk.confusions.learn(wrong, right);
        if let Some(f) = &self.desk.folder
            && let Err(e) = self.desk.confusions.save(&f.dir)
        {
            let path = jiaodui_desk::confusions::Confusions::path_in(&f.dir);
            self.status = Some(StatusMessage::plain(format!("{}: {e}", path.display())));
        }
        self.status = Some(StatusMessage::label(T::Learned).value(format!("{wrong} → {right}")));
        self.refresh_words();
    }

    /// A candidate chosen for a suspect glyph: learned before it is put in.
    pub(super) fn learn_candidate(&mut self, ix: FindingIx, candidate: &str) {
        let Some(f) = self.review.findings().get(ix) else {
            return;
        };
        if f.rule != RuleId::SuspectGlyph {
            return;
        }
        if let Some((w, r)) = confusions::lesson(self.doc.text(), &f.span_bytes, candidate) {
            self.learn(&w, &r);
        }
    }

    /// Typing is about to change the text (`self.doc.text()` still the old one).
    pub(super) fn note_typing(&mut self) {
        let now = Instant::now();
        match &mut self.history.burst {
            Some(b) => b.last = now,
            None => {
                let suspects = self
                    .review
                    .findings()
                    .iter()
                    .filter(|f| f.rule == RuleId::SuspectGlyph)
                    .map(|f| f.span_bytes.clone())
                    .collect();
                self.history.burst = Some(TypingBurst {
                    base: self.doc.text().to_owned(),
                    suspects,
                    last: now,
                });
            }
        }
    }

    /// After a pause in typing (or `now`): when the burst replaced one Han glyph
    /// by a look-alike, or a glyph flagged as suspect by another glyph, learn it.
    pub(super) fn end_typing(&mut self, now: bool) {
        let Some(b) = &self.history.burst else { return };
        if !now && b.last.elapsed() < jiaodui_desk::review::TYPING_IDLE {
            return;
        }
        let Some(b) = self.history.burst.take() else {
            return;
        };
        let Some((range, new)) = one_glyph_change(&b.base, self.doc.text()) else {
            return;
        };
        let (Some(old_c), Some(new_c)) = (b.base[range.clone()].chars().next(), new.chars().next())
        else {
            return;
        };
        if (b.suspects.contains(&range) || looks_alike(old_c, new_c))
            && let Some((w, r)) = confusions::lesson(&b.base, &range, &new)
        {
            self.learn(&w, &r);
        }
    }

    pub(super) fn run_concordance(&mut self, c: ConcordanceCommand) {
        match c {
            ConcordanceCommand::Open(ix) => self.concordance = self.build_concordance(ix),
            ConcordanceCommand::Check(i, on) => {
                if let Some(r) = self.concordance.as_mut().and_then(|c| c.rows.get_mut(i)) {
                    r.checked = on;
                }
            }
            ConcordanceCommand::Choose(k) => {
                if let Some(c) = self.concordance.as_mut()
                    && k < c.candidates.len()
                {
                    c.chosen = k;
                }
            }
            ConcordanceCommand::Apply => self.apply_concordance(),
            ConcordanceCommand::Close => self.concordance = None,
        }
    }

    fn build_concordance(&self, ix: FindingIx) -> Option<Concordance> {
        let f = self.review.findings().get(ix)?;
        let text = self.doc.text();
        let word = word_around(text, &f.span_bytes)?;
        let pattern = text[word.clone()].to_owned();
        let part = f.span_bytes.start - word.start..f.span_bytes.end - word.start;
        let candidates: Vec<String> = f
            .suggest
            .as_ref()?
            .candidates
            .iter()
            .map(|c| c.text.clone())
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let here = self.page.name.clone();
        let mut rows: Vec<Row> = concordance::occurrences(text, &pattern)
            .into_iter()
            .map(|at| Row {
                page: None,
                name: here.clone(),
                at,
                checked: true,
            })
            .collect();
        let mut problems = Vec::new();
        if let Some(folder) = &self.desk.folder {
            let open = self.desk.live.as_ref().map(|l| l.source.as_path());
            for page in folder.pages.iter().filter(|p| Some(p.as_path()) != open) {
                let name = page_name(page);
                match concordance::page_text(page) {
                    Ok(t) => rows.extend(concordance::occurrences(&t, &pattern).into_iter().map(
                        |at| Row {
                            page: Some(page.clone()),
                            name: name.clone(),
                            at,
                            checked: true,
                        },
                    )),
                    Err(why) => problems.push(Problem::Unreadable { page: name, why }),
                }
            }
        }
        Some(Concordance {
            pattern,
            part,
            candidates,
            chosen: 0,
            rows,
            done: None,
            problems,
        })
    }

    /// Apply to checked: the open page's occurrences as one undo step; the other
    /// pages' into their sessions, where each one's context still stands (see
    /// `jiaodui_desk::concordance::correct_page`); pages skipped and corrections
    /// left are named in the window. The correction is learned once.
    fn apply_concordance(&mut self) {
        let Some(c) = self.concordance.take() else {
            return;
        };
        let (Some(right), Some(replacement)) = (c.corrected(), c.candidates.get(c.chosen).cloned())
        else {
            self.concordance = Some(c);
            return;
        };
        let text = self.doc.text();
        let mut edits = Vec::new();
        // The other pages' corrections, by page in the list's order.
        let mut others: Vec<(PathBuf, Vec<Correction>)> = Vec::new();
        let mut rows = Vec::new();
        for r in c.rows {
            if !r.checked {
                rows.push(r);
                continue;
            }
            let at = r.at.range_bytes.start;
            match &r.page {
                // Still the pattern there (the text may have changed since the list was made).
                None if text.get(r.at.range_bytes.clone()) == Some(c.pattern.as_str()) => {
                    edits.push(Edit::new(
                        at + c.part.start..at + c.part.end,
                        replacement.clone(),
                    ));
                }
                None => rows.push(r),
                Some(page) => {
                    let one = Correction {
                        before: format!("{}{}", r.at.before, &c.pattern[..c.part.start]),
                        wrong: c.pattern[c.part.clone()].to_owned(),
                        right: replacement.clone(),
                        after: format!("{}{}", &c.pattern[c.part.end..], r.at.after),
                    };
                    match others.iter_mut().find(|(p, _)| p == page) {
                        Some((_, list)) => list.push(one),
                        None => others.push((page.clone(), vec![one])),
                    }
                    rows.push(r);
                }
            }
        }
        let here = edits.len();
        let mut there = 0;
        let mut problems = Vec::new();
        let mut written = Vec::new();
        for (page, list) in &others {
            let name = page_name(page);
            match concordance::correct_page(page, list) {
                Ok(done) => {
                    there += done.made;
                    if done.made > 0 {
                        written.push(page.clone());
                    }
                    if done.left > 0 {
                        problems.push(Problem::Left {
                            page: name,
                            count: done.left,
                        });
                    }
                    // Made or left (and named): the page's checked rows leave the list.
                    rows.retain(|r| !(r.checked && r.page.as_ref() == Some(page)));
                }
                Err(why) => problems.push(Problem::Skipped {
                    page: name,
                    why: super::find_ops::skip_label(&why),
                }),
            }
        }
        if let Some(e) = self.mark_in_progress(&written) {
            problems.push(Problem::Other(e));
        }
        if here + there > 0 {
            self.learn(&c.pattern, &right);
        }
        if let Ok(change) = ChangeSet::new(edits) {
            self.commit(change, Duration::ZERO);
        }
        self.concordance = Some(Concordance {
            rows,
            done: Some((here, there)),
            problems,
            ..c
        });
    }

    /// Apply all: every safe fix, and with the setting on, the best candidate of
    /// each `suspect-glyph` finding at least that confident.
    pub(super) fn apply_all_change(&self) -> ChangeSet {
        apply_all_change(
            self.review.findings(),
            self.settings.apply_suspects_from_percent,
        )
    }
}

/// Apply all's change for `findings`: every safe fix, and with `suspects_from_percent`
/// set, the best candidate of each `suspect-glyph` finding at least that confident.
pub(crate) fn apply_all_change(
    findings: &[engine::Finding],
    suspects_from_percent: Option<u8>,
) -> ChangeSet {
    let Some(pct) = suspects_from_percent else {
        return engine::fixes(findings);
    };
    let min = u16::from(pct) * 10;
    let taken: Vec<engine::Finding> = findings
        .iter()
        .map(|f| {
            let mut f = f.clone();
            if f.rule == RuleId::SuspectGlyph
                && let Some(s) = &f.suggest
                && s.confidence_milli >= min
                && let Some(best) = s.candidates.first()
            {
                f.edits = vec![Edit::new(f.span_bytes.clone(), best.text.clone())].into();
            }
            f
        })
        .collect();
    engine::fixes(&taken)
}

fn page_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The one Han glyph of `old` that `new` replaced by one other Han glyph: its range
/// in `old` and the new glyph; None for any other change.
fn one_glyph_change(old: &str, new: &str) -> Option<(Range<usize>, String)> {
    let change = jiaodui_core::edit::minimal_change(old, new);
    let [edit] = change.edits() else {
        return None;
    };
    let single = |s: &str| {
        let mut c = s.chars();
        matches!((c.next(), c.next()), (Some(g), None) if is_han(g))
    };
    (single(&old[edit.range_bytes.clone()]) && single(&edit.insert))
        .then(|| (edit.range_bytes.clone(), edit.insert.clone()))
}

#[cfg(test)]
mod tests {
    use super::one_glyph_change;

    #[test]
    fn one_glyph_changes() {
        assert_eq!(
            one_glyph_change("推动杜会发展", "推动社会发展"),
            Some((6..9, "社".into()))
        );
        assert_eq!(one_glyph_change("推动杜会", "推动社社会"), None);
        assert_eq!(one_glyph_change("推动杜会", "推动会"), None);
        assert_eq!(one_glyph_change("a1", "a2"), None);
        assert_eq!(one_glyph_change("杜杜", "杜杜"), None);
    }
}
