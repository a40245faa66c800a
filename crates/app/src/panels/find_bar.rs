//! The find bar (Ctrl+F; Ctrl+H adds the replace row) and the preview of a
//! folder-wide replace. The bar owns what the editor types into it; the matches
//! are found by `jiaodui_core::find` and memoized by (document revision, pattern,
//! options), so a frame without a change finds nothing again. What the buttons and
//! keys do is applied by the app (`app/find_ops.rs`).

use std::ops::Range;

use eframe::egui::{self, Key, TextEdit, Ui};

use super::icons::{Icon, icon_button};
use crate::command::Command;
use crate::i18n::{Lang, T};
use jiaodui_core::find::{FindError, FindOptions, Finder};

#[derive(Clone, Debug, PartialEq)]
pub enum FindCommand {
    /// Show the bar (with the replace row when `replace`), the pattern field
    /// focused; `seed` is put in the pattern (the selection, "Find this").
    Open {
        replace: bool,
        seed: Option<String>,
    },
    Close,
    /// The pattern or an option changed: go to the first match from where the
    /// search started.
    Changed,
    Next,
    Prev,
    /// Replace the current match and go to the next one.
    ReplaceOne,
    /// Replace every match in the page: one undo step.
    ReplaceAll,
    /// Whole folder: list every change in every page before making any.
    FolderPreview,
    /// Make the changes the preview lists.
    FolderApply,
    FolderCancel,
}

/// The matches of one (text revision, pattern, options).
#[derive(Default)]
struct Memo {
    key: Option<(u64, String, FindOptions)>,
    finder: Option<Finder>,
    error: Option<String>,
    matches: Vec<Range<usize>>,
}

/// One row of the folder preview.
#[derive(Clone, Debug)]
pub struct PreviewRow {
    pub page: String,
    pub line: usize,
    pub before: String,
    pub after: String,
}

/// A folder-wide replace waiting for the editor's go-ahead.
pub struct FolderPreview {
    pub rows: Vec<PreviewRow>,
    pub pages: usize,
    /// (page name, why) for pages left out.
    pub skipped: Vec<(String, T)>,
    /// The open page's text revision the rows were found in (its changes are made
    /// only onto that text).
    pub revision: u64,
    pub this_page: usize,
    pub plan: jiaodui_desk::folder_replace::Plan,
    pub finder: Finder,
    pub template: String,
}

/// The find bar's state.
#[derive(Default)]
pub struct FindBar {
    pub open: bool,
    /// The replace row is shown (Ctrl+H).
    pub replace: bool,
    pub pattern: String,
    pub replacement: String,
    pub options: FindOptions,
    /// Replace across the folder's pages (only when a folder is open).
    pub whole_folder: bool,
    /// Index of the current match in [`FindBar::matches`].
    pub current: Option<usize>,
    /// Byte where the search started: a changed pattern finds from here.
    pub anchor: usize,
    /// Focus the pattern field in the next frame.
    pub focus: bool,
    memo: Memo,
    pub folder: Option<FolderPreview>,
    /// An error line was drawn in the last frame.
    error_shown: bool,
}

impl FindBar {
    /// Finds the pattern in `text` unless this (revision, pattern, options) was
    /// searched last.
    pub fn refresh(&mut self, text: &str, revision: u64) {
        let key = (revision, self.pattern.clone(), self.options);
        if self.memo.key.as_ref() == Some(&key) {
            return;
        }
        let (finder, error) = match Finder::new(&self.pattern, self.options) {
            Ok(f) => (f, None),
            Err(FindError::Pattern(m)) => (None, Some(m)),
        };
        self.memo.matches = finder.as_ref().map_or_else(Vec::new, |f| f.matches(text));
        self.memo.finder = finder;
        self.memo.error = error;
        self.memo.key = Some(key);
        if self.current.is_some_and(|c| c >= self.memo.matches.len()) {
            self.current = None;
        }
    }

    /// Forget the memo (another document was opened: its revisions start over).
    pub fn forget(&mut self) {
        self.memo = Memo::default();
        self.current = None;
        self.folder = None;
    }

    pub fn matches(&self) -> &[Range<usize>] {
        &self.memo.matches
    }

    pub fn finder(&self) -> Option<&Finder> {
        self.memo.finder.as_ref()
    }

    /// Why the pattern does not compile (the regex crate's words).
    pub fn error(&self) -> Option<&str> {
        self.memo.error.as_deref()
    }

    pub fn current_range(&self) -> Option<Range<usize>> {
        self.matches().get(self.current?).cloned()
    }

    /// "7 / 23", "– / 23", or "No matches".
    pub fn count_text(&self, lang: Lang) -> String {
        let n = self.matches().len();
        match (n, self.current) {
            (0, _) => T::NoMatches.get(lang).to_owned(),
            (n, Some(c)) => format!("{} / {n}", c + 1),
            (n, None) => format!("– / {n}"),
        }
    }
}

/// Id of the pattern field (focus, tests).
pub fn pattern_id() -> egui::Id {
    egui::Id::unique("find-bar-pattern")
}

/// The bar, above the text, when open.
pub fn show(ui: &mut Ui, bar: &mut FindBar, lang: Lang, folder_open: bool, out: &mut Vec<Command>) {
    if !bar.open {
        return;
    }
    egui::Panel::top("find-bar").show(ui, |ui| {
        ui.add_space(2.0);
        // Wrapped: beside the page list and the findings panel the text column is narrow.
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(T::FindLabel.get(lang));
            let field = ui
                .add(
                    TextEdit::singleline(&mut bar.pattern)
                        .id(pattern_id())
                        .desired_width(200.0),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut bar.focus) {
                field.request_focus();
            }
            if field.changed() {
                out.push(Command::Find(FindCommand::Changed));
            }
            // Enter finds on, Shift+Enter back; the field keeps the keyboard.
            if field.lost_focus() {
                let (enter, shift, esc) = ui.input(|i| {
                    (
                        i.key_pressed(Key::Enter),
                        i.modifiers.shift,
                        i.key_pressed(Key::Escape),
                    )
                });
                if enter {
                    out.push(Command::Find(if shift {
                        FindCommand::Prev
                    } else {
                        FindCommand::Next
                    }));
                    bar.focus = true;
                } else if esc {
                    out.push(Command::Find(FindCommand::Close));
                }
            }
            let count = bar.count_text(lang);
            ui.label(count).on_hover_text(T::MatchCount.get(lang));
            let any = !bar.matches().is_empty();
            if icon_button(ui, Icon::Up, T::PrevMatch.get(lang), any).clicked() {
                out.push(Command::Find(FindCommand::Prev));
            }
            if icon_button(ui, Icon::Down, T::NextMatch.get(lang), any).clicked() {
                out.push(Command::Find(FindCommand::Next));
            }
            ui.separator();
            let mut options = bar.options;
            ui.checkbox(&mut options.regex, T::RegexOption.get(lang))
                .on_hover_text(T::RegexHint.get(lang));
            ui.checkbox(&mut options.match_case, T::MatchCase.get(lang));
            if options != bar.options {
                bar.options = options;
                out.push(Command::Find(FindCommand::Changed));
            }
            if folder_open {
                ui.checkbox(&mut bar.whole_folder, T::InFolder.get(lang));
            }
            let close = super::icons::icon_button(
                ui,
                super::icons::Icon::Cross,
                T::CloseFind.get(lang),
                true,
            );
            if close.clicked() {
                out.push(Command::Find(FindCommand::Close));
            }
        });
        if bar.replace {
            ui.horizontal_wrapped(|ui| {
                let label = ui.label(T::ReplaceWith.get(lang));
                ui.add(TextEdit::singleline(&mut bar.replacement).desired_width(200.0))
                    .labelled_by(label.id);
                let any = !bar.matches().is_empty();
                let folder = folder_open && bar.whole_folder;
                if folder {
                    let ok = bar.finder().is_some();
                    if ui
                        .add_enabled(ok, egui::Button::new(T::PreviewFolder.get(lang)))
                        .clicked()
                    {
                        out.push(Command::Find(FindCommand::FolderPreview));
                    }
                } else {
                    if ui
                        .add_enabled(any, egui::Button::new(T::ReplaceOne.get(lang)))
                        .clicked()
                    {
                        out.push(Command::Find(FindCommand::ReplaceOne));
                    }
                    if ui
                        .add_enabled(any, egui::Button::new(T::ReplaceAllMatches.get(lang)))
                        .clicked()
                    {
                        out.push(Command::Find(FindCommand::ReplaceAll));
                    }
                }
            });
        }
        // The bar grows by the message's line: lay it out again at once.
        if bar.error().is_some() != bar.error_shown {
            bar.error_shown = bar.error().is_some();
            ui.ctx().request_repaint();
        }
        if let Some(e) = bar.error() {
            // The regex crate's message spans lines (a caret under the pattern).
            let message = format!("{}: {}", T::InvalidPattern.get(lang), e.replace('\n', " "));
            ui.colored_label(ui.visuals().error_fg_color, message);
        }
        ui.add_space(2.0);
    });
}

/// Edit menu: Find…, Replace…, Find next / previous, Go to line…, with the keys
/// from the shortcut table.
pub fn edit_menu(ui: &mut Ui, lang: Lang, any_match: bool, out: &mut Vec<Command>) {
    use crate::shortcuts::{Action, text};
    ui.separator();
    let entries = [
        (
            T::FindMenu,
            Action::Find,
            true,
            Command::Find(FindCommand::Open {
                replace: false,
                seed: None,
            }),
        ),
        (
            T::ReplaceMenu,
            Action::Replace,
            true,
            Command::Find(FindCommand::Open {
                replace: true,
                seed: None,
            }),
        ),
        (
            T::FindNextMenu,
            Action::FindNext,
            any_match,
            Command::Find(FindCommand::Next),
        ),
        (
            T::FindPrevMenu,
            Action::FindPrev,
            any_match,
            Command::Find(FindCommand::Prev),
        ),
        (
            T::GoToLineMenu,
            Action::GoToLine,
            true,
            Command::GoToLine(super::goto_line::GoToLineCommand::Open),
        ),
    ];
    for (label, action, enabled, command) in entries {
        let button = egui::Button::new(label.get(lang)).shortcut_text(text(action));
        if ui.add_enabled(enabled, button).clicked() {
            out.push(command);
            ui.close();
        }
    }
}

/// The folder-wide replace's preview: every change (page, line, before → after),
/// the pages left out and why, then Make these changes / Cancel.
pub fn show_folder_preview(ctx: &egui::Context, bar: &FindBar, lang: Lang, out: &mut Vec<Command>) {
    let Some(p) = &bar.folder else {
        return;
    };
    let mut open = true;
    egui::Window::new(T::FolderReplaceTitle.get(lang))
        .id(egui::Id::unique("folder-replace-preview"))
        .open(&mut open)
        .collapsible(false)
        .default_size([760.0, 460.0])
        .default_pos([240.0, 90.0])
        .show(ctx, |ui| {
            ui.strong(crate::i18n::changes_in_pages(p.rows.len(), p.pages, lang));
            ui.label(T::FolderReplaceNote.get(lang));
            ui.separator();
            if p.rows.is_empty() {
                ui.label(T::NothingToReplace.get(lang));
            } else {
                let widths = [150.0, 50.0];
                let rest = ((ui.available_width() - widths[0] - widths[1] - 24.0) / 2.0).max(120.0);
                ui.horizontal(|ui| {
                    for (t, w) in [
                        (T::ColPage, widths[0]),
                        (T::ColLine, widths[1]),
                        (T::ColBefore, rest),
                        (T::ColAfter, rest),
                    ] {
                        ui.add_sized(
                            [w, 18.0],
                            egui::Label::new(egui::RichText::new(t.get(lang)).strong()),
                        );
                    }
                });
                let row_h = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
                egui::ScrollArea::vertical()
                    .id_salt("folder-replace-rows")
                    .max_height(300.0)
                    .auto_shrink([false, true])
                    .show_rows(ui, row_h, p.rows.len(), |ui, range| {
                        for r in &p.rows[range] {
                            ui.horizontal(|ui| {
                                ui.add_sized(
                                    [widths[0], row_h],
                                    egui::Label::new(&r.page).truncate(),
                                );
                                ui.add_sized(
                                    [widths[1], row_h],
                                    egui::Label::new(r.line.to_string()),
                                );
                                ui.add_sized([rest, row_h], egui::Label::new(&r.before).truncate());
                                ui.add_sized([rest, row_h], egui::Label::new(&r.after).truncate());
                            });
                        }
                    });
            }
            if !p.skipped.is_empty() {
                ui.separator();
                ui.label(egui::RichText::new(T::Skipped.get(lang)).strong());
                for (page, why) in &p.skipped {
                    ui.label(format!("{page}: {}", why.get(lang)));
                }
            }
            ui.separator();
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(
                        !p.rows.is_empty(),
                        egui::Button::new(T::MakeChanges.get(lang)),
                    )
                    .clicked()
                {
                    out.push(Command::Find(FindCommand::FolderApply));
                }
                if ui.button(T::Cancel.get(lang)).clicked() {
                    out.push(Command::Find(FindCommand::FolderCancel));
                }
            });
        });
    if !open {
        out.push(Command::Find(FindCommand::FolderCancel));
    }
}
