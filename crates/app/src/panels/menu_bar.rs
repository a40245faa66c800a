//! File / Edit / View / Help. Every entry does something; entries that cannot act
//! right now (Undo with nothing to undo) are disabled, not hidden.

use eframe::egui::{self, Ui};

use crate::app::View;
use crate::command::Command;
use crate::desk::DeskCommand;
use crate::i18n::T;
use crate::panels::diff::DiffCommand;
use crate::settings::AppSettings;
use crate::shortcuts::Action;
use jiaodui_desk::review::Review;
use jiaodui_desk::structured::SourceKind;

/// What the menus read.
pub struct MenuInput<'a> {
    pub settings: &'a AppSettings,
    pub review: &'a Review,
    pub can_undo: bool,
    pub can_redo: bool,
    /// The source's format, when the page can be saved in it (File → Save in …).
    pub write_back: Option<SourceKind>,
    /// The find bar has matches (Edit → Replace all…).
    pub any_matches: bool,
    pub view: View,
    /// A recognition is under way (File → Recognize scan waits for it).
    pub recognizing: bool,
    pub desk: super::pages::DeskToggles,
}

pub fn show(ui: &mut Ui, input: &MenuInput, out: &mut Vec<Command>) {
    let settings = input.settings;
    let lang = settings.language;
    egui::Panel::top("menu-bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(T::File.get(lang), |ui| {
                if ui
                    .add(egui::Button::new(T::Open.get(lang)).shortcut_text(shortcut(Action::Open)))
                    .clicked()
                {
                    out.push(Command::OpenDialog);
                    ui.close();
                }
                super::pages::file_menu(ui, lang, out);
                if ui
                    .add_enabled(
                        !input.recognizing,
                        egui::Button::new(T::RecognizeScan.get(lang)),
                    )
                    .clicked()
                {
                    out.push(Command::Desk(DeskCommand::RecognizeDialog));
                    ui.close();
                }
                ui.menu_button(T::Recent.get(lang), |ui| {
                    if settings.recent.is_empty() {
                        ui.add_enabled(false, egui::Button::new(T::NoRecent.get(lang)));
                    }
                    for path in &settings.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            out.push(Command::OpenPath(path.clone()));
                            ui.close();
                        }
                    }
                    if !settings.recent.is_empty() {
                        ui.separator();
                        if ui.button(T::ClearRecent.get(lang)).clicked() {
                            out.push(Command::ClearRecent);
                            ui.close();
                        }
                    }
                });
                if ui.button(T::OpenSample.get(lang)).clicked() {
                    out.push(Command::OpenSample);
                    ui.close();
                }
                ui.separator();
                if ui
                    .add(egui::Button::new(T::Save.get(lang)).shortcut_text(shortcut(Action::Save)))
                    .clicked()
                {
                    out.push(Command::Save);
                    ui.close();
                }
                if ui
                    .add(
                        egui::Button::new(T::SaveAs.get(lang))
                            .shortcut_text(shortcut(Action::SaveAs)),
                    )
                    .clicked()
                {
                    out.push(Command::SaveAs);
                    ui.close();
                }
                // hOCR, ALTO, PAGE XML, TSV, PaddleOCR: the same file with the
                // corrections in its elements.
                if let Some(kind) = input.write_back
                    && ui
                        .button(format!("{} ({})…", T::SaveAsSource.get(lang), kind.name()))
                        .on_hover_text(T::SaveAsSourceHint.get(lang))
                        .clicked()
                {
                    out.push(Command::SaveWriteBack);
                    ui.close();
                }
                if ui.button(T::ExportReport.get(lang)).clicked() {
                    out.push(Command::Diff(DiffCommand::Export));
                    ui.close();
                }
                super::pages::export_menu(ui, lang, input.desk.folder_open, out);
                ui.separator();
                if ui
                    .add(egui::Button::new(T::Quit.get(lang)).shortcut_text(shortcut(Action::Quit)))
                    .clicked()
                {
                    out.push(Command::Quit);
                    ui.close();
                }
            });
            ui.menu_button(T::Edit.get(lang), |ui| {
                let undo =
                    egui::Button::new(T::Undo.get(lang)).shortcut_text(shortcut(Action::Undo));
                if ui.add_enabled(input.can_undo, undo).clicked() {
                    out.push(Command::Undo);
                    ui.close();
                }
                let redo =
                    egui::Button::new(T::Redo.get(lang)).shortcut_text(shortcut(Action::Redo));
                if ui.add_enabled(input.can_redo, redo).clicked() {
                    out.push(Command::Redo);
                    ui.close();
                }
                ui.separator();
                // Worked out only while the menu is open: it builds the whole change.
                let any_fix = !crate::app::apply_all_change(
                    input.review.findings(),
                    settings.apply_suspects_from_percent,
                )
                .is_empty();
                if ui
                    .add_enabled(any_fix, egui::Button::new(T::ApplyAllFindings.get(lang)))
                    .clicked()
                {
                    out.push(Command::ApplyEverything);
                    ui.close();
                }
                let any = !input.review.findings().is_empty();
                if ui
                    .add_enabled(
                        any,
                        egui::Button::new(T::NextFinding.get(lang))
                            .shortcut_text(shortcut(Action::NextFinding)),
                    )
                    .clicked()
                {
                    out.push(Command::Next);
                    ui.close();
                }
                if ui
                    .add_enabled(
                        any,
                        egui::Button::new(T::PrevFinding.get(lang))
                            .shortcut_text(shortcut(Action::PrevFinding)),
                    )
                    .clicked()
                {
                    out.push(Command::Prev);
                    ui.close();
                }
                super::find_bar::edit_menu(ui, lang, input.any_matches, out);
            });
            ui.menu_button(T::View.get(lang), |ui| {
                if ui
                    .radio(input.view == View::Text, T::TextView.get(lang))
                    .clicked()
                {
                    out.push(Command::ShowView(View::Text));
                    ui.close();
                }
                if ui
                    .radio(input.view == View::Diff, T::DiffView.get(lang))
                    .clicked()
                {
                    out.push(Command::ShowView(View::Diff));
                    ui.close();
                }
                ui.separator();
                let mut shown = settings.show_findings;
                if ui
                    .checkbox(&mut shown, T::FindingsPanel.get(lang))
                    .changed()
                {
                    let mut s = settings.clone();
                    s.show_findings = shown;
                    out.push(Command::SetSettings(Box::new(s)));
                    ui.close();
                }
                super::pages::view_menu(ui, lang, input.desk, out);
                ui.separator();
                if ui.button(T::Settings.get(lang)).clicked() {
                    out.push(Command::ShowSettings(true));
                    ui.close();
                }
            });
            ui.menu_button(T::Help.get(lang), |ui| {
                if ui.button(T::Shortcuts.get(lang)).clicked() {
                    out.push(Command::ShowShortcuts(true));
                    ui.close();
                }
                if ui.button(T::About.get(lang)).clicked() {
                    out.push(Command::ShowAbout(true));
                    ui.close();
                }
            });
        });
    });
}

fn shortcut(action: Action) -> &'static str {
    crate::shortcuts::text(action)
}
