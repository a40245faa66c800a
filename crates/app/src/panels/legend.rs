//! The colour key above the text: one swatch per enabled rule, and the two marks.

use eframe::egui::{self, RichText, Ui};

use super::text_view::{break_icon, space_icon, swatch};
use crate::app::App;
use crate::i18n::{T, rule_name};
use jiaodui_core::engine::RuleId;

/// Returns the id of the legend's label, which also names the text editor.
pub fn show(ui: &mut Ui, app: &App) -> egui::Id {
    let lang = app.lang();
    let palette = app.palette();
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
                if !app.settings.engine.is_enabled(rule) {
                    continue;
                }
                // Undecodable bytes are rare (a damaged page): shown only when found.
                if rule == RuleId::BadBytes
                    && app.review.counts().get(&rule).copied().unwrap_or(0) == 0
                {
                    continue;
                }
                swatch(ui, palette, rule);
                ui.label(RichText::new(rule_name(rule, lang)).small())
                    .on_hover_text(rule.describe(lang));
                ui.add_space(6.0);
            }
            ui.separator();
            break_icon(ui, palette);
            ui.label(RichText::new(T::LegendBreak.get(lang)).small());
            space_icon(ui, palette);
            ui.label(RichText::new(T::LegendSpace.get(lang)).small());
            id
        })
        .inner;
    ui.separator();
    id
}
