//! Bottom line: file, encoding, line endings, findings left by rule, unsaved marker,
//! the recognition under way (spinner, page i/n, Cancel), and the last message
//! (saved to…, settings problems).

use eframe::egui::{self, RichText, Ui};

use crate::command::Command;
use crate::desk::{DeskCommand, Recognition};
use crate::i18n::{Lang, T, rule_name};
use crate::palette::Palette;
use jiaodui_desk::document::Document;
use jiaodui_desk::review::Review;

/// What the status bar reads.
pub struct StatusInput<'a> {
    pub lang: Lang,
    pub palette: Palette,
    /// The page's display name, and whether it is the bundled sample.
    pub name: &'a str,
    pub is_sample: bool,
    pub doc: &'a Document,
    pub review: &'a Review,
    /// The recognition under way, if any.
    pub recognition: Option<&'a Recognition>,
    /// The last message (saved to…, settings problems).
    pub status: Option<&'a str>,
}

pub fn show(ui: &mut Ui, input: &StatusInput, out: &mut Vec<Command>) {
    let lang = input.lang;
    egui::Panel::bottom("status-bar").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            let name = if input.is_sample {
                format!("{} ({})", input.name, T::SampleName.get(lang))
            } else {
                input.name.to_owned()
            };
            ui.label(RichText::new(name).strong()).on_hover_text(
                input
                    .doc
                    .path
                    .as_deref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
            );
            ui.separator();
            ui.label(input.doc.format.encoding.label());
            ui.separator();
            ui.label(input.doc.format.line_ending.label());
            ui.separator();
            let palette = input.palette;
            for (rule, n) in input.review.counts() {
                ui.label(
                    RichText::new(format!("{} {n}", rule_name(*rule, lang)))
                        .color(palette.hue(*rule)),
                )
                .on_hover_text(rule.as_str());
            }
            if input.review.findings().is_empty() {
                ui.label(T::NoFindings.get(lang));
            }
            if input.review.is_checking() {
                ui.label(RichText::new(T::Checking.get(lang)).weak());
            }
            ui.separator();
            if input.doc.is_modified() {
                ui.label(RichText::new(T::Unsaved.get(lang)).color(ui.visuals().warn_fg_color));
            } else {
                ui.label(RichText::new(T::Saved.get(lang)).weak());
            }
            if let Some(r) = input.recognition {
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
            if let Some(msg) = input.status {
                ui.separator();
                ui.label(msg);
            }
        });
    });
}
