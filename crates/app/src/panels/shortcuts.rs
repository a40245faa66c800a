//! Help → Keyboard shortcuts: the rows of the one shortcut table.

use eframe::egui::{self, RichText};

use crate::command::Command;
use crate::i18n::{Lang, T};

/// The window, when `open`.
pub fn show(ctx: &egui::Context, open: bool, lang: Lang, out: &mut Vec<Command>) {
    if !open {
        return;
    }
    let mut open = true;
    egui::Window::new(T::Shortcuts.get(lang))
        .id(egui::Id::unique("shortcuts-window"))
        .open(&mut open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts-grid")
                .striped(true)
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label(RichText::new(T::Key.get(lang)).strong());
                    ui.label(RichText::new(T::Action.get(lang)).strong());
                    ui.end_row();
                    for b in crate::shortcuts::TABLE {
                        ui.monospace(b.text);
                        ui.label(b.label.get(lang));
                        ui.end_row();
                    }
                });
        });
    if !open {
        out.push(Command::ShowShortcuts(false));
    }
}
