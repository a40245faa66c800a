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

/// Suspects below this confidence are not reported. Measured on Tesseract pages of
/// rendered prose (`cargo run -p jiaodui-glyph --example measure`, held-out pages, stop
/// 22): everything: precision 0.77, recall 0.30, right glyph in the first three 0.53;
/// from 0.5 (the shared Tesseract `heldout/`): precision 0.94, recall 0.04, first three
/// 0.94, and at most one suspect on the sample page's corrected text. Below 0.5 lie the
/// unrelated-glyph findings, which flag newspaper idiom (入脑入心, 进巷入户). An editor
/// who is shown a dozen wrong suspects on a clean page stops reading them: precision first.
const MIN_CONFIDENCE: f32 = 0.5;

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
    jiaodui_glyph::find_suspects_with(ctx.text, lex, &extra)
        .into_iter()
        .filter(|s| s.confidence >= MIN_CONFIDENCE)
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
