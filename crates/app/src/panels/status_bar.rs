//! Bottom line: file, encoding, line endings, findings left by rule, unsaved marker,
//! the recognition under way (spinner, page i/n, Cancel), and the last message
//! (saved to…, settings problems).

use eframe::egui::{self, RichText, Ui};

use crate::app::App;
use crate::command::Command;
use crate::desk::DeskCommand;
use crate::i18n::{T, rule_name};

pub fn show(ui: &mut Ui, app: &App, out: &mut Vec<Command>) {
    let lang = app.lang();
    egui::Panel::bottom("status-bar").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            let name = if app.is_sample {
                format!("{} ({})", app.name, T::SampleName.get(lang))
            } else {
                app.name.clone()
            };
            ui.label(RichText::new(name).strong()).on_hover_text(
                app.doc
                    .path
                    .as_deref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
            );
            ui.separator();
            ui.label(app.doc.format.encoding.label());
            ui.separator();
            ui.label(app.doc.format.line_ending.label());
            ui.separator();
            let palette = app.palette();
            for (rule, n) in app.review.counts() {
                ui.label(
                    RichText::new(format!("{} {n}", rule_name(*rule, lang)))
                        .color(palette.hue(*rule)),
                )
                .on_hover_text(rule.as_str());
            }
            if app.review.findings().is_empty() {
                ui.label(T::NoFindings.get(lang));
            }
            if app.review.is_checking() {
                ui.label(RichText::new(T::Checking.get(lang)).weak());
            }
            ui.separator();
            if app.doc.is_modified() {
                ui.label(RichText::new(T::Unsaved.get(lang)).color(ui.visuals().warn_fg_color));
            } else {
                ui.label(RichText::new(T::Saved.get(lang)).weak());
            }
            if let Some(r) = &app.desk.recognition {
                ui.separator();
                ui.spinner();
                let name = r
                    .source
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let (page, pages) = r.page;
                let progress = if pages > 1 {
                    format!(" ({page}/{pages})")
                } else {
                    String::new()
                };
                ui.label(format!("{} {name}{progress}…", T::Recognizing.get(lang)))
                    .on_hover_text(r.source.display().to_string());
                if ui.small_button(T::Cancel.get(lang)).clicked() {
                    out.push(Command::Desk(DeskCommand::CancelRecognize));
                }
            }
            if let Some(msg) = &app.status {
                ui.separator();
                ui.label(msg);
            }
        });
    });
}
