//! Edit → Go to line (Ctrl+G): a small window with the line number; a number
//! outside the page says which lines there are instead of going anywhere.

use eframe::egui::{self, Key, TextEdit};

use crate::command::Command;
use crate::i18n::{Lang, T};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GoToLineCommand {
    Open,
    Close,
    /// Go to the line typed in the field.
    Go,
}

/// The dialog's state.
#[derive(Default)]
pub struct GoToLine {
    pub open: bool,
    pub input: String,
    /// Why the last Go went nowhere.
    pub error: Option<String>,
    pub focus: bool,
}

/// Id of the line number field (focus, tests).
pub fn field_id() -> egui::Id {
    egui::Id::unique("go-to-line-field")
}

pub fn show(ctx: &egui::Context, state: &mut GoToLine, lang: Lang, out: &mut Vec<Command>) {
    if !state.open {
        return;
    }
    let mut open = true;
    egui::Window::new(T::GoToLineTitle.get(lang))
        .id(egui::Id::unique("go-to-line"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label(T::LineNumber.get(lang));
                let field = ui
                    .add(
                        TextEdit::singleline(&mut state.input)
                            .id(field_id())
                            .desired_width(90.0),
                    )
                    .labelled_by(label.id);
                if std::mem::take(&mut state.focus) {
                    field.request_focus();
                }
                let (enter, esc) =
                    ui.input(|i| (i.key_pressed(Key::Enter), i.key_pressed(Key::Escape)));
                if field.lost_focus() && enter {
                    out.push(Command::GoToLine(GoToLineCommand::Go));
                } else if field.lost_focus() && esc {
                    out.push(Command::GoToLine(GoToLineCommand::Close));
                }
                if ui.button(T::GoButton.get(lang)).clicked() {
                    out.push(Command::GoToLine(GoToLineCommand::Go));
                }
            });
            if let Some(e) = &state.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
        });
    if !open {
        out.push(Command::GoToLine(GoToLineCommand::Close));
    }
}
