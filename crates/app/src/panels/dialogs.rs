//! Modal dialogs: the unsaved-changes question, path fields where no native file
//! dialog can be shown (open, save as, folder report), the About window, error
//! messages (failed open or save, damaged settings), the question before a save
//! writes over a file changed elsewhere, and the notice that the page is open in
//! another window.

use eframe::egui::{self, Align2, RichText};

use std::path::Path;

use crate::app::{Conflict, Dialog};
use crate::command::{Command, ConflictChoice, UnsavedChoice};
use crate::desk::DeskCommand;
use crate::i18n::{Lang, T};

/// What the dialogs read besides the dialog on screen.
pub struct DialogsInput<'a> {
    pub lang: Lang,
    /// The open page's file (a save there overwrites the original; Reload reads it).
    pub page_path: Option<&'a Path>,
    /// Help → About is open.
    pub about: bool,
}

/// Draws `dialog`; only its path fields are edited here (as the editor types),
/// everything else is a command.
pub fn show(
    ctx: &egui::Context,
    dialog: &mut Dialog,
    input: &DialogsInput,
    out: &mut Vec<Command>,
) {
    let lang = input.lang;
    let proposed_original = input.page_path;
    match dialog {
        Dialog::None => {}
        Dialog::Unsaved(_) => {
            modal(ctx, T::UnsavedTitle.get(lang), |ui| {
                ui.label(T::UnsavedQuestion.get(lang));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button(T::Save.get(lang)).clicked() {
                        out.push(Command::Unsaved(UnsavedChoice::Save));
                    }
                    if ui.button(T::Discard.get(lang)).clicked() {
                        out.push(Command::Unsaved(UnsavedChoice::Discard));
                    }
                    if ui.button(T::Cancel.get(lang)).clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape))
                    {
                        out.push(Command::Unsaved(UnsavedChoice::Cancel));
                    }
                });
            });
        }
        Dialog::OpenPath { path, no_native } => {
            let no_native = *no_native;
            modal(ctx, T::OpenTitle.get(lang), |ui| {
                if no_native {
                    ui.label(T::NoDialog.get(lang));
                }
                let submitted = path_field(ui, lang, path);
                ui.horizontal(|ui| {
                    if ui.button(T::Open.get(lang).trim_end_matches('…')).clicked() || submitted {
                        out.push(Command::OpenPath(path.trim().into()));
                    }
                    if ui.button(T::Cancel.get(lang)).clicked() {
                        out.push(Command::CloseDialog);
                    }
                });
            });
        }
        Dialog::SavePath {
            path,
            no_native,
            write_back,
        } => {
            let (no_native, write_back) = (*no_native, *write_back);
            let title = if write_back {
                T::SaveAsSourceTitle
            } else {
                T::SaveAsTitle
            };
            modal(ctx, title.get(lang), |ui| {
                if no_native {
                    ui.label(T::NoDialog.get(lang));
                }
                if write_back {
                    ui.label(RichText::new(T::SaveAsSourceHint.get(lang)).weak());
                }
                let submitted = path_field(ui, lang, path);
                let target = std::path::PathBuf::from(path.trim());
                if proposed_original.is_some_and(|o| o == target) {
                    ui.label(
                        RichText::new(T::OverwriteOriginal.get(lang))
                            .color(ui.visuals().warn_fg_color),
                    );
                }
                ui.horizontal(|ui| {
                    if ui.button(T::Save.get(lang)).clicked() || submitted {
                        out.push(if write_back {
                            Command::SaveWriteBackTo(target.clone())
                        } else {
                            Command::SaveTo(target.clone())
                        });
                    }
                    if ui.button(T::Cancel.get(lang)).clicked() {
                        out.push(Command::CloseDialog);
                    }
                });
            });
        }
        Dialog::FolderReportPath { path, no_native } => {
            let no_native = *no_native;
            modal(ctx, T::FolderReportTitle.get(lang), |ui| {
                if no_native {
                    ui.label(T::NoDialog.get(lang));
                }
                ui.label(T::FolderReportTo.get(lang));
                let submitted = path_field(ui, lang, path);
                ui.horizontal(|ui| {
                    if (ui.button(T::Export.get(lang)).clicked() || submitted)
                        && !path.trim().is_empty()
                    {
                        out.push(Command::Desk(DeskCommand::ExportFolderReportTo(
                            path.trim().into(),
                        )));
                    }
                    if ui.button(T::Cancel.get(lang)).clicked() {
                        out.push(Command::CloseDialog);
                    }
                });
            });
        }
        Dialog::RecognizePath { path, no_native } => {
            let no_native = *no_native;
            modal(ctx, T::RecognizeTitle.get(lang), |ui| {
                if no_native {
                    ui.label(T::NoDialog.get(lang));
                }
                let submitted = path_field(ui, lang, path);
                ui.horizontal(|ui| {
                    if (ui.button(T::Recognize.get(lang)).clicked() || submitted)
                        && !path.trim().is_empty()
                    {
                        out.push(Command::Desk(DeskCommand::RecognizePath(
                            path.trim().into(),
                        )));
                    }
                    if ui.button(T::Cancel.get(lang)).clicked() {
                        out.push(Command::CloseDialog);
                    }
                });
            });
        }
        Dialog::OfferRecognize(path) => {
            let path = path.clone();
            modal(ctx, T::ScanOnlyPdfTitle.get(lang), |ui| {
                ui.label(RichText::new(path.display().to_string()).strong());
                ui.label(T::ScanOnlyPdf.get(lang));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button(T::Recognize.get(lang)).clicked() {
                        out.push(Command::Desk(DeskCommand::RecognizePath(path.clone())));
                    }
                    if ui.button(T::Cancel.get(lang)).clicked() {
                        out.push(Command::CloseDialog);
                    }
                });
            });
        }
        Dialog::WriteBackIncomplete => {
            modal(ctx, T::WriteBackIncompleteTitle.get(lang), |ui| {
                ui.label(T::WriteBackIncomplete.get(lang));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button(T::SaveAsText.get(lang)).clicked() {
                        out.push(Command::SaveAs);
                    }
                    if ui.button(T::Cancel.get(lang)).clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape))
                    {
                        out.push(Command::CloseDialog);
                    }
                });
            });
        }
        Dialog::SaveConflict { path, conflict, .. } => {
            let (path, conflict) = (path.clone(), *conflict);
            let (title, text) = match conflict {
                Conflict::Changed => (T::ChangedOnDiskTitle, T::ChangedOnDiskText),
                Conflict::Deleted => (T::DeletedOnDiskTitle, T::DeletedOnDiskText),
                Conflict::Exists => (T::ExistsTitle, T::ExistsText),
            };
            // Reload reads the page's own file (not another file it was to be saved to).
            let can_reload =
                conflict == Conflict::Changed && input.page_path == Some(path.as_path());
            modal(ctx, title.get(lang), |ui| {
                ui.label(RichText::new(path.display().to_string()).monospace());
                ui.add_space(4.0);
                ui.label(text.get(lang));
                if can_reload {
                    ui.label(RichText::new(T::ReloadNote.get(lang)).weak());
                }
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if can_reload && ui.button(T::ReloadFromDisk.get(lang)).clicked() {
                        out.push(Command::SaveConflict(ConflictChoice::Reload));
                    }
                    let overwrite = match conflict {
                        Conflict::Deleted => T::SaveAgainHere,
                        _ => T::Overwrite,
                    };
                    if ui.button(overwrite.get(lang)).clicked() {
                        out.push(Command::SaveConflict(ConflictChoice::Overwrite));
                    }
                    if ui.button(T::SaveAs.get(lang)).clicked() {
                        out.push(Command::SaveConflict(ConflictChoice::SaveAs));
                    }
                    if ui.button(T::Cancel.get(lang)).clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape))
                    {
                        out.push(Command::SaveConflict(ConflictChoice::Cancel));
                    }
                });
            });
        }
        Dialog::OpenElsewhere(owner) => {
            let owner = owner.clone();
            modal(ctx, T::OpenElsewhereTitle.get(lang), |ui| {
                ui.label(T::OpenElsewhereText.get(lang));
                let since = jiaodui_desk::session::local_time(owner.since).unwrap_or_default();
                ui.label(
                    RichText::new(format!(
                        "{} {} @ {}, {} {since}",
                        T::OpenElsewhereProcess.get(lang),
                        owner.pid,
                        owner.host,
                        T::OpenElsewhereSince.get(lang),
                    ))
                    .weak(),
                );
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button(T::OpenAnyway.get(lang)).clicked() {
                        out.push(Command::OpenElsewhere(true));
                    }
                    if ui.button(T::ClosePage.get(lang)).clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape))
                    {
                        out.push(Command::OpenElsewhere(false));
                    }
                });
            });
        }
        Dialog::Error { title, message } => {
            let (title, message) = (*title, message.clone());
            modal(ctx, title.get(lang), |ui| {
                ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
                ui.add_space(8.0);
                if ui.button(T::Close.get(lang)).clicked() {
                    out.push(Command::CloseDialog);
                }
            });
        }
    }
    if input.about {
        let mut open = true;
        egui::Window::new(T::About.get(lang))
            .id(egui::Id::unique("about-window"))
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(T::AboutText.get(lang));
                ui.label(format!(
                    "{} {}",
                    T::Version.get(lang),
                    env!("CARGO_PKG_VERSION")
                ));
            });
        if !open {
            out.push(Command::ShowAbout(false));
        }
    }
}

/// A path text field; true when Enter was pressed in it.
fn path_field(ui: &mut egui::Ui, lang: crate::i18n::Lang, path: &mut String) -> bool {
    ui.horizontal(|ui| {
        let label = ui.label(T::PathLabel.get(lang));
        let r = ui
            .add(
                egui::TextEdit::singleline(path)
                    .desired_width(420.0)
                    .id_salt("path-field"),
            )
            .labelled_by(label.id);
        r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
    })
    .inner
}

fn modal(ctx: &egui::Context, title: &str, body: impl FnOnce(&mut egui::Ui)) {
    egui::Modal::new(egui::Id::unique("jiaodui-modal")).show(ctx, |ui| {
        ui.set_min_width(360.0);
        ui.heading(title);
        ui.add_space(6.0);
        body(ui);
    });
    let _ = Align2::CENTER_CENTER;
}
