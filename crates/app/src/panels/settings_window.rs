//! Settings: rules on/off, CJK–Latin spacing policy, font size, theme, language.
//! Edits a copy and sends it as one command, so the app re-checks and persists once.

use eframe::egui::{self};

use super::text_view::swatch;
use crate::app::App;
use crate::command::Command;
use crate::i18n::{Lang, T, rule_name};
use crate::settings::{FONT_SIZES, Theme};
use jiaodui_core::engine::{CjkLatinSpacing, RuleId};

pub fn show(ctx: &egui::Context, app: &App, out: &mut Vec<Command>) {
    if !app.show_settings {
        return;
    }
    let lang = app.lang();
    let palette = app.palette();
    let mut s = app.settings.clone();
    let mut open = true;
    egui::Window::new(T::Settings.get(lang).trim_end_matches('…'))
        .open(&mut open)
        .resizable(false)
        .show(ctx, |ui| {
            ui.heading(T::Rules.get(lang));
            for rule in RuleId::ALL {
                let mut on = s.engine.is_enabled(rule);
                ui.horizontal(|ui| {
                    swatch(ui, palette, rule);
                    if ui
                        .checkbox(&mut on, rule_name(rule, lang))
                        .on_hover_text(rule.describe(lang))
                        .changed()
                    {
                        s.engine.set_enabled(rule, on);
                    }
                });
            }
            ui.separator();
            ui.label(T::Spacing.get(lang));
            ui.horizontal(|ui| {
                ui.radio_value(
                    &mut s.engine.cjk_latin_spacing,
                    CjkLatinSpacing::Keep,
                    T::SpacingKeep.get(lang),
                );
                ui.radio_value(
                    &mut s.engine.cjk_latin_spacing,
                    CjkLatinSpacing::Remove,
                    T::SpacingRemove.get(lang),
                );
                ui.radio_value(
                    &mut s.engine.cjk_latin_spacing,
                    CjkLatinSpacing::Add,
                    T::SpacingAdd.get(lang),
                );
            });
            ui.separator();
            egui::Grid::new("settings-grid")
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label(T::FontSize.get(lang));
                    ui.add(egui::Slider::new(&mut s.font_size, FONT_SIZES).step_by(1.0));
                    ui.end_row();
                    ui.label(T::Theme.get(lang));
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut s.theme, Theme::Light, T::Light.get(lang));
                        ui.radio_value(&mut s.theme, Theme::Dark, T::Dark.get(lang));
                    });
                    ui.end_row();
                    ui.label(T::Language.get(lang));
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut s.language, Lang::Zh, "中文");
                        ui.radio_value(&mut s.language, Lang::En, "English");
                    });
                    ui.end_row();
                    // `low-confidence`: glyphs the OCR engine was less sure of than this.
                    ui.label(T::LowConfidenceBelow.get(lang));
                    ui.add(
                        egui::Slider::new(&mut s.engine.low_confidence_percent, 10..=99)
                            .suffix(" %"),
                    );
                    ui.end_row();
                });
        });
    if s != app.settings {
        out.push(Command::SetSettings(Box::new(s)));
    }
    if !open {
        out.push(Command::ShowSettings(false));
    }
}
