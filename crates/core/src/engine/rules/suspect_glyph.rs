//! `suspect-glyph`: characters the OCR engine probably read as a look-alike (形近字:
//! 己/已, 未/末, 杜/社, `2O24年`). The detector and its language data live in the
//! `jiaodui-glyph` crate; this file turns its suspects into findings. A suspect is
//! never fixed automatically (`fix` and Apply all skip it): the editor picks a
//! candidate.

use crate::engine::rule::{Colour, RuleInfo, Text};
use crate::engine::{Candidate, Context, Finding, Message, RuleId, Severity, Suggestions};

/// The registry entry (see `engine/rule.rs`).
pub const RULE: RuleInfo = RuleInfo {
    id: "suspect-glyph",
    name: Text {
        en: "Suspect glyph",
        zh: "形近字",
    },
    description: Text {
        en: "a character OCR probably read as a look-alike: `杜会` → `社会`, `己经` → `已经`, `2O24年` → `2024年`; candidates are ranked, the editor chooses (never fixed automatically); names are left alone",
        zh: "OCR 可能误识的形近字：`杜会` → `社会`，`己经` → `已经`，`2O24年` → `2024年`；候选按可能性排列，由编辑选择（不会自动修改）；人名不标",
    },
    example: ("杜会", "社会"),
    default_severity: Severity::Info,
    priority: 70,
    colour: Colour {
        light: [180, 40, 150],
        dark: [240, 130, 220],
    },
    in_fix: false,
    check,
};

/// Which suspects are shown: `jiaodui_glyph::ShowPolicy::default()`, a confidence threshold
/// that depends on the damage evidence within 300 chars (unmatched or angle brackets and
/// stroke letters inside Han text, letters inside numbers, half-width `,;:` between Han
/// glyphs, near-certain look-alikes): 0.9 with none around, 0.6 with one, 0.45 with two,
/// 0.3 on clearly damaged OCR (three or more); on a snippet (under 120 chars within 300 of
/// the suspect) there is no telling, and the flat 0.5 of before stands. Measured with
/// `cargo run -p jiaodui-glyph --example measure` (stop 23): on the shared Tesseract `heldout/` pages precision 0.82,
/// recall 0.15, first three 0.83 (0.94 / 0.04 / 0.94 with a flat 0.5); false suspects on
/// newspaper-register prose 0.11–0.13 per 1000 chars (0.27–0.35 with a flat 0.5). An editor
/// who is shown a dozen wrong suspects on a clean page stops reading them: precision first
/// where the page looks clean, recall where it is clearly damaged.
fn policy() -> jiaodui_glyph::ShowPolicy {
    jiaodui_glyph::ShowPolicy::default()
}

/// Confidence and scores are kept in thousandths (findings compare exactly).
fn milli(x: f32) -> u16 {
    (x.clamp(0.0, 1.0) * 1000.0).round() as u16
}

pub fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let lex = jiaodui_glyph::lexicon();
    // House words are never flagged; the folder's learned confusions are found.
    let keep = |w: &str| ctx.settings.is_house_word(w);
    let extra = jiaodui_glyph::Extra {
        keep: &keep,
        learned: &ctx.settings.learned,
    };
    jiaodui_glyph::find_shown_with(ctx.text, lex, &extra, &policy())
        .into_iter()
        .filter(|s| {
            ctx.text.is_char_boundary(s.start_byte) && ctx.text.is_char_boundary(s.end_byte)
        })
        .map(|s| {
            let text = ctx.text[s.start_byte..s.end_byte].to_owned();
            let best = s
                .candidates
                .first()
                .map(|c| c.text.clone())
                .unwrap_or_default();
            let mut f = Finding::new(
                RuleId::SuspectGlyph,
                s.start_byte..s.end_byte,
                Vec::new(),
                Message::SuspectGlyph { text, best },
            );
            f.suggest = Some(Box::new(Suggestions {
                candidates: s
                    .candidates
                    .into_iter()
                    .take(5)
                    .map(|c| Candidate {
                        text: c.text,
                        score_milli: milli(c.score),
                    })
                    .collect(),
                confidence_milli: milli(s.confidence),
            }));
            f
        })
        .collect()
}
