//! One finding in full — rule, message, before → after, and its actions — as the
//! findings panel shows the selected one and the popup shows the one clicked in
//! the text: one drawing, so the two cannot drift apart.

use eframe::egui::{self, Button, RichText, Ui};

use super::findings::preview;
use super::text_view::swatch;
use jiaodui_core::engine::Finding;
use crate::app::App;
use crate::command::{Command, FindingIx};
use crate::i18n::{T, rule_name};

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
    ui.label(f.message.as_ref());
    let (before, after) = preview(app.doc.text(), f);
    egui::Grid::new(grid_id).num_columns(2).show(ui, |ui| {
        ui.label(RichText::new(T::Before.get(lang)).weak());
        ui.label(before);
        ui.end_row();
        ui.label(RichText::new(T::After.get(lang)).weak());
        ui.label(after.unwrap_or_else(|| T::NoFix.get(lang).to_owned()));
        ui.end_row();
    });
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
