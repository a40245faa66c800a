//! What the editor taught the detector: house words never to flag (`keep`) and
//! confusions learned from the editor's own corrections in a folder (`杜会` → `社会`
//! seen three times). Kept apart from the scan's scoring on purpose: the scan runs
//! unchanged, then one pass here raises the learned candidate of a suspect the scan
//! found and flags every other occurrence of a learned wrong string, which the
//! language model alone may not (a misread the editor already fixed elsewhere is
//! strong evidence on the same pages, whatever the word frequencies say).

use crate::scan::find_suspects;
use crate::{Candidate, Lexicon, Suspect, SuspectKind};

/// What the caller adds to the scan.
pub struct Extra<'a> {
    /// True for a 2–4 character string never to flag (a house word).
    pub keep: &'a dyn Fn(&str) -> bool,
    /// Learned confusions `(wrong, right, count)`: strings of the same length in
    /// characters that differ in the glyph(s) the editor replaced, with their
    /// context (`("杜会", "社会", 3)`), and how often the editor made the correction.
    pub learned: &'a [(String, String, u32)],
}

/// Confidence of a learned confusion corrected `count` times: one correction is
/// already good evidence (0.7), three or more nearly certain (0.8, capped at 0.9).
pub fn learned_confidence(count: u32) -> f32 {
    (0.65 + 0.05 * count.max(1) as f32).min(0.9)
}

/// Like [`find_suspects`], with the editor's house words and learned confusions.
/// `find_suspects_with(t, lex, &Extra { keep, learned: &[] })` is `find_suspects(t, lex, keep)`.
pub fn find_suspects_with(text: &str, lex: &Lexicon, extra: &Extra<'_>) -> Vec<Suspect> {
    let out = find_suspects(text, lex, extra.keep);
    with_learned(text, out, extra)
}

/// What a caller shows: the scan's suspects that pass `policy` (see [`crate::shown`]), then
/// the editor's learned confusions, which are always shown (the editor taught them).
pub fn find_shown_with(
    text: &str,
    lex: &Lexicon,
    extra: &Extra<'_>,
    policy: &crate::ShowPolicy,
) -> Vec<Suspect> {
    let out = crate::shown(text, find_suspects(text, lex, extra.keep), policy);
    with_learned(text, out, extra)
}

fn with_learned(text: &str, mut out: Vec<Suspect>, extra: &Extra<'_>) -> Vec<Suspect> {
    for (wrong, right, count) in extra.learned {
        let Some((skip, wrong_mid, right_mid)) = differing(wrong, right) else {
            continue;
        };
        let conf = learned_confidence(*count);
        for (at, _) in text.match_indices(wrong.as_str()) {
            let (start, end) = (at + skip, at + skip + wrong_mid.len());
            if kept(text, at, at + wrong.len(), extra.keep) {
                continue;
            }
            let i = out.partition_point(|s| s.end_byte <= start);
            match out.get_mut(i) {
                Some(s) if s.start_byte == start && s.end_byte == end => {
                    raise(s, right_mid, conf);
                }
                // Another suspect overlaps: the scan's reading stands.
                Some(s) if s.start_byte < end => {}
                _ => out.insert(
                    i,
                    Suspect {
                        start_byte: start,
                        end_byte: end,
                        candidates: vec![Candidate {
                            text: right_mid.to_owned(),
                            score: conf,
                        }],
                        confidence: conf,
                        kind: SuspectKind::LookAlike,
                    },
                ),
            }
        }
    }
    out
}

/// The learned candidate goes first, the suspect at least as sure as the lesson.
fn raise(s: &mut Suspect, right: &str, conf: f32) {
    let top = s.candidates.first().map_or(0.0, |c| c.score);
    s.candidates.retain(|c| c.text != right);
    s.candidates.insert(
        0,
        Candidate {
            text: right.to_owned(),
            score: top.max(conf),
        },
    );
    s.confidence = s.confidence.max(conf);
}

/// `wrong` and `right` without their common prefix and suffix: (byte offset of the
/// difference in `wrong`, wrong part, right part); None when they are equal or empty.
fn differing<'a>(wrong: &'a str, right: &'a str) -> Option<(usize, &'a str, &'a str)> {
    if wrong.is_empty() || wrong == right {
        return None;
    }
    let prefix: usize = wrong
        .chars()
        .zip(right.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let (w, r) = (&wrong[prefix..], &right[prefix..]);
    let suffix: usize = w
        .chars()
        .rev()
        .zip(r.chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let suffix = suffix.min(w.len()).min(r.len());
    let (w, r) = (&w[..w.len() - suffix], &r[..r.len() - suffix]);
    (!w.is_empty()).then_some((prefix, w, r))
}

/// Whether a house word covers `text[start..end]`: the string itself or any 2–4
/// character string around it.
fn kept(text: &str, start: usize, end: usize, keep: &dyn Fn(&str) -> bool) -> bool {
    if keep(&text[start..end]) {
        return true;
    }
    let before: Vec<usize> = text[..start]
        .char_indices()
        .rev()
        .take(3)
        .map(|(i, _)| i)
        .collect();
    let after: Vec<usize> = text[end..]
        .char_indices()
        .take(3)
        .map(|(i, c)| end + i + c.len_utf8())
        .collect();
    let len = text[start..end].chars().count();
    let starts = std::iter::once(start).chain(before.iter().copied());
    for (b, s) in starts.enumerate() {
        let ends = std::iter::once(end).chain(after.iter().copied());
        for (a, e) in ends.enumerate() {
            let n = len + b + a;
            if (2..=4).contains(&n) && keep(&text[s..e]) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon;

    #[test]
    fn difference_of_a_pair() {
        assert_eq!(differing("杜会", "社会"), Some((0, "杜", "社")));
        assert_eq!(differing("己经", "已经"), Some((0, "己", "已")));
        assert_eq!(differing("自己经", "自已经"), Some((3, "己", "已")));
        assert_eq!(differing("社会", "社会"), None);
        assert_eq!(differing("", "社"), None);
    }

    /// Without lessons, the same as `find_suspects`.
    #[test]
    fn no_lessons_is_the_plain_scan() {
        let text = "他们己经在2O24年推动杜会发展，对末来充满信心。";
        let plain = find_suspects(text, lexicon(), &|_| false);
        let with = find_suspects_with(
            text,
            lexicon(),
            &Extra {
                keep: &|_| false,
                learned: &[],
            },
        );
        assert_eq!(plain, with);
    }

    /// A learned wrong string is flagged even where the model alone says nothing,
    /// with the learned candidate; a house word around it still wins.
    #[test]
    fn learned_wrong_strings_are_flagged() {
        let text = "今天天气很好，吕明去了公园。";
        assert!(find_suspects(text, lexicon(), &|_| false).is_empty());
        let learned = [("吕明".to_owned(), "吴明".to_owned(), 1)];
        let found = find_suspects_with(
            text,
            lexicon(),
            &Extra {
                keep: &|_| false,
                learned: &learned,
            },
        );
        assert_eq!(found.len(), 1, "{found:?}");
        let s = &found[0];
        assert_eq!(&text[s.start_byte..s.end_byte], "吕");
        assert_eq!(s.candidates[0].text, "吴");
        assert!(s.confidence >= 0.7);
        let kept = find_suspects_with(
            text,
            lexicon(),
            &Extra {
                keep: &|w| w == "吕明去",
                learned: &learned,
            },
        );
        assert!(kept.is_empty(), "{kept:?}");
    }

    /// A suspect the scan found gets the learned candidate first.
    #[test]
    fn learned_candidate_goes_first() {
        let text = "他们己经在2O24年推动杜会发展，对末来充满信心。";
        let plain = find_suspects(text, lexicon(), &|_| false);
        let at = text.find("杜").unwrap();
        assert!(plain.iter().any(|s| s.start_byte == at), "{plain:?}");
        let learned = [("杜会".to_owned(), "杠会".to_owned(), 2)];
        let found = find_suspects_with(
            text,
            lexicon(),
            &Extra {
                keep: &|_| false,
                learned: &learned,
            },
        );
        assert_eq!(found.len(), plain.len());
        let s = found.iter().find(|s| s.start_byte == at).unwrap();
        assert_eq!(s.candidates[0].text, "杠");
        assert!(s.candidates.iter().skip(1).all(|c| c.text != "杠"));
    }
}
