use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{RuleId, Severity};

/// What to do with spaces between Chinese and Latin letters or digits (`2021 年`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum CjkLatinSpacing {
    /// Leave them as printed (the default: both styles are correct Chinese).
    #[default]
    Keep,
    /// Remove them: `2021 年` → `2021年`.
    Remove,
    /// Add one where missing: `2021年` → `2021 年`.
    Add,
}

/// Engine configuration, passed in by the caller (never global). Serializable so the
/// GUI stores it as RON; unknown or missing fields fall back to defaults.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Per-rule severity; a rule missing here uses its default.
    pub severity: BTreeMap<RuleId, Severity>,
    pub cjk_latin_spacing: CjkLatinSpacing,
    /// `low-confidence` reports glyphs the OCR engine gave less than this confidence
    /// (percent). Tesseract's `x_wconf` on clean newspaper print runs 90–97 for
    /// right glyphs; its misreads mostly fall under 60.
    pub low_confidence_percent: u8,
    /// House words (see `engine/house_words.rs`): never flagged by any rule. The desk
    /// fills it from the user's and the folder's lists, which it stores itself; not
    /// part of this struct's RON.
    #[serde(skip)]
    pub house_words: BTreeSet<String>,
    /// Confusions learned from the editor's corrections in the folder, `(wrong,
    /// right, count)` (see `jiaodui_glyph::Extra::learned`). Filled by the desk.
    #[serde(skip)]
    pub learned: Vec<(String, String, u32)>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            severity: BTreeMap::new(),
            cjk_latin_spacing: CjkLatinSpacing::Keep,
            low_confidence_percent: 60,
            house_words: BTreeSet::new(),
            learned: Vec::new(),
        }
    }
}

impl Settings {
    pub fn severity(&self, rule: RuleId) -> Severity {
        self.severity
            .get(&rule)
            .copied()
            .unwrap_or(rule.info().default_severity)
    }

    pub fn is_enabled(&self, rule: RuleId) -> bool {
        self.severity(rule) != Severity::Off
    }

    pub fn set_enabled(&mut self, rule: RuleId, on: bool) {
        if on {
            self.severity.remove(&rule);
        } else {
            self.severity.insert(rule, Severity::Off);
        }
    }

    /// Settings with only the given rules enabled.
    pub fn only(rules: &[RuleId]) -> Self {
        let mut s = Settings::default();
        for r in RuleId::ALL {
            s.set_enabled(r, rules.contains(&r));
        }
        s
    }
}
