//! How the app applies the find bar's and Go to line's commands: the current match
//! is scrolled to and selected in the text, a replace is one undo step, and a
//! folder-wide replace is previewed (every change in every page) before
//! `jiaodui_desk::folder_replace` writes the other pages' sessions (through
//! `jiaodui_desk::closed_page`, as All occurrences does).

use std::path::PathBuf;
use std::time::Duration;

use eframe::egui;

use super::{App, Dialog, View};
use crate::command::Command;
use crate::i18n::{self, T};
use crate::panels::find_bar::{FindCommand, FolderPreview, PreviewRow};
use crate::panels::goto_line::GoToLineCommand;
use crate::panels::text_view::editor_id;
use crate::shortcuts::{Action, consume};
use crate::status_message::StatusMessage;
use jiaodui_core::find;
use jiaodui_desk::closed_page::Skip;
use jiaodui_desk::folder_replace;
use jiaodui_desk::session::PageStatus;

impl App {
    /// Ctrl+F, Ctrl+H, F3 / Shift+F3, Ctrl+G (not while a dialog asks something).
    pub(super) fn find_shortcuts(&mut self, ctx: &egui::Context) {
        if self.dialog != Dialog::None {
            return;
        }
        let editing = ctx.memory(|m| m.has_focus(editor_id()));
        let mut found = Vec::new();
        ctx.input_mut(|i| {
            for (action, command) in [
                (
                    Action::Find,
                    FindCommand::Open {
                        replace: false,
                        seed: None,
                    },
                ),
                (
                    Action::Replace,
                    FindCommand::Open {
                        replace: true,
                        seed: None,
                    },
                ),
                (Action::FindPrev, FindCommand::Prev),
                (Action::FindNext, FindCommand::Next),
            ] {
                if consume(i, action) {
                    found.push(Command::Find(command));
                }
            }
            if consume(i, Action::GoToLine) {
                found.push(Command::GoToLine(GoToLineCommand::Open));
            }
            // Esc closes the bar when nothing nearer takes it (the text, a popup).
            if self.find.open && !editing && self.popup.is_none() && consume(i, Action::LeaveText) {
                found.push(Command::Find(FindCommand::Close));
            }
        });
        self.commands.extend(found);
    }

    pub(super) fn run_find(&mut self, ctx: &egui::Context, c: FindCommand) {
        // The bar's size and windows change with what this does: draw it at once.
        ctx.request_repaint();
        match c {
            FindCommand::Open { replace, seed } => {
                let selected = self.editor_selection(ctx);
                let f = &mut self.find;
                f.open = true;
                f.replace = replace;
                f.focus = true;
                f.current = None;
                f.anchor = selected.as_ref().map_or(self.desk.cursor, |(at, _)| *at);
                if let Some(s) = seed.or(selected.map(|(_, s)| s)) {
                    f.pattern = s;
                }
                self.find_from_anchor();
            }
            FindCommand::Close => {
                self.find.open = false;
                self.find.folder = None;
                // The editor takes the keyboard with the current match selected (an
                // editor without focus shows no selection, only the outline).
                self.selection.reveal = self.find.current_range();
                self.editor.focus = true;
            }
            FindCommand::Changed => {
                self.find.current = None;
                self.find_from_anchor();
            }
            FindCommand::Next | FindCommand::Prev => {
                if !self.find.open {
                    self.find.open = true;
                    self.find.focus = true;
                }
                self.step_match(c == FindCommand::Next);
            }
            FindCommand::ReplaceOne => self.replace_current(),
            FindCommand::ReplaceAll => {
                self.find.refresh(self.doc.text(), self.doc.revision());
                let Some(finder) = self.find.finder() else {
                    return;
                };
                let change = finder.replace_all(self.doc.text(), &self.find.replacement);
                let n = change.edits().len();
                self.commit(change, Duration::ZERO);
                self.find.current = None;
                self.status =
                    Some(StatusMessage::label(T::ReplaceAllMatches).text(format!(": {n}")));
            }
            FindCommand::FolderPreview => self.folder_preview(),
            FindCommand::FolderApply => self.folder_apply(),
            FindCommand::FolderCancel => self.find.folder = None,
        }
    }

    /// The editor's selection (start byte, text) when the editor has the keyboard
    /// and the selection is within one line: what Ctrl+F looks for.
    fn editor_selection(&self, ctx: &egui::Context) -> Option<(usize, String)> {
        if !ctx.memory(|m| m.has_focus(editor_id())) {
            return None;
        }
        let r = egui::TextEdit::load_state(ctx, editor_id())?
            .cursor
            .char_range()?;
        let (a, b) = (
            r.primary.index.min(r.secondary.index),
            r.primary.index.max(r.secondary.index),
        );
        let (a, b) = (
            self.text_view.byte_of_char(a.0)?,
            self.text_view.byte_of_char(b.0)?,
        );
        let s = self.doc.text().get(a..b)?;
        (!s.is_empty() && !s.contains('\n')).then(|| (a, s.to_owned()))
    }

    /// The first match at or after where the search started becomes current.
    fn find_from_anchor(&mut self) {
        self.find.refresh(self.doc.text(), self.doc.revision());
        self.find.current = find::next_from(self.find.matches(), self.find.anchor);
        self.reveal_match();
    }

    /// Next (or previous) match, wrapping around the page.
    fn step_match(&mut self, forward: bool) {
        self.find.refresh(self.doc.text(), self.doc.revision());
        let n = self.find.matches().len();
        if n == 0 {
            return;
        }
        let at = self.find.anchor;
        let next = match (self.find.current, forward) {
            (Some(c), true) => (c + 1) % n,
            (Some(c), false) => (c + n - 1) % n,
            (None, true) => find::next_from(self.find.matches(), at).unwrap_or(0),
            (None, false) => {
                let before = self.find.matches().partition_point(|m| m.start < at);
                (before + n - 1) % n
            }
        };
        self.find.current = Some(next);
        self.reveal_match();
    }

    /// Scrolls to the current match and selects it in the text.
    fn reveal_match(&mut self) {
        if let Some(r) = self.find.current_range() {
            self.find.anchor = r.start;
            self.view = View::Text;
            self.selection.reveal = Some(r);
        }
    }

    /// Replace: the current match becomes the replacement (one undo step) and the
    /// next match becomes current; with no current match, the first is selected.
    fn replace_current(&mut self) {
        self.find.refresh(self.doc.text(), self.doc.revision());
        let (Some(finder), Some(range)) = (self.find.finder(), self.find.current_range()) else {
            return self.step_match(true);
        };
        let Some(change) =
            finder.replace_one(self.doc.text(), range.clone(), &self.find.replacement)
        else {
            return self.step_match(true);
        };
        let after = change.map_offset(range.end, true);
        self.commit(change, Duration::ZERO);
        self.find.anchor = after;
        self.find_from_anchor();
    }

    /// Lists every change a replace across the folder would make (this page from
    /// its text in the window, the others from disk); nothing is changed yet.
    fn folder_preview(&mut self) {
        self.find.refresh(self.doc.text(), self.doc.revision());
        let (Some(finder), Some(folder)) = (self.find.finder().cloned(), &self.desk.folder) else {
            return;
        };
        let template = self.find.replacement.clone();
        let open_page = self.desk.live.as_ref().map(|l| l.source.clone());
        let others: Vec<PathBuf> = folder
            .pages
            .iter()
            .filter(|p| Some(*p) != open_page.as_ref())
            .cloned()
            .collect();
        let this = finder.preview(self.doc.text(), &template);
        let plan = folder_replace::plan(&others, &finder, &template);
        let name = |p: &std::path::Path| {
            p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        };
        let mut rows = Vec::new();
        for page in &folder.pages {
            let changes = if Some(page) == open_page.as_ref() {
                &this[..]
            } else if let Some(pp) = plan.pages.iter().find(|pp| &pp.page == page) {
                &pp.changes[..]
            } else {
                continue;
            };
            rows.extend(changes.iter().map(|c| PreviewRow {
                page: name(page),
                line: c.line,
                before: c.before.clone(),
                after: c.after.clone(),
            }));
        }
        let skipped = plan
            .skipped
            .iter()
            .map(|(p, why)| (name(p), skip_label(why)))
            .collect();
        self.find.folder = Some(FolderPreview {
            rows,
            pages: plan.pages.len() + usize::from(!this.is_empty()),
            skipped,
            revision: self.doc.revision(),
            this_page: this.len(),
            plan,
            finder,
            template,
        });
    }

    /// Makes the previewed changes: this page as one undo step, the others into
    /// their sessions; pages that changed since the preview are left out and named.
    fn folder_apply(&mut self) {
        let Some(p) = self.find.folder.take() else {
            return;
        };
        let lang = self.lang();
        let mut changes = 0;
        let mut pages = 0;
        let mut skipped: Vec<String> = Vec::new();
        if p.this_page > 0 {
            if self.doc.revision() == p.revision {
                let change = p.finder.replace_all(self.doc.text(), &p.template);
                changes += change.edits().len();
                pages += 1;
                self.commit(change, Duration::ZERO);
            } else {
                skipped.push(format!("{}: {}", self.page.name, T::SkipChanged.get(lang)));
            }
        }
        let mut written = Vec::new();
        for page in &p.plan.pages {
            match folder_replace::apply(page, &p.finder, &p.template) {
                Ok(n) => {
                    changes += n;
                    pages += 1;
                    written.push(page.page.clone());
                }
                Err(why) => skipped.push(format!(
                    "{}: {}",
                    page.page.display(),
                    skip_label(&why).get(lang)
                )),
            }
        }
        if let Some(e) = self.mark_in_progress(&written) {
            skipped.push(e);
        }
        let done = i18n::changes_in_pages(changes, pages, lang);
        if skipped.is_empty() {
            self.status =
                Some(StatusMessage::label(T::FolderReplaceTitle).text(format!(": {done}")));
        } else {
            let message = format!("{done}\n{}:\n{}", T::Skipped.get(lang), skipped.join("\n"));
            self.report(T::FolderReplaceTitle, message);
        }
    }

    /// Pages whose sessions were just written from here show as in progress in
    /// the folder's page list (their sessions say so already), and their findings
    /// are counted again. Returns why the project file could not be written, if it
    /// could not.
    pub(super) fn mark_in_progress(&mut self, written: &[PathBuf]) -> Option<String> {
        if written.is_empty() {
            return None;
        }
        self.recount_pages(Some(written));
        let folder = self.desk.folder.as_mut()?;
        for page in written {
            if let Some(e) = folder.project.entry_mut(page)
                && e.status == PageStatus::NotStarted
            {
                e.status = PageStatus::InProgress;
            }
        }
        folder
            .project
            .save(&folder.dir)
            .err()
            .map(|e| e.to_string())
    }

    pub(super) fn run_goto_line(&mut self, ctx: &egui::Context, c: GoToLineCommand) {
        ctx.request_repaint();
        match c {
            GoToLineCommand::Open => {
                self.goto_line.open = true;
                self.goto_line.focus = true;
                self.goto_line.error = None;
            }
            GoToLineCommand::Close => {
                self.goto_line.open = false;
                self.goto_line.error = None;
            }
            GoToLineCommand::Go => {
                let lang = self.lang();
                let lines = jiaodui_core::text::LineIndex::new(self.doc.text());
                let count = lines.line_count();
                match self.goto_line.input.trim().parse::<usize>() {
                    Ok(n) if (1..=count).contains(&n) => {
                        let at = lines.line_start(n - 1);
                        self.selection.reveal = Some(at..at);
                        self.view = View::Text;
                        self.editor.focus = true;
                        self.goto_line.open = false;
                        self.goto_line.error = None;
                    }
                    Ok(n) => {
                        self.goto_line.error = Some(i18n::no_such_line(n, count, lang));
                        self.goto_line.focus = true;
                    }
                    Err(_) => {
                        self.goto_line.error = Some(T::NotALineNumber.get(lang).to_owned());
                        self.goto_line.focus = true;
                    }
                }
            }
        }
    }
}

/// Why a page not open was left out (of a folder replace, of All occurrences),
/// as the editor reads it.
pub(super) fn skip_label(why: &Skip) -> T {
    match why {
        Skip::OpenElsewhere => T::SkipOpenElsewhere,
        Skip::SourceChanged => T::SkipSourceChanged,
        Skip::Unreadable(_) => T::SkipUnreadable,
        Skip::ChangedSincePreview => T::SkipChanged,
        Skip::WriteFailed(_) => T::SkipWriteFailed,
    }
}
