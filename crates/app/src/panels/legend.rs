//! The colour key above the text: one swatch per enabled rule, and the two marks.

use eframe::egui::{self, RichText, Ui};

use super::text_view::{break_icon, space_icon, swatch};
use crate::i18n::{Lang, T, rule_name};
use crate::palette::Palette;
use jiaodui_core::engine::{RuleId, Settings};

/// What the legend reads.
pub struct LegendInput<'a> {
    pub lang: Lang,
    pub palette: Palette,
    /// Which rules are on.
    pub engine: &'a Settings,
    /// Findings by rule (rare rules are keyed only when found).
    pub counts: &'a std::collections::BTreeMap<RuleId, usize>,
}

/// Returns the id of the legend's label, which also names the text editor.
pub fn show(ui: &mut Ui, input: &LegendInput) -> egui::Id {
    let lang = input.lang;
    let palette = input.palette;
    let id = ui
        .horizontal_wrapped(|ui| {
            let id = ui
                .label(
                    RichText::new(format!("{}:", T::Legend.get(lang)))
                        .small()
                        .strong(),
                )
                .id;
            for rule in RuleId::ALL {
                if !input.engine.is_enabled(rule) {
                    continue;
                }
                // Undecodable bytes are rare (a damaged page), and OCR confidences come
                // only with structured OCR: those are shown only when found.
                if matches!(rule, RuleId::BadBytes | RuleId::LowConfidence)
                    && input.counts.get(&rule).copied().unwrap_or(0) == 0
                {
                    continue;
                }
                let name = RichText::new(rule_name(rule, lang)).small();
                keep_together(ui, &name);
                swatch(ui, palette, rule);
                ui.add(egui::Label::new(name).wrap_mode(egui::TextWrapMode::Extend))
                    .on_hover_text(rule.describe(lang));
                ui.add_space(6.0);
            }
            ui.separator();
            for (icon, label) in [
                (
                    break_icon as fn(&mut Ui, crate::palette::Palette),
                    T::LegendBreak,
                ),
                (space_icon, T::LegendSpace),
            ] {
                let label = RichText::new(label.get(lang)).small();
                keep_together(ui, &label);
                icon(ui, palette);
                ui.add(egui::Label::new(label).wrap_mode(egui::TextWrapMode::Extend));
            }
            id
        })
        .inner;
    ui.separator();
    id
}

/// Starts a new row of the wrapped legend unless a swatch and `label` both fit in
/// this one: a narrow centre (folder mode: page list and scan beside it) must not
/// leave a swatch at the end of one row and its name at the start of the next.
fn keep_together(ui: &mut Ui, label: &RichText) {
    let swatch = ui.text_style_height(&egui::TextStyle::Body);
    let text = egui::WidgetText::from(label.clone())
        .into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            egui::TextStyle::Body,
        )
        .size()
        .x;
    let need = swatch + ui.spacing().item_spacing.x + text;
    if ui.available_size_before_wrap().x < need {
        ui.end_row();
    }
}
