//! Find and replace over a page's text: plain or regular-expression patterns,
//! matches as byte ranges, and replacements as [`ChangeSet`]s, so that "replace
//! all" is one exact undo step and a folder-wide replace can be previewed change by
//! change before anything is written. No I/O and no GUI: the find bar and the
//! folder replace both call this.

use std::ops::Range;

use regex::{Regex, RegexBuilder};
use thiserror::Error;

use crate::edit::{ChangeSet, Edit};
use crate::text::LineIndex;

/// How the pattern is read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FindOptions {
    /// A regular expression (`regex` crate syntax, e.g. `\p{Han}`), else literal text.
    pub regex: bool,
    /// Latin letters match only in the same case (Han has no case either way).
    pub match_case: bool,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum FindError {
    /// The regular expression does not parse (or is too big): the message is the
    /// regex crate's, for the find bar to show.
    #[error("{0}")]
    Pattern(String),
}

/// Largest compiled pattern: a find bar entry, not a dictionary.
const PATTERN_SIZE_LIMIT_BYTES: usize = 4 << 20;

/// A compiled pattern. Literal patterns are escaped into the same engine, so case
/// folding and replacement work one way for both.
#[derive(Clone, Debug)]
pub struct Finder {
    re: Regex,
    /// Replacement text is inserted as typed (`$1` is not a group) for plain patterns.
    literal_replacement: bool,
}

impl Finder {
    /// Compiles `pattern`; `Ok(None)` for an empty pattern (nothing to find).
    pub fn new(pattern: &str, options: FindOptions) -> Result<Option<Finder>, FindError> {
        if pattern.is_empty() {
            return Ok(None);
        }
        let source = if options.regex {
            pattern.to_owned()
        } else {
            regex::escape(pattern)
        };
        let re = RegexBuilder::new(&source)
            .case_insensitive(!options.match_case)
            .multi_line(true)
            .size_limit(PATTERN_SIZE_LIMIT_BYTES)
            .build()
            .map_err(|e| FindError::Pattern(e.to_string()))?;
        Ok(Some(Finder {
            re,
            literal_replacement: !options.regex,
        }))
    }

    /// Every non-empty match, in order, as byte ranges. Empty matches (`x*`) are
    /// skipped: there is nothing to select or replace there.
    pub fn matches(&self, text: &str) -> Vec<Range<usize>> {
        self.re
            .find_iter(text)
            .map(|m| m.range())
            .filter(|r| !r.is_empty())
            .collect()
    }

    /// What the match at `range` becomes: `template` literally for plain patterns,
    /// with `$1` / `${name}` expanded for regular expressions. None when `range` is
    /// not (any more) a match of the pattern.
    pub fn replacement(&self, text: &str, range: Range<usize>, template: &str) -> Option<String> {
        // Anchored look at `range.start`: the match must be exactly `range`.
        let caps = self.re.captures_at(text, range.start)?;
        let m = caps.get(0)?;
        if m.range() != range {
            return None;
        }
        if self.literal_replacement {
            return Some(template.to_owned());
        }
        let mut out = String::new();
        caps.expand(template, &mut out);
        Some(out)
    }

    /// The change replacing the one match at `range` (None when it is no match).
    pub fn replace_one(
        &self,
        text: &str,
        range: Range<usize>,
        template: &str,
    ) -> Option<ChangeSet> {
        let insert = self.replacement(text, range.clone(), template)?;
        ChangeSet::new(vec![Edit::new(range, insert)]).ok()
    }

    /// The change replacing every match: one change set, so one undo step.
    pub fn replace_all(&self, text: &str, template: &str) -> ChangeSet {
        let edits = self.edits(text, template);
        ChangeSet::new(edits).unwrap_or_default()
    }

    fn edits(&self, text: &str, template: &str) -> Vec<Edit> {
        let mut edits = Vec::new();
        for caps in self.re.captures_iter(text) {
            let Some(m) = caps.get(0).filter(|m| !m.is_empty()) else {
                continue;
            };
            let insert = if self.literal_replacement {
                template.to_owned()
            } else {
                let mut out = String::new();
                caps.expand(template, &mut out);
                out
            };
            if insert != m.as_str() {
                edits.push(Edit::new(m.range(), insert));
            }
        }
        edits
    }

    /// Every change replace-all would make, with its line and a little context, for
    /// the editor to read before anything is changed.
    pub fn preview(&self, text: &str, template: &str) -> Vec<Preview> {
        let lines = LineIndex::new(text);
        self.edits(text, template)
            .into_iter()
            .map(|e| {
                let line = lines.line_of(e.range_bytes.start);
                let line_end = text[e.range_bytes.end..]
                    .find('\n')
                    .map_or(text.len(), |i| e.range_bytes.end + i);
                let left = context_before(&text[lines.line_start(line)..e.range_bytes.start]);
                let right =
                    context_after(&text[e.range_bytes.end..line_end.max(e.range_bytes.end)]);
                let old = &text[e.range_bytes.clone()];
                Preview {
                    line: line + 1,
                    before: format!("{left}{old}{right}"),
                    after: format!("{left}{}{right}", e.insert),
                    range_bytes: e.range_bytes,
                }
            })
            .collect()
    }
}

/// One change of a replace-all, as the preview lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    /// 1-based line of the match's start.
    pub line: usize,
    pub range_bytes: Range<usize>,
    /// The match with up to [`PREVIEW_CONTEXT_CHARS`] characters of its line on
    /// either side, before and after the replacement.
    pub before: String,
    pub after: String,
}

/// Characters of the line shown on each side of a change in the preview.
pub const PREVIEW_CONTEXT_CHARS: usize = 8;

fn context_before(s: &str) -> &str {
    let skip = s.chars().count().saturating_sub(PREVIEW_CONTEXT_CHARS);
    s.char_indices().nth(skip).map_or("", |(i, _)| &s[i..])
}

fn context_after(s: &str) -> &str {
    s.char_indices()
        .nth(PREVIEW_CONTEXT_CHARS)
        .map_or(s, |(i, _)| &s[..i])
}

/// Index of the first match at or after byte `at` (wrapping to the first), for
/// "find next" from the cursor; None when there are no matches.
pub fn next_from(matches: &[Range<usize>], at: usize) -> Option<usize> {
    if matches.is_empty() {
        return None;
    }
    let i = matches.partition_point(|m| m.start < at);
    Some(if i < matches.len() { i } else { 0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain() -> FindOptions {
        FindOptions::default()
    }

    fn regex() -> FindOptions {
        FindOptions {
            regex: true,
            match_case: false,
        }
    }

    #[test]
    fn plain_matches_chinese_and_ignores_regex_syntax() {
        let text = "本报讯（记者）本报记者.本报";
        let f = Finder::new("本报", plain()).unwrap().unwrap();
        assert_eq!(f.matches(text).len(), 3);
        let dot = Finder::new(".", plain()).unwrap().unwrap();
        assert_eq!(
            dot.matches(text),
            vec![text.find('.').unwrap()..text.find('.').unwrap() + 1]
        );
        assert!(Finder::new("", plain()).unwrap().is_none());
    }

    #[test]
    fn case_option_applies_to_latin() {
        let text = "CCTV cctv 央视";
        let any = Finder::new("cctv", plain()).unwrap().unwrap();
        assert_eq!(any.matches(text).len(), 2);
        let exact = Finder::new(
            "cctv",
            FindOptions {
                match_case: true,
                ..plain()
            },
        )
        .unwrap()
        .unwrap();
        assert_eq!(exact.matches(text), vec![5..9]);
    }

    #[test]
    fn regex_with_han_class_and_groups() {
        let text = "一九四九年十月一日，1949年";
        let f = Finder::new(r"(\p{Han})年", regex()).unwrap().unwrap();
        assert_eq!(f.matches(text).len(), 1);
        let cs = f.replace_all(text, "${1}年度");
        assert_eq!(cs.apply(text).unwrap(), "一九四九年度十月一日，1949年");
        let digits = Finder::new(r"(\d+)年", regex()).unwrap().unwrap();
        assert_eq!(
            digits.replace_all(text, "$1 年").apply(text).unwrap(),
            "一九四九年十月一日，1949 年"
        );
    }

    #[test]
    fn plain_replacement_is_literal() {
        let text = "价格$5";
        let f = Finder::new("价格", plain()).unwrap().unwrap();
        assert_eq!(f.replace_all(text, "$1元").apply(text).unwrap(), "$1元$5");
    }

    #[test]
    fn invalid_regex_is_an_error_not_a_panic() {
        let e = Finder::new("(本报", regex()).unwrap_err();
        assert!(matches!(e, FindError::Pattern(m) if !m.is_empty()));
        assert!(Finder::new("[", regex()).is_err());
        assert!(Finder::new("(本报", plain()).is_ok());
    }

    #[test]
    fn empty_matches_are_skipped() {
        let f = Finder::new("x*", regex()).unwrap().unwrap();
        assert_eq!(f.matches("axxb"), vec![1..3]);
        assert_eq!(f.replace_all("axxb", "y").apply("axxb").unwrap(), "ayb");
    }

    #[test]
    fn replace_one_checks_the_match_is_still_there() {
        let text = "甲乙甲乙";
        let f = Finder::new("甲", plain()).unwrap().unwrap();
        let m = f.matches(text);
        assert_eq!(m, vec![0..3, 6..9]);
        let cs = f.replace_one(text, m[1].clone(), "丙").unwrap();
        assert_eq!(cs.apply(text).unwrap(), "甲乙丙乙");
        assert!(f.replace_one(text, 3..6, "丙").is_none());
    }

    #[test]
    fn replace_all_is_one_change_set_that_inverts_exactly() {
        let text = "的的确确，的确如此。的";
        let f = Finder::new("的", plain()).unwrap().unwrap();
        let cs = f.replace_all(text, "地");
        assert_eq!(cs.edits().len(), 4);
        let after = cs.apply(text).unwrap();
        assert_eq!(after, "地地确确，地确如此。地");
        assert_eq!(cs.invert(text).apply(&after).unwrap(), text);
    }

    #[test]
    fn preview_lists_line_and_context() {
        let text = "第一行没有\n第二行有本报消息\n本报";
        let f = Finder::new("本报", plain()).unwrap().unwrap();
        let p = f.preview(text, "本刊");
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].line, 2);
        assert_eq!(p[0].before, "第二行有本报消息");
        assert_eq!(p[0].after, "第二行有本刊消息");
        assert_eq!(p[1].line, 3);
        // Matches that a replacement leaves as they are are no change.
        assert!(f.preview(text, "本报").is_empty());
    }

    #[test]
    fn next_from_wraps() {
        let m = vec![2..3, 8..9];
        assert_eq!(next_from(&m, 0), Some(0));
        assert_eq!(next_from(&m, 3), Some(1));
        assert_eq!(next_from(&m, 9), Some(0));
        assert_eq!(next_from(&[], 0), None);
    }
}
