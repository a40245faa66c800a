//! Which typed changes undo together. Undoing one character at a time is useless
//! to an editor; undoing a whole paragraph of typing loses too much. A typing run
//! joins keystrokes into one undo step until a pause, a jump of the cursor, a word
//! boundary (whitespace or punctuation, Chinese or Latin: the step ends after it),
//! or anything that is not typing. An IME commit (a whole 词 chosen at once) and a
//! paste are each a step of their own.
//!
//! Only the decision lives here; [`History::record_joined`](super::History::record_joined)
//! merges the steps exactly.

use std::time::{Duration, Instant};

use super::ChangeSet;
use crate::text::chars;

/// A pause this long between keystrokes ends the step.
pub const TYPING_PAUSE: Duration = Duration::from_secs(1);

/// Where a typed change came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypedBy {
    /// Keystrokes (characters, Backspace, Delete).
    Keys,
    /// An input method's commit.
    Ime,
    /// Paste, cut, or anything else that changes many characters at once.
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Open {
    /// Text inserted so far ends at this byte.
    Insert { end_byte: usize },
    /// Text deleted so far started at this byte (Backspace moves it left, Delete keeps it).
    Delete { start_byte: usize },
}

/// The typing step open for joining, if any.
#[derive(Clone, Debug, Default)]
pub struct TypingRun {
    open: Option<(Open, Instant)>,
}

impl TypingRun {
    /// Whether `change` (typed by `by` at `now`) joins the step the previous typed
    /// change made; remembers where the run now stands.
    pub fn joins(&mut self, change: &ChangeSet, by: TypedBy, now: Instant) -> bool {
        let prev = self
            .open
            .take()
            .filter(|(_, at)| now.saturating_duration_since(*at) < TYPING_PAUSE)
            .map(|(open, _)| open);
        let [edit] = change.edits() else {
            return false;
        };
        if by != TypedBy::Keys {
            // Its own step, and nothing joins it.
            return false;
        }
        let r = &edit.range_bytes;
        if r.is_empty() {
            let joins = prev == Some(Open::Insert { end_byte: r.start });
            if !edit.insert.chars().last().is_some_and(ends_word) {
                let end_byte = r.start + edit.insert.len();
                self.open = Some((Open::Insert { end_byte }, now));
            }
            joins
        } else if edit.insert.is_empty() {
            let joins = match prev {
                Some(Open::Delete { start_byte }) => r.end == start_byte || r.start == start_byte,
                _ => false,
            };
            self.open = Some((
                Open::Delete {
                    start_byte: r.start,
                },
                now,
            ));
            joins
        } else {
            // Typing over a selection starts a step.
            if !edit.insert.chars().last().is_some_and(ends_word) {
                let end_byte = r.start + edit.insert.len();
                self.open = Some((Open::Insert { end_byte }, now));
            }
            false
        }
    }

    /// Something other than typing happened (a fix, undo, a cursor jump): the next
    /// keystroke starts a new step.
    pub fn end(&mut self) {
        self.open = None;
    }
}

/// Whitespace and punctuation end a word: typed, they close the step they are in.
pub fn ends_word(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || chars::is_fullwidth_punct(c)
        || matches!(c, '\u{3000}'..='\u{303F}' | '\u{2010}'..='\u{2027}' | '\u{FF00}'..='\u{FF0F}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{Edit, History};

    fn insert(at: usize, s: &str) -> ChangeSet {
        ChangeSet::new(vec![Edit::new(at..at, s)]).unwrap()
    }

    /// Types `keys` one by one into `text`, recording like the app does; returns
    /// the history.
    fn type_into(text: &mut String, keys: &[&str], by: TypedBy, gap: Duration) -> History {
        let mut h = History::default();
        let mut run = TypingRun::default();
        let mut now = Instant::now();
        for k in keys {
            let cs = insert(text.len(), k);
            let joins = run.joins(&cs, by, now);
            let after = cs.apply(text).unwrap();
            if joins {
                h.record_joined(text, cs);
            } else {
                h.record(text, cs);
            }
            *text = after;
            now += gap;
        }
        h
    }

    fn undo_all(h: &mut History, text: &mut String) -> Vec<String> {
        let mut states = Vec::new();
        while let Some(cs) = h.undo() {
            *text = cs.apply(text).unwrap();
            states.push(text.clone());
        }
        states
    }

    #[test]
    fn chinese_typing_undoes_by_phrase_up_to_punctuation() {
        let mut text = String::from("前文");
        let keys = ["本", "报", "讯", "，", "记", "者"];
        let mut h = type_into(&mut text, &keys, TypedBy::Keys, Duration::from_millis(100));
        assert_eq!(text, "前文本报讯，记者");
        let states = undo_all(&mut h, &mut text);
        assert_eq!(states, ["前文本报讯，", "前文"]);
    }

    #[test]
    fn latin_words_end_at_spaces() {
        let mut text = String::new();
        let keys: Vec<String> = "new york".chars().map(String::from).collect();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        let mut h = type_into(&mut text, &keys, TypedBy::Keys, Duration::from_millis(50));
        assert_eq!(undo_all(&mut h, &mut text), ["new ", ""]);
    }

    #[test]
    fn a_pause_ends_the_step() {
        let mut text = String::new();
        let mut h = type_into(&mut text, &["甲", "乙", "丙"], TypedBy::Keys, TYPING_PAUSE);
        assert_eq!(undo_all(&mut h, &mut text), ["甲乙", "甲", ""]);
    }

    #[test]
    fn each_ime_commit_is_a_step() {
        let mut text = String::new();
        let mut h = type_into(&mut text, &["校对", "工作"], TypedBy::Ime, Duration::ZERO);
        assert_eq!(undo_all(&mut h, &mut text), ["校对", ""]);
    }

    #[test]
    fn a_cursor_jump_starts_a_step() {
        let mut run = TypingRun::default();
        let now = Instant::now();
        assert!(!run.joins(&insert(0, "甲"), TypedBy::Keys, now));
        assert!(run.joins(&insert(3, "乙"), TypedBy::Keys, now));
        assert!(!run.joins(&insert(0, "丙"), TypedBy::Keys, now));
        run.end();
        assert!(!run.joins(&insert(3, "丁"), TypedBy::Keys, now));
    }

    #[test]
    fn backspaces_join() {
        let mut run = TypingRun::default();
        let now = Instant::now();
        let del = |r: std::ops::Range<usize>| ChangeSet::new(vec![Edit::delete(r)]).unwrap();
        assert!(!run.joins(&del(6..9), TypedBy::Keys, now));
        assert!(run.joins(&del(3..6), TypedBy::Keys, now));
        assert!(!run.joins(&insert(3, "甲"), TypedBy::Keys, now));
    }

    /// Joined steps undo exactly, and a joined step is a new text state (the saved
    /// position is not reused: the page shows as modified).
    #[test]
    fn joined_steps_undo_exactly_and_move_the_position() {
        let mut h = History::default();
        let t0 = "甲乙".to_owned();
        let a = insert(3, "丙");
        let t1 = a.apply(&t0).unwrap();
        h.record(&t0, a);
        let saved = h.position();
        let b = insert(6, "丁");
        let t2 = b.apply(&t1).unwrap();
        h.record_joined(&t1, b);
        assert_ne!(h.position(), saved);
        assert_eq!(h.map_to_start(t2.len()), t0.len());
        let back = h.undo().unwrap().apply(&t2).unwrap();
        assert_eq!(back, t0);
        assert!(!h.can_undo());
        assert_eq!(h.redo().unwrap().apply(&back).unwrap(), t2);
    }
}
