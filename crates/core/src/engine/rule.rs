//! The rule registry: one line per rule in [`rules!`] below, one [`RuleInfo`] in the
//! rule's own file (`rules/<id>.rs`). Everything that names, describes, colours,
//! enables or runs a rule reads it from there — the CLI's `--rules` and `--help`,
//! settings, the app's legend and palette, the HTML report — so adding a rule is one
//! new file and one registry line, and forgetting either does not compile.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{Context, Finding};
use crate::lang::Lang;

/// A text in both of jiaodui's languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

/// Everything there is to know about one rule.
#[derive(Debug)]
pub struct RuleInfo {
    /// The kebab-case id: a contract (CLI `--rules`, JSON, settings and session files).
    pub id: &'static str,
    /// Its name as editors see it (app legend and panels, reports).
    pub name: Text,
    /// What it finds and what its fix does, with the example below (`--help`, tooltips).
    pub description: Text,
    /// A real before → after pair.
    pub example: (&'static str, &'static str),
    /// On or off when the user has not chosen.
    pub default_severity: Severity,
    /// Lower runs first; when two fixes touch the same bytes the earlier rule's wins.
    pub priority: u8,
    /// Highlight hue (RGB) on a light and on a dark background.
    pub colour: Colour,
    /// Whether `fix` runs the rule: false for rules whose findings the editor
    /// must decide (no edits, only candidates), which would only cost `fix` time.
    pub in_fix: bool,
    /// The check itself.
    pub check: fn(&Context<'_>) -> Vec<Finding>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colour {
    pub light: [u8; 3],
    pub dark: [u8; 3],
}

/// The registry. Declaration order is the order of `RuleId` (settings files sort by
/// it); `priority` orders the runs.
macro_rules! rules {
    ($($variant:ident => $module:ident),* $(,)?) => {
        /// Stable identifiers of the rules (serialized as their kebab-case ids).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum RuleId {
            $($variant),*
        }

        const DECLARED: &[RuleId] = &[$(RuleId::$variant),*];

        impl RuleId {
            /// The rule's registry entry.
            pub fn info(self) -> &'static RuleInfo {
                match self {
                    $(RuleId::$variant => &super::rules::$module::RULE),*
                }
            }
        }

        /// `info().priority`, for the const sort that builds [`RuleId::ALL`].
        const fn priority_of(rule: RuleId) -> u8 {
            match rule {
                $(RuleId::$variant => super::rules::$module::RULE.priority),*
            }
        }
    };
}

rules! {
    BrokenLine => broken_line,
    DoubledGlyph => doubled_glyph,
    UnbalancedQuote => unbalanced_quote,
    SpuriousSpace => spurious_space,
    HalfwidthPunct => halfwidth_punct,
    CjkLatinSpacing => cjk_latin_spacing,
    SuspectGlyph => suspect_glyph,
    BadBytes => bad_bytes,
    LowConfidence => low_confidence,
}

/// How many rules there are.
const COUNT: usize = DECLARED.len();

/// The registry's rules sorted by priority (a const insertion sort: `ALL` is data).
const fn by_priority() -> [RuleId; COUNT] {
    let mut out = [RuleId::BrokenLine; COUNT];
    let mut i = 0;
    while i < COUNT {
        out[i] = DECLARED[i];
        i += 1;
    }
    let mut i = 1;
    while i < COUNT {
        let mut j = i;
        while j > 0 && priority_of(out[j - 1]) > priority_of(out[j]) {
            let t = out[j - 1];
            out[j - 1] = out[j];
            out[j] = t;
            j -= 1;
        }
        i += 1;
    }
    out
}

impl RuleId {
    /// All rules, in the priority order used when two fixes touch the same bytes.
    pub const ALL: [RuleId; COUNT] = by_priority();

    pub fn as_str(self) -> &'static str {
        self.info().id
    }

    /// Name in `lang`, as editors see it.
    pub fn name(self, lang: Lang) -> &'static str {
        self.info().name.get(lang)
    }

    /// One-line description with an example, for `--help` and tooltips (English).
    pub fn description(self) -> &'static str {
        self.info().description.en
    }

    /// The description in `lang`.
    pub fn describe(self, lang: Lang) -> &'static str {
        self.info().description.get(lang)
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RuleId {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RuleId::ALL
            .into_iter()
            .find(|r| r.as_str() == s.trim())
            .ok_or_else(|| {
                let known: Vec<_> = RuleId::ALL.iter().map(|r| r.as_str()).collect();
                format!("unknown rule `{s}` (known: {})", known.join(", "))
            })
    }
}

/// Whether a rule runs. Settings files written by earlier versions hold `info`,
/// `warning` or `error` for a rule that is on; they still load, and mean "on".
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Off,
    Info,
    #[default]
    Warning,
    Error,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_complete_and_consistent() {
        for rule in DECLARED {
            let info = rule.info();
            // The id is the serde name: one spelling for files, CLI and JSON.
            let serde_name = serde_json::to_string(rule).unwrap();
            assert_eq!(serde_name, format!("\"{}\"", info.id));
            assert_eq!(info.id.parse::<RuleId>(), Ok(*rule));
            for t in [info.name, info.description] {
                assert!(!t.en.is_empty() && !t.zh.is_empty(), "{rule:?}");
                assert!(
                    t.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{rule:?}: {}",
                    t.zh
                );
            }
            assert_ne!(info.example.0, info.example.1, "{rule:?}");
        }
        let mut priorities: Vec<u8> = DECLARED.iter().map(|r| r.info().priority).collect();
        priorities.sort_unstable();
        priorities.dedup();
        assert_eq!(
            priorities.len(),
            DECLARED.len(),
            "two rules share a priority"
        );
        assert!(
            RuleId::ALL
                .windows(2)
                .all(|w| w[0].info().priority < w[1].info().priority)
        );
    }

    /// Every rule's highlight must be told apart from every other's at a glance,
    /// on a light and on a dark background (`low-confidence` once was the
    /// broken-line orange but for a shade).
    #[test]
    fn rule_colours_are_far_apart_in_both_themes() {
        let distance = |a: [u8; 3], b: [u8; 3]| {
            a.iter()
                .zip(b)
                .map(|(&x, y)| (f32::from(x) - f32::from(y)).powi(2))
                .sum::<f32>()
                .sqrt()
        };
        for (i, a) in DECLARED.iter().enumerate() {
            for b in &DECLARED[i + 1..] {
                let (ca, cb) = (a.info().colour, b.info().colour);
                for (theme, x, y) in [("light", ca.light, cb.light), ("dark", ca.dark, cb.dark)] {
                    let d = distance(x, y);
                    assert!(d >= 50.0, "{a:?} and {b:?} too alike on {theme}: {d:.0}");
                }
            }
        }
    }
}
