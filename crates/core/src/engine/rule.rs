use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Stable identifiers of the rules. The kebab-case names are a contract: CLI
/// `--rules`, JSON output, settings files and sessions all use them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleId {
    BrokenLine,
    DoubledGlyph,
    UnbalancedQuote,
    SpuriousSpace,
    HalfwidthPunct,
    CjkLatinSpacing,
    BadBytes,
}

impl RuleId {
    /// All rules, in the priority order used when two fixes touch the same bytes.
    pub const ALL: [RuleId; 7] = [
        RuleId::DoubledGlyph,
        RuleId::BrokenLine,
        RuleId::HalfwidthPunct,
        RuleId::SpuriousSpace,
        RuleId::CjkLatinSpacing,
        RuleId::UnbalancedQuote,
        RuleId::BadBytes,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::BrokenLine => "broken-line",
            RuleId::DoubledGlyph => "doubled-glyph",
            RuleId::UnbalancedQuote => "unbalanced-quote",
            RuleId::SpuriousSpace => "spurious-space",
            RuleId::HalfwidthPunct => "halfwidth-punct",
            RuleId::CjkLatinSpacing => "cjk-latin-spacing",
            RuleId::BadBytes => "bad-bytes",
        }
    }

    /// One-line description with an example, for `--help` and the GUI legend.
    pub fn description(self) -> &'static str {
        match self {
            RuleId::BrokenLine => {
                "line breaks (and blank lines) inside a paragraph left by the printed column; \
                 fix joins the lines: `近日，开发区太昊路办事处新时代文⏎明实践所` → `…新时代文明实践所`"
            }
            RuleId::DoubledGlyph => {
                "bold print read twice: `88 月 2266日，，` → `8 月 26日，`, `基基本本规规定定` → `基本规定`; \
                 intentional doubles (整整齐齐, 人人, ……, 88项, 1400) are left alone"
            }
            RuleId::UnbalancedQuote => {
                "a quote or bracket “” ‘’ （） 《》 【】 「」 without its partner in the paragraph: `”创文”` → `“创文”` \
                 when the intent is clear, otherwise flagged only"
            }
            RuleId::SpuriousSpace => {
                "spaces beside full-width punctuation, between Chinese characters, at line start or end: \
                 `近日， 开发区` → `近日，开发区`, `“创文 ”` → `“创文”`; byline spaces (记者 王晨) are kept"
            }
            RuleId::HalfwidthPunct => {
                "half-width , . : ; ? ! ( ) in Chinese text: `近日,开发区` → `近日，开发区`; \
                 3.5, 16:32, Backbone.js and English sentences are left alone"
            }
            RuleId::CjkLatinSpacing => {
                "spaces between Chinese and Latin letters or digits, by the spacing setting (default keep): \
                 `2021 年` ⇄ `2021年`"
            }
            RuleId::BadBytes => {
                "bytes that do not decode in the page's encoding (a damaged UTF-8 page): reported with \
                 their position and kept byte for byte on save; no automatic fix"
            }
        }
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

/// How loudly a rule reports. `Off` disables it.
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

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Off => "off",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}
