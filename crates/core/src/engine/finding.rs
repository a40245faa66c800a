use std::hash::{Hash, Hasher};
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::{Message, RuleId};
use crate::edit::{ChangeSet, Edit, Edits};
use crate::hash::Fnv;

/// One defect found in a text: data, not a rewritten string.
///
/// `span_bytes` is what the editor decides on (a whole paragraph for `broken-line`,
/// a run or line for `doubled-glyph`); `edits` are the exact byte ranges the fix
/// replaces, all inside the span. A finding with no edits has no safe automatic fix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: RuleId,
    pub span_bytes: Range<usize>,
    pub edits: Edits,
    /// Short, for a list row or a popup (static for the common cases: no allocation).
    pub message: Message,
    /// Candidates for the editor to choose from, for findings with no automatic fix
    /// (`suspect-glyph`); boxed: almost every finding has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggest: Option<Box<Suggestions>>,
}

/// Ranked replacements of a finding's span, and how sure the rule is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestions {
    /// Best first; an empty text means "delete".
    pub candidates: Vec<Candidate>,
    /// 0..=1000: how sure the rule is that the span is wrong.
    pub confidence_milli: u16,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub text: String,
    /// 0..=1000.
    pub score_milli: u16,
}

impl Finding {
    pub fn new(
        rule: RuleId,
        span_bytes: Range<usize>,
        edits: impl Into<Edits>,
        message: Message,
    ) -> Self {
        Finding {
            rule,
            span_bytes,
            edits: edits.into(),
            message,
            suggest: None,
        }
    }

    /// A finding fixed by one edit (most are).
    pub fn one(rule: RuleId, span_bytes: Range<usize>, edit: Edit, message: Message) -> Self {
        Self::new(rule, span_bytes, Edits::from_buf([edit]), message)
    }

    pub fn is_fixable(&self) -> bool {
        !self.edits.is_empty()
    }

    /// The original text of the span.
    pub fn original<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.span_bytes.clone()).unwrap_or("")
    }

    /// The span's text after the fix, or `None` when there is no safe fix.
    pub fn replacement(&self, text: &str) -> Option<String> {
        if self.edits.is_empty() {
            return None;
        }
        let base = self.span_bytes.start;
        let local: Vec<Edit> = self
            .edits
            .iter()
            .map(|e| {
                Edit::new(
                    e.range_bytes.start - base..e.range_bytes.end - base,
                    e.insert.clone(),
                )
            })
            .collect();
        ChangeSet::new(local).ok()?.apply(self.original(text)).ok()
    }

    /// The fix as a change set against the text this finding was computed on.
    pub fn change_set(&self) -> ChangeSet {
        ChangeSet::non_overlapping(self.edits.iter())
    }

    /// An identity that survives re-checking after unrelated edits: the rule, the
    /// span's text and a little context on each side (not byte offsets, which shift).
    pub fn fingerprint(&self, text: &str) -> u64 {
        let mut h = Fnv::default();
        self.rule.hash(&mut h);
        self.original(text).hash(&mut h);
        let before = text.get(..self.span_bytes.start).unwrap_or("");
        let after = text.get(self.span_bytes.end..).unwrap_or("");
        before
            .chars()
            .rev()
            .take(8)
            .collect::<String>()
            .hash(&mut h);
        after.chars().take(8).collect::<String>().hash(&mut h);
        h.finish()
    }
}
