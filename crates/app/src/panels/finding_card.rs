//! One finding in full — rule, message, before → after, and its actions — as the
//! findings panel shows the selected one and the popup shows the one clicked in
//! the text: one drawing, so the two cannot drift apart.

use eframe::egui::{self, Button, RichText, Ui};

use super::findings::preview;
use super::text_view::swatch;
use crate::app::App;
use crate::command::{Command, FindingIx};
use crate::i18n::{T, rule_name};
use jiaodui_core::engine::Finding;

/// The rule's colour swatch, name and stable id, laid out in the current row.
pub fn heading(ui: &mut Ui, app: &App, f: &Finding) {
    let palette = app.palette();
    swatch(ui, palette, f.rule);
    ui.label(
        RichText::new(rule_name(f.rule, app.lang()))
            .strong()
            .color(palette.hue(f.rule)),
    );
    ui.label(RichText::new(f.rule.as_str()).weak().small());
}

/// The message, the before → after preview and the buttons (Apply, Ignore, Apply
/// all of the rule) for finding `ix`. `grid_id` keeps two cards on one screen apart.
pub fn details(
    ui: &mut Ui,
    app: &App,
    ix: FindingIx,
    f: &Finding,
    grid_id: &str,
    out: &mut Vec<Command>,
) {
    let lang = app.lang();
    ui.label(f.message.render(app.lang()));
    let (before, after) = preview(app.doc.text(), f);
    egui::Grid::new(grid_id).num_columns(2).show(ui, |ui| {
        ui.label(RichText::new(T::Before.get(lang)).weak());
        ui.label(before);
        ui.end_row();
        ui.label(RichText::new(T::After.get(lang)).weak());
        ui.label(after.unwrap_or_else(|| T::NoFix.get(lang).to_owned()));
        ui.end_row();
    });
    if let Some(suggest) = &f.suggest {
        // Candidates of a suspect glyph: a click (or keys 1–3) puts one in.
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(T::Candidates.get(lang)).weak());
            for (k, c) in suggest.candidates.iter().enumerate() {
                let text = if c.text.is_empty() {
                    T::DeleteGlyph.get(lang)
                } else {
                    c.text.as_str()
                };
                let label = if k < 3 {
                    format!("{} {text}", k + 1)
                } else {
                    text.to_owned()
                };
                if ui.button(label).clicked() {
                    out.push(Command::ApplyCandidate(ix, k));
                }
            }
        });
        if app.popup.is_some() {
            let keys = [egui::Key::Num1, egui::Key::Num2, egui::Key::Num3];
            for (k, key) in keys.into_iter().enumerate().take(suggest.candidates.len()) {
                if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key)) {
                    out.push(Command::ApplyCandidate(ix, k));
                }
            }
        }
    }
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(f.is_fixable(), Button::new(T::Apply.get(lang)))
            .clicked()
        {
            out.push(Command::Apply(ix));
        }
        if ui.button(T::Ignore.get(lang)).clicked() {
            out.push(Command::Ignore(ix));
        }
        if ui.button(T::ApplyAllOfRule.get(lang)).clicked() {
            out.push(Command::ApplyRule(f.rule));
        }
    });
}
