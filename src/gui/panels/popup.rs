//! The popup of a finding clicked in the text: rule, message, before → after,
//! Apply / Ignore / Apply all of this rule.

use eframe::egui::{self, Button, RichText};

use super::findings::preview;
use super::icons::{Icon, icon_button};
use super::text_view::swatch;
use crate::gui::app::App;
use crate::gui::command::Command;
use crate::gui::i18n::{T, rule_name};

pub fn show(ctx: &egui::Context, app: &App, out: &mut Vec<Command>) {
    let Some(popup) = app.popup else { return };
    let Some(f) = app.review.findings().get(popup.finding) else {
        return;
    };
    let lang = app.lang();
    let palette = app.palette();
    let area = egui::Area::new(egui::Id::unique("finding-popup"))
        .order(egui::Order::Foreground)
        .fixed_pos(popup.pos)
        .constrain(true)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(420.0);
                ui.horizontal(|ui| {
                    swatch(ui, palette, f.rule);
                    ui.label(
                        RichText::new(rule_name(f.rule, lang))
                            .strong()
                            .color(palette.hue(f.rule)),
                    );
                    ui.label(RichText::new(f.rule.as_str()).weak().small());
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if icon_button(ui, Icon::Cross, T::Close.get(lang), true).clicked() {
                            out.push(Command::ClosePopup);
                        }
                    });
                });
                ui.label(f.message.as_ref());
                let (before, after) = preview(app.doc.text(), f);
                egui::Grid::new("popup-before-after")
                    .num_columns(2)
                    .show(ui, |ui| {
                        ui.label(RichText::new(T::Before.get(lang)).weak());
                        ui.label(before);
                        ui.end_row();
                        ui.label(RichText::new(T::After.get(lang)).weak());
                        ui.label(after.unwrap_or_else(|| T::NoFix.get(lang).to_owned()));
                        ui.end_row();
                    });
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(f.is_fixable(), Button::new(T::Apply.get(lang)))
                        .clicked()
                    {
                        out.push(Command::Apply(popup.finding));
                    }
                    if ui.button(T::Ignore.get(lang)).clicked() {
                        out.push(Command::Ignore(popup.finding));
                    }
                    if ui.button(T::ApplyAllOfRule.get(lang)).clicked() {
                        out.push(Command::ApplyRule(f.rule));
                    }
                });
            });
        });
    // A click elsewhere (outside the popup and not the click that opened it) closes it.
    let clicked_outside = ctx.input(|i| i.pointer.any_pressed())
        && ctx
            .pointer_interact_pos()
            .is_some_and(|p| !area.response.rect.contains(p))
        && !ctx.input(|i| {
            i.pointer
                .press_origin()
                .is_some_and(|o| o.distance(popup.pos) < 1.0)
        });
    if clicked_outside
        && area.response.rect.is_positive()
        && !out.iter().any(|c| matches!(c, Command::Popup(..)))
    {
        out.push(Command::ClosePopup);
    }
}
