//! Help → Keyboard shortcuts.

use eframe::egui::{self, RichText};

use crate::app::App;
use crate::command::Command;
use crate::i18n::T;

/// Every shortcut the app handles (see `App::handle_shortcuts`), in display order.
pub const SHORTCUTS: [(&str, T); 13] = [
    ("F8", T::ShortcutNext),
    ("Shift+F8", T::ShortcutPrev),
    ("Enter", T::ShortcutApply),
    ("Delete", T::ShortcutIgnore),
    ("Esc", T::ShortcutLeaveText),
    ("Alt+↓", T::ShortcutNextChange),
    ("Alt+↑", T::ShortcutPrevChange),
    ("Ctrl+Z", T::ShortcutUndo),
    ("Ctrl+Shift+Z / Ctrl+Y", T::ShortcutRedo),
    ("Ctrl+S", T::ShortcutSave),
    ("Ctrl+Shift+S", T::ShortcutSaveAs),
    ("Ctrl+O", T::ShortcutOpen),
    ("Ctrl+Q", T::ShortcutQuit),
];

pub fn show(ctx: &egui::Context, app: &App, out: &mut Vec<Command>) {
    if !app.show_shortcuts {
        return;
    }
    let lang = app.lang();
    let mut open = true;
    egui::Window::new(T::Shortcuts.get(lang))
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
                    for (key, action) in SHORTCUTS {
                        ui.monospace(key);
                        ui.label(action.get(lang));
                        ui.end_row();
                    }
                    for (key, action) in crate::desk::SHORTCUTS {
                        ui.monospace(key);
                        ui.label(action.get(lang));
                        ui.end_row();
                    }
                });
        });
    if !open {
        out.push(Command::ShowShortcuts(false));
    }
}
