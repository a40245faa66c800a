//! File / Edit / View / Help. Every entry does something; entries that cannot act
//! right now (Undo with nothing to undo) are disabled, not hidden.

use eframe::egui::{self, Ui};

use crate::app::App;
use crate::app::View;
use crate::command::Command;
use crate::desk::DeskCommand;
use crate::i18n::T;
use crate::panels::diff::DiffCommand;
use crate::shortcuts::Action;

pub fn show(ui: &mut Ui, app: &App, out: &mut Vec<Command>) {
    let lang = app.lang();
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
                super::pages::file_menu(ui, app, out);
                if ui
                    .add_enabled(
                        app.desk.recognition.is_none(),
                        egui::Button::new(T::RecognizeScan.get(lang)),
                    )
                    .clicked()
                {
                    out.push(Command::Desk(DeskCommand::RecognizeDialog));
                    ui.close();
                }
                ui.menu_button(T::Recent.get(lang), |ui| {
                    if app.settings.recent.is_empty() {
                        ui.add_enabled(false, egui::Button::new(T::NoRecent.get(lang)));
                    }
                    for path in &app.settings.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            out.push(Command::OpenPath(path.clone()));
                            ui.close();
                        }
                    }
                    if !app.settings.recent.is_empty() {
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
                if let Some(kind) = app
                    .doc
                    .structured()
                    .map(|s| s.kind)
                    .filter(|_| app.can_write_back())
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
                super::pages::export_menu(ui, app, out);
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
                if ui.add_enabled(app.doc.can_undo(), undo).clicked() {
                    out.push(Command::Undo);
                    ui.close();
                }
                let redo =
                    egui::Button::new(T::Redo.get(lang)).shortcut_text(shortcut(Action::Redo));
                if ui.add_enabled(app.doc.can_redo(), redo).clicked() {
                    out.push(Command::Redo);
                    ui.close();
                }
                ui.separator();
                let any_fix = app.can_apply_all();
                if ui
                    .add_enabled(any_fix, egui::Button::new(T::ApplyAllFindings.get(lang)))
                    .clicked()
                {
                    out.push(Command::ApplyEverything);
                    ui.close();
                }
                let any = !app.review.findings().is_empty();
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
                super::find_bar::edit_menu(ui, lang, !app.find.matches().is_empty(), out);
            });
            ui.menu_button(T::View.get(lang), |ui| {
                if ui
                    .radio(app.view == View::Text, T::TextView.get(lang))
                    .clicked()
                {
                    out.push(Command::ShowView(View::Text));
                    ui.close();
                }
                if ui
                    .radio(app.view == View::Diff, T::DiffView.get(lang))
                    .clicked()
                {
                    out.push(Command::ShowView(View::Diff));
                    ui.close();
                }
                ui.separator();
                let mut shown = app.settings.show_findings;
                if ui
                    .checkbox(&mut shown, T::FindingsPanel.get(lang))
                    .changed()
                {
                    let mut s = app.settings.clone();
                    s.show_findings = shown;
                    out.push(Command::SetSettings(Box::new(s)));
                    ui.close();
                }
                super::pages::view_menu(ui, app, out);
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
