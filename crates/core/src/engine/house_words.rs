//! House words: strings the editor said are always correct ("Always correct" on a
//! finding: a name like 丽丽, a term like 杜会 in a quotation). The desk keeps the
//! lists (per user, per folder) and passes their union in [`Settings::house_words`];
//! no rule may flag or change one. `suspect-glyph` is told through the detector's
//! `keep`; every other rule's findings are dropped here when they lie inside an
//! occurrence of a house word, or when every byte their fix would change does.

use std::collections::BTreeSet;
use std::ops::Range;

use super::{Finding, RuleId, Settings};
use crate::text::chars::is_han;

/// Longest house word, in characters: a name or a term, not a sentence.
pub const MAX_CHARS: usize = 12;

/// The byte ranges of every occurrence of every house word in a text, sorted.
pub(crate) struct Occurrences {
    ranges: Vec<Range<usize>>,
}

impl Occurrences {
    pub(crate) fn find(text: &str, words: &BTreeSet<String>) -> Self {
        let mut ranges: Vec<Range<usize>> = words
            .iter()
            .filter(|w| !w.is_empty())
            .flat_map(|w| text.match_indices(w.as_str()).map(|(i, m)| i..i + m.len()))
            .collect();
        ranges.sort_by_key(|r| (r.start, r.end));
        Occurrences { ranges }
    }

    fn covers(&self, r: &Range<usize>) -> bool {
        let i = self.ranges.partition_point(|o| o.start <= r.start);
        self.ranges[..i]
            .iter()
            .rev()
            .take(64)
            .any(|o| o.start <= r.start && r.end <= o.end)
    }

    /// Whether the editor's house words say `f` is no error (see the module doc).
    pub(crate) fn spares(&self, f: &Finding) -> bool {
        if self.ranges.is_empty() || f.rule == RuleId::SuspectGlyph {
            return false;
        }
        self.covers(&f.span_bytes)
            || (!f.edits.is_empty() && f.edits.iter().all(|e| self.covers(&e.range_bytes)))
    }
}

/// Whether `s` may be a house word: 1..=[`MAX_CHARS`] characters, no whitespace or
/// control characters.
pub fn is_valid(s: &str) -> bool {
    let n = s.chars().count();
    (1..=MAX_CHARS).contains(&n) && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The word "Always correct" on the finding at `span` of `text` adds: the span's
/// text, and for a single Han glyph (what `suspect-glyph` flags) the glyph with its
/// neighbour (the next Han glyph, else the one before), so the house word is the
/// reading the editor confirmed (`杜丽`), not every 杜. Also the string the
/// concordance looks for. None for a span that is no word (a line, whitespace).
pub fn word_around(text: &str, span: &Range<usize>) -> Option<Range<usize>> {
    let s = text.get(span.clone())?;
    if !is_valid(s) {
        return None;
    }
    let mut chars = s.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return Some(span.clone());
    };
    if !is_han(c) {
        return Some(span.clone());
    }
    if let Some(next) = text[span.end..].chars().next().filter(|&n| is_han(n)) {
        return Some(span.start..span.end + next.len_utf8());
    }
    if let Some(prev) = text[..span.start]
        .chars()
        .next_back()
        .filter(|&p| is_han(p))
    {
        return Some(span.start - prev.len_utf8()..span.end);
    }
    Some(span.clone())
}

/// Whether `a` and `b` look alike (the detector's visual-neighbour table, either
/// way): a correction of one into the other is an OCR misread the desk learns from.
pub fn looks_alike(a: char, b: char) -> bool {
    let lex = jiaodui_glyph::lexicon();
    lex.neighbours(a).iter().any(|n| n.glyph == b) || lex.neighbours(b).iter().any(|n| n.glyph == a)
}

impl Settings {
    /// Whether `word` is one of the house words.
    pub fn is_house_word(&self, word: &str) -> bool {
        self.house_words.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine;

    fn settings(words: &[&str]) -> Settings {
        Settings {
            house_words: words.iter().map(|w| (*w).to_owned()).collect(),
            ..Settings::default()
        }
    }

    #[test]
    fn look_alikes() {
        assert!(looks_alike('杜', '社'));
        assert!(looks_alike('已', '己') || looks_alike('未', '末'));
        assert!(!looks_alike('的', '猫'));
    }

    #[test]
    fn word_around_a_glyph() {
        let t = "推动杜会发展，杜。";
        let at = t.find('杜').unwrap();
        assert_eq!(&t[word_around(t, &(at..at + 3)).unwrap()], "杜会");
        let last = t.rfind('杜').unwrap();
        // No Han after it: the glyph before does not exist either (，): itself.
        assert_eq!(&t[word_around(t, &(last..last + 3)).unwrap()], "杜");
        assert_eq!(word_around("a\nb", &(0..3)), None);
        let e = "展杜。";
        assert_eq!(&e[word_around(e, &(3..6)).unwrap()], "展杜");
    }

    /// A house word is never flagged, by `suspect-glyph` (through `keep`) or by
    /// any other rule; without it the same text is.
    #[test]
    fn house_words_are_respected() {
        let text = "我们对末来充满信心。";
        let plain = engine::check(text, &Settings::default());
        assert!(
            plain.iter().any(|f| f.rule == RuleId::SuspectGlyph),
            "{plain:?}"
        );
        let kept = engine::check(text, &settings(&["末来"]));
        assert!(
            kept.iter().all(|f| f.rule != RuleId::SuspectGlyph),
            "{kept:?}"
        );

        let text = "他说，，好。";
        let plain = engine::check(text, &Settings::default());
        assert!(
            plain.iter().any(|f| f.rule == RuleId::DoubledGlyph),
            "{plain:?}"
        );
        let kept = engine::check(text, &settings(&["，，"]));
        assert!(
            kept.iter().all(|f| f.rule != RuleId::DoubledGlyph),
            "{kept:?}"
        );
        // Only where the word stands: elsewhere the rule still speaks.
        let other = engine::check("他说，，好。她说。。好。", &settings(&["，，"]));
        assert_eq!(
            other
                .iter()
                .filter(|f| f.rule == RuleId::DoubledGlyph)
                .count(),
            1,
            "{other:?}"
        );
    }

    /// `fix` never changes a house word either.
    #[test]
    fn fix_leaves_house_words() {
        assert_eq!(
            engine::fix("他说，，好。", &settings(&["，，"])),
            "他说，，好。"
        );
        assert_eq!(
            engine::fix("他说，，好。", &Settings::default()),
            "他说，好。"
        );
    }

    #[test]
    fn learned_confusions_reach_the_rule() {
        let text = "今天天气很好，吕明去了公园。";
        assert!(engine::check(text, &Settings::default()).is_empty());
        let s = Settings {
            learned: vec![("吕明".into(), "吴明".into(), 2)],
            ..Settings::default()
        };
        let found = engine::check(text, &s);
        assert_eq!(found.len(), 1, "{found:?}");
        let sug = found[0].suggest.as_ref().unwrap();
        assert_eq!(sug.candidates[0].text, "吴");
    }
}
