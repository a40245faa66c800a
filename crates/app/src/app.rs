//! The app's state and its command loop. Each frame: handle shortcuts and window
//! events, draw the panels (which only read state and push [`Command`]s), then
//! apply the commands. The state is built without a window (`App::new`), so tests
//! drive it through egui_kittest exactly as the real window does.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui::{self, Pos2, ViewportCommand};

use super::command::{Command, ConflictChoice, UnsavedChoice};
use super::desk::Desk;
use super::i18n::{Lang, T};
use super::native_dialog::{self, Answer, Ask};
use super::palette::Palette;
use super::panels::{self, findings::FindingsList, text_view::TextView};
use super::settings::{self, AppSettings, Theme};
use super::shortcuts;
use super::status_message::StatusMessage;
use jiaodui_core::edit::ChangeSet;
use jiaodui_core::engine::Finding;
use jiaodui_desk::document::Document;
use jiaodui_desk::review::Review;

mod desk_ops;
mod diff_ops;
mod find_ops;
mod folder_export;
mod recognize_ops;
mod scan_link;
mod typing;
mod word_ops;

pub use scan_link::{Follow, Located, ScanLink};
pub(crate) use word_ops::apply_all_change;

/// The page bundled into the binary, opened when no file is given.
pub const SAMPLE_NAME: &str = "000_39b2f5fd87845c7e.txt";
pub const SAMPLE_TEXT: &str = include_str!("../../../assets/samples/000_39b2f5fd87845c7e.txt");

/// What the central area shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Text,
    /// Original | corrected, aligned by paragraph.
    Diff,
}

/// What to do once the unsaved-changes question is answered (or the save is done).
#[derive(Clone, Debug, PartialEq)]
pub enum Then {
    Close,
    Open(PathBuf),
    OpenDialog,
    OpenSample,
}

/// The modal dialog on screen, if any.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Dialog {
    #[default]
    None,
    Unsaved(Then),
    /// Path fields, used where no native dialog can be shown.
    OpenPath {
        path: String,
        no_native: bool,
    },
    SavePath {
        path: String,
        no_native: bool,
        /// Save in the source's format (hOCR, ALTO, …), not as text.
        write_back: bool,
    },
    /// Some edit cannot be written into the source's elements: save as text?
    WriteBackIncomplete,
    /// Where to write the folder summary (File → Export folder report…).
    FolderReportPath {
        path: String,
        no_native: bool,
    },
    Error {
        title: T,
        message: String,
    },
    /// File → Recognize scan's path field (no native dialog).
    RecognizePath {
        path: String,
        no_native: bool,
    },
    /// A PDF without a text layer was opened: recognize it?
    OfferRecognize(PathBuf),
    /// Saving to `path` would write over a file another program changed or
    /// removed, or one this window never wrote: nothing was written yet.
    SaveConflict {
        path: PathBuf,
        conflict: Conflict,
        /// The save was into the source's format (Overwrite writes that again).
        write_back: bool,
    },
    /// The page just opened is open in another window (its lock file says who).
    OpenElsewhere(jiaodui_desk::lock::LockOwner),
}

/// Why a save stopped to ask.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// The file changed on disk since it was opened or saved here.
    Changed,
    /// The file is gone.
    Deleted,
    /// A file this window did not write (another desk's `NAME.corrected.txt`).
    Exists,
}

/// Native file dialogs (rfd) or path fields only (tests, headless).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialogs {
    Native,
    PathFields,
}

/// What one undo step did, kept in step with the document's text history: the
/// editor's decisions undo and redo in the same order as the text.
#[derive(Clone, Debug)]
pub enum Step {
    /// A text change (the document's history holds it); `ended`: the ignores its
    /// edits cut into, given back when it is undone.
    Text { ended: Vec<Finding> },
    /// Findings ignored (one, or a rule's).
    Ignored(Vec<Finding>),
    /// An ignore ended with Restore.
    Restored(Vec<Finding>),
    /// "Always correct": `word` added to the folder's (`folder`) or the user's house words.
    HouseWord {
        word: String,
        folder: bool,
        added: bool,
    },
}

/// A finding's popup, opened by a click on its highlight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Popup {
    pub finding: usize,
    pub pos: Pos2,
    pub generation: u64,
}

/// The selected finding, and where the text view is to scroll next frame.
#[derive(Default)]
struct Selection {
    /// Index of the selected finding in `review.findings()`.
    selected: Option<usize>,
    /// Byte offset of the selected finding's start (survives re-checks).
    at: Option<usize>,
    /// The review generation `selected` was worked out for.
    generation: u64,
    /// Text the view scrolls to next frame (taken once).
    reveal: Option<Range<usize>>,
}

/// What the text view is told once, next frame.
#[derive(Default)]
struct EditorNext {
    /// Scroll offset to restore (a resumed session's).
    restore_scroll: Option<f32>,
    /// Keep this byte's row at the top (see [`App::keep_view`]).
    keep_at_top: Option<usize>,
    /// Give the editor the keyboard.
    focus: bool,
}

/// Where Ctrl+S writes, and what waits for a save.
#[derive(Default)]
struct Saving {
    /// Where Ctrl+S writes once the editor chose a file this session, and whether
    /// it is the source's format written back (else text).
    target: Option<PathBuf>,
    write_back: bool,
    /// An action waiting for a Save As to finish.
    after: Option<Then>,
}

/// The window as last told: title, style, fonts, whether it may close.
#[derive(Default)]
struct WindowState {
    title: String,
    applied_style: Option<(Theme, Lang)>,
    fonts_ready: bool,
    allow_close: bool,
}

/// Undo and redo, and the typing they are made of.
#[derive(Default)]
struct History {
    /// Undo steps, oldest first, and the steps undone (see [`Step`]).
    steps: Vec<Step>,
    undone: Vec<Step>,
    /// Keystrokes joined into the last undo step (see `app/typing.rs`).
    typing: jiaodui_core::edit::TypingRun,
    /// Typing since the last pause (what a glyph typed over teaches).
    burst: Option<word_ops::TypingBurst>,
}

/// The windows open beside the page (Settings, Keyboard shortcuts, About).
#[derive(Default)]
struct Windows {
    settings: bool,
    shortcuts: bool,
    about: bool,
}

/// What the page is called.
#[derive(Default)]
struct PageLabel {
    /// Display name of the page (file name, or the sample's name).
    name: String,
    is_sample: bool,
}

/// The app's state. Panels get narrow inputs built from it in [`App::ui`] and
/// push [`Command`]s; only the app changes it. Tests read it through accessors.
pub struct App {
    doc: Document,
    settings: AppSettings,
    /// Where settings are persisted (None: not persisted, e.g. tests).
    settings_path: Option<PathBuf>,
    /// What the editor types into; equals `doc.text()` between frames.
    buffer: String,
    review: Review,
    text_view: TextView,
    editor: EditorNext,
    view: View,
    diff_view: panels::diff::DiffView,
    selection: Selection,
    popup: Option<Popup>,
    /// The findings panel's filter, folded rules and Ignored group.
    findings_list: FindingsList,
    dialog: Dialog,
    /// Errors waiting for the one on screen to be closed (a damaged settings file
    /// and a damaged session at start: neither hides the other).
    pending_errors: std::collections::VecDeque<(T, String)>,
    windows: Windows,
    dialogs: Dialogs,
    saving: Saving,
    page: PageLabel,
    /// Transient message in the status bar.
    status: Option<StatusMessage>,
    window: WindowState,
    commands: Vec<Command>,
    /// The page's session, its folder and its scan (see `desk.rs`).
    desk: Desk,
    /// What the scan panel outlines and follows (see `app/scan_link.rs`).
    scan_link: ScanLink,
    history: History,
    /// The find bar (Ctrl+F / Ctrl+H) and a folder replace's preview.
    find: panels::find_bar::FindBar,
    /// Edit → Go to line (Ctrl+G).
    goto_line: panels::goto_line::GoToLine,
    /// The All occurrences window, when open.
    concordance: Option<super::concordance::Concordance>,
}

impl App {
    /// An app on `doc` with `settings`, path-field dialogs and no persistence.
    pub fn new(doc: Document, mut settings: AppSettings) -> Self {
        // The user's house words reach the engine from the first check on.
        settings.engine.house_words = settings.house_words.clone();
        let review = Review::new(&doc, &settings.engine);
        let name = doc.path.as_deref().and_then(Path::file_name).map_or_else(
            || SAMPLE_NAME.to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        App {
            buffer: doc.text().to_owned(),
            doc,
            settings,
            settings_path: None,
            review,
            text_view: TextView::default(),
            editor: EditorNext::default(),
            view: View::Text,
            diff_view: Default::default(),
            selection: Selection::default(),
            popup: None,
            findings_list: FindingsList::default(),
            dialog: Dialog::None,
            pending_errors: Default::default(),
            windows: Windows::default(),
            dialogs: Dialogs::PathFields,
            saving: Saving::default(),
            page: PageLabel {
                name,
                is_sample: false,
            },
            status: None,
            window: WindowState::default(),
            commands: Vec::new(),
            desk: Desk::default(),
            scan_link: ScanLink::default(),
            history: History::default(),
            find: Default::default(),
            goto_line: Default::default(),
            concordance: None,
        }
    }

    /// The bundled sample page.
    pub fn sample_document() -> Document {
        let mut doc = Document::from_bytes(Path::new(SAMPLE_NAME), SAMPLE_TEXT.as_bytes())
            .unwrap_or_else(|_| {
                Document::from_text(None, SAMPLE_TEXT.to_owned(), Default::default())
            });
        // The sample lives in the binary, not on disk: saving always asks where.
        doc.path = None;
        doc.source = None;
        doc
    }

    /// An app on the bundled sample page.
    pub fn with_sample(settings: AppSettings) -> Self {
        let mut app = App::new(Self::sample_document(), settings);
        app.page.is_sample = true;
        app
    }

    /// Persist settings to `path` from now on.
    pub fn persist_settings_to(&mut self, path: Option<PathBuf>) {
        self.settings_path = path;
    }

    pub fn use_native_dialogs(&mut self, native: bool) {
        self.dialogs = if native {
            Dialogs::Native
        } else {
            Dialogs::PathFields
        };
    }

    /// Shows `message` as an error dialog (e.g. a damaged settings file at start);
    /// while another error is on screen, it waits for that one to be closed.
    pub fn report(&mut self, title: T, message: String) {
        if matches!(self.dialog, Dialog::Error { .. }) {
            self.pending_errors.push_back((title, message));
        } else {
            self.dialog = Dialog::Error { title, message };
        }
    }

    pub fn lang(&self) -> Lang {
        self.settings.language
    }

    pub fn tr(&self, t: T) -> &'static str {
        t.get(self.settings.language)
    }

    pub fn palette(&self) -> Palette {
        Palette {
            dark: self.settings.theme == Theme::Dark,
        }
    }

    /// Queue a command as if a widget had pushed it (tests, bench).
    pub fn push(&mut self, c: Command) {
        self.commands.push(c);
    }

    pub fn focus_editor(&mut self) {
        self.editor.focus = true;
    }

    /// Where byte `byte` of the text was drawn in the last frame (tests click there).
    pub fn text_rect_of(&self, byte: usize) -> Option<egui::Rect> {
        self.text_view.screen_rect_of(byte)
    }

    /// Bytes of the page laid out in the last frame (a window on a huge page).
    pub fn laid_text_bytes(&self) -> std::ops::Range<usize> {
        self.text_view.laid_bytes()
    }

    /// The page text as the editor shows it.
    pub fn text(&self) -> &str {
        self.doc.text()
    }

    /// The text view's vertical scroll offset (points), as the session keeps it.
    pub fn text_scroll_offset(&self) -> f32 {
        self.text_view.scroll_offset()
    }

    /// The open page.
    pub fn doc(&self) -> &Document {
        &self.doc
    }

    pub fn settings(&self) -> &AppSettings {
        &self.settings
    }

    /// The page's findings, kept in step with its edits.
    pub fn review(&self) -> &Review {
        &self.review
    }

    /// What the central area shows.
    pub fn view(&self) -> View {
        self.view
    }

    pub fn diff_view(&self) -> &panels::diff::DiffView {
        &self.diff_view
    }

    /// The Diff view's state, as its widgets would change it (tests).
    pub fn diff_view_mut(&mut self) -> &mut panels::diff::DiffView {
        &mut self.diff_view
    }

    /// Index of the selected finding in `review().findings()`.
    pub fn selected(&self) -> Option<usize> {
        self.selection.selected
    }

    /// The finding's popup, when open.
    pub fn popup(&self) -> Option<Popup> {
        self.popup
    }

    /// The modal dialog on screen, if any.
    pub fn dialog(&self) -> &Dialog {
        &self.dialog
    }

    /// The dialog on screen, as typing into its path field would change it (tests).
    pub fn dialog_mut(&mut self) -> &mut Dialog {
        &mut self.dialog
    }

    /// Display name of the page (file name, or the sample's name).
    pub fn name(&self) -> &str {
        &self.page.name
    }

    /// The page is the bundled sample.
    pub fn is_sample(&self) -> bool {
        self.page.is_sample
    }

    /// The status bar's message, if any.
    pub fn status(&self) -> Option<String> {
        self.status.as_ref().map(|m| m.render(self.lang()))
    }

    /// The page's session, its folder and its scan.
    pub fn desk(&self) -> &Desk {
        &self.desk
    }

    /// Which Tesseract File → Recognize scan runs (tests name one that is missing).
    pub fn set_ocr_program(&mut self, program: PathBuf) {
        self.desk.ocr_program = program;
    }

    /// What the scan panel outlines and follows.
    pub fn scan_link(&self) -> &ScanLink {
        &self.scan_link
    }

    /// The find bar.
    pub fn find(&self) -> &panels::find_bar::FindBar {
        &self.find
    }

    /// The find bar, as typing into its fields would change it (tests).
    pub fn find_mut(&mut self) -> &mut panels::find_bar::FindBar {
        &mut self.find
    }

    /// Edit → Go to line.
    pub fn goto_line(&self) -> &panels::goto_line::GoToLine {
        &self.goto_line
    }

    /// The All occurrences window, when open.
    pub fn concordance(&self) -> Option<&super::concordance::Concordance> {
        self.concordance.as_ref()
    }

    /// One frame: input, panels, then the commands they produced.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.window.fonts_ready {
            // Fonts become active next pass; draw nothing Chinese before that.
            super::fonts::install(&ctx);
            self.window.fonts_ready = true;
            ctx.request_repaint();
            return;
        }
        self.apply_style(&ctx);
        self.end_typing(false);
        self.review
            .poll(&self.doc, &self.settings.engine, &wake(&ctx));
        self.sync_selection();
        self.handle_window_events(&ctx);
        self.desk_shortcuts(&ctx);
        self.handle_shortcuts(&ctx);
        self.find_shortcuts(&ctx);

        let mut out = std::mem::take(&mut self.commands);
        let lang = self.settings.language;
        let palette = self.palette();
        let desk_toggles = panels::pages::DeskToggles {
            folder_open: self.desk.folder.is_some(),
            show_pages: self.desk.show_pages,
            show_scan: self.desk.show_scan,
        };
        let menu = panels::menu_bar::MenuInput {
            settings: &self.settings,
            review: &self.review,
            can_undo: self.doc.can_undo(),
            can_redo: self.doc.can_redo(),
            write_back: self
                .doc
                .structured()
                .map(|s| s.kind)
                .filter(|_| self.can_write_back()),
            any_matches: !self.find.matches().is_empty(),
            view: self.view,
            recognizing: self.desk.recognition.is_some(),
            desk: desk_toggles,
        };
        panels::menu_bar::show(ui, &menu, &mut out);
        let status_text = self.status();
        let status = panels::status_bar::StatusInput {
            lang,
            palette,
            name: &self.page.name,
            is_sample: self.page.is_sample,
            doc: &self.doc,
            review: &self.review,
            recognition: self.desk.recognition.as_ref(),
            status: status_text.as_deref(),
        };
        panels::status_bar::show(ui, &status, &mut out);
        if self.settings.show_findings {
            let findings = panels::findings::FindingsInput {
                card: self.card(),
                review: &self.review,
                selected: self.selection.selected,
                list: &self.findings_list,
            };
            panels::findings::show(ui, &findings, &mut out);
        }
        let pages = panels::pages::PagesInput {
            lang,
            folder: self.desk.folder.as_ref(),
            show: self.desk.show_pages,
            current: self.current_page(),
            status: self.desk.status(),
            left: self.review.findings().len(),
        };
        panels::pages::show(ui, &pages, &mut out);
        let scan = panels::scan::ScanInput {
            lang,
            scan: &self.desk.scan,
            show: self.desk.show_scan,
            doc: &self.doc,
            link: &self.scan_link,
            selected: self.selection.selected.is_some(),
        };
        panels::scan::show(ui, &scan, &mut out);
        self.find.refresh(self.doc.text(), self.doc.revision());
        let folder_open = self.desk.folder.is_some();
        panels::find_bar::show(
            ui,
            &mut self.find,
            self.settings.language,
            folder_open,
            &mut out,
        );
        egui::CentralPanel::default().show(ui, |ui| match self.view {
            View::Text => {
                let legend = panels::legend::LegendInput {
                    lang,
                    palette,
                    engine: &self.settings.engine,
                    counts: self.review.counts(),
                };
                let label_id = panels::legend::show(ui, &legend);
                let input = panels::text_view::TextViewInput {
                    doc_text: self.doc.text(),
                    review: &self.review,
                    selected: self.selection.selected,
                    reveal: self.selection.reveal.take(),
                    restore_scroll: self.editor.restore_scroll.take(),
                    keep_at_top: self.editor.keep_at_top.take(),
                    palette: self.palette(),
                    font_size: self.settings.font_size,
                    focus: std::mem::take(&mut self.editor.focus),
                    label_id,
                    find_matches: if self.find.open {
                        self.find.matches()
                    } else {
                        &[]
                    },
                    find_current: self.find.current_range().filter(|_| self.find.open),
                    lang: self.settings.language,
                };
                self.text_view.show(ui, &mut self.buffer, input, &mut out);
            }
            View::Diff => {
                let dark = self.settings.theme == Theme::Dark;
                let input = panels::diff::DiffInput {
                    doc: &self.doc,
                    lang: self.settings.language,
                    dark,
                    font_size: self.settings.font_size,
                };
                self.diff_view.show(ui, input, &mut out);
            }
        });
        let popup = panels::popup::PopupInput {
            popup: self.popup,
            review: &self.review,
            card: self.card(),
            scan: &self.desk.scan,
            located: &self.scan_link.selected,
        };
        panels::popup::show(&ctx, &popup, &mut out);
        panels::resume::show(
            &ctx,
            self.desk.offer.as_ref(),
            &self.page.name,
            lang,
            &mut out,
        );
        let dialogs = panels::dialogs::DialogsInput {
            lang,
            page_path: self.doc.path.as_deref(),
            about: self.windows.about,
        };
        panels::dialogs::show(&ctx, &mut self.dialog, &dialogs, &mut out);
        let settings = panels::settings_window::SettingsInput {
            open: self.windows.settings,
            settings: &self.settings,
            palette,
            folder_words: self.desk.folder.as_ref().map(|f| &f.house_words.words),
            ocr_languages: self.desk.ocr_languages.as_ref(),
        };
        panels::settings_window::show(&ctx, &settings, &mut out);
        panels::concordance::show(&ctx, self.concordance.as_ref(), lang, &mut out);
        panels::shortcuts::show(&ctx, self.windows.shortcuts, lang, &mut out);
        panels::find_bar::show_folder_preview(&ctx, &self.find, self.settings.language, &mut out);
        panels::goto_line::show(&ctx, &mut self.goto_line, self.settings.language, &mut out);

        let dialog_before = std::mem::discriminant(&self.dialog);
        for c in out {
            self.run(&ctx, c);
        }
        // A question a command raised (a save that stopped to ask) is drawn at once,
        // not at the next input event.
        if std::mem::discriminant(&self.dialog) != dialog_before {
            ctx.request_repaint();
        }
        // Anything a command scheduled (a re-check after a fix) runs before the next paint.
        self.review
            .poll(&self.doc, &self.settings.engine, &wake(&ctx));
        self.sync_selection();
        self.desk_tick(&ctx);
        self.update_scan_link(&ctx);
        self.update_title(&ctx);
    }

    fn apply_style(&mut self, ctx: &egui::Context) {
        let want = (self.settings.theme, self.settings.language);
        if self.window.applied_style != Some(want) {
            ctx.set_visuals(match self.settings.theme {
                Theme::Light => egui::Visuals::light(),
                Theme::Dark => egui::Visuals::dark(),
            });
            self.window.applied_style = Some(want);
        }
    }

    /// Keeps the selection on the same finding when findings are re-checked.
    fn sync_selection(&mut self) {
        if self.selection.generation == self.review.generation() {
            return;
        }
        self.selection.generation = self.review.generation();
        self.selection.selected = self.selection.at.and_then(|at| {
            let f = self.review.findings();
            let i = f.partition_point(|f| f.span_bytes.start < at);
            (i < f.len())
                .then_some(i)
                .or_else(|| f.len().checked_sub(1))
        });
        if let Some(p) = self.popup
            && p.generation != self.review.generation()
        {
            self.popup = None;
        }
    }

    fn handle_window_events(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.window.allow_close
            && self.doc.is_modified()
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.dialog = Dialog::Unsaved(Then::Close);
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.commands.push(Command::OpenPath(path));
        }
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        let modal = self.dialog != Dialog::None;
        let editing = ctx.memory(|m| m.has_focus(panels::text_view::editor_id()));
        // Any text field with focus (the page, a path, a filter) keeps Enter and Delete.
        let typing_somewhere = ctx.egui_wants_keyboard_input();
        let mut found = Vec::new();
        ctx.input_mut(|i| {
            use shortcuts::{Action, consume};
            // Most specific first: consume_shortcut ignores extra Shift.
            for (action, command) in [
                (Action::Redo, Command::Redo),
                (Action::Undo, Command::Undo),
                (Action::SaveAs, Command::SaveAs),
                (Action::Save, Command::Save),
                (Action::Open, Command::OpenDialog),
                (Action::Quit, Command::Quit),
                (Action::PrevFinding, Command::Prev),
                (Action::NextFinding, Command::Next),
            ] {
                if consume(i, action) {
                    found.push(command);
                }
            }
            if !modal && !editing && !typing_somewhere {
                if let Some(sel) = self.selection.selected {
                    if consume(i, Action::Apply) {
                        found.push(Command::Apply(sel));
                    }
                    if consume(i, Action::Ignore) {
                        found.push(Command::Ignore(sel));
                    }
                }
                if self.popup.is_some() && consume(i, Action::LeaveText) {
                    found.push(Command::ClosePopup);
                }
            }
            if editing && consume(i, Action::LeaveText) {
                ctx.memory_mut(|m| m.surrender_focus(panels::text_view::editor_id()));
            }
        });
        if modal {
            // Only Escape-free commands that cannot lose text pass while a dialog is up.
            found.retain(|c| matches!(c, Command::Save | Command::SaveAs));
        }
        self.commands.extend(found);
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let marker = if self.doc.is_modified() { "● " } else { "" };
        let title = format!("{marker}{} — 校对 jiaodui", self.page.name);
        if title != self.window.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.window.title = title;
        }
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.window.title
    }

    /// Applies one command.
    pub fn run(&mut self, ctx: &egui::Context, c: Command) {
        if c != Command::Typed {
            // Anything but typing ends the typing step (see `app/typing.rs`).
            self.history.typing.end();
        }
        match c {
            Command::Typed => {}
            // Undoing what was just typed teaches nothing.
            Command::Undo | Command::Redo => self.history.burst = None,
            _ => self.end_typing(true),
        }
        match c {
            Command::Typed => {
                if self.buffer != self.doc.text() {
                    self.note_typing();
                    let change = jiaodui_core::edit::minimal_change(self.doc.text(), &self.buffer);
                    self.commit_typed(ctx, change);
                }
            }
            Command::Apply(ix) => {
                self.note_applied(|i, _| i == ix);
                if let Some(f) = self.review.findings().get(ix) {
                    let change = f.change_set();
                    self.selection.at = Some(f.span_bytes.start);
                    self.commit(change, Duration::ZERO);
                }
                self.popup = None;
            }
            Command::ApplyCandidate(ix, k) => {
                let chosen = self.review.findings().get(ix).and_then(|f| {
                    let c = f.suggest.as_ref()?.candidates.get(k)?;
                    Some((f.span_bytes.clone(), c.text.clone()))
                });
                if let Some((span, text)) = chosen {
                    self.learn_candidate(ix, &text);
                    self.note_applied(|i, _| i == ix);
                    self.selection.at = Some(span.start);
                    if let Ok(change) =
                        ChangeSet::new(vec![jiaodui_core::edit::Edit::new(span, text)])
                    {
                        self.commit(change, Duration::ZERO);
                    }
                }
                self.popup = None;
            }
            Command::GoToOffset(at) => {
                let hit = self.review.findings().iter().position(|f| {
                    f.span_bytes.start <= at && at < f.span_bytes.end.max(f.span_bytes.start + 1)
                });
                match hit {
                    Some(ix) => self.select(ctx, ix),
                    None => {
                        let at = at.min(self.doc.text().len());
                        let end = self.doc.text()[at..]
                            .chars()
                            .next()
                            .map_or(at, |c| at + c.len_utf8());
                        self.selection.reveal = Some(at..end);
                    }
                }
            }
            Command::Ignore(ix) => {
                if let Some(f) = self.review.findings().get(ix) {
                    self.selection.at = Some(f.span_bytes.start);
                }
                if let Some(f) = self.review.ignore(ix) {
                    self.push_step(Step::Ignored(vec![f]));
                }
                self.popup = None;
            }
            Command::Restore(k) => {
                if let Some(f) = self.review.restore(k) {
                    self.selection.at = Some(f.span_bytes.start);
                    self.push_step(Step::Restored(vec![f]));
                }
            }
            Command::ApplyRule(rule) => {
                self.note_applied(|_, f| f.rule == rule);
                let change = ChangeSet::non_overlapping(
                    self.review
                        .findings()
                        .iter()
                        .filter(|f| f.rule == rule)
                        .flat_map(|f| f.edits.iter()),
                );
                self.keep_view(&change);
                self.commit(change, Duration::ZERO);
                self.popup = None;
            }
            Command::IgnoreRule(rule) => {
                let these = self.review.ignore_rule(rule);
                if !these.is_empty() {
                    self.push_step(Step::Ignored(these));
                }
                self.popup = None;
            }
            Command::ApplyEverything => {
                self.note_applied(|_, _| true);
                let change = self.apply_all_change();
                self.keep_view(&change);
                self.commit(change, Duration::ZERO);
                self.popup = None;
            }
            Command::Select(ix) => self.select(ctx, ix),
            Command::Popup(ix, pos) => {
                self.selection.at = self.review.findings().get(ix).map(|f| f.span_bytes.start);
                self.selection.selected = Some(ix);
                self.popup = Some(Popup {
                    finding: ix,
                    pos,
                    generation: self.review.generation(),
                });
            }
            Command::ClosePopup => self.popup = None,
            Command::Next | Command::Prev => {
                let n = self.visible_findings().len();
                if n > 0 {
                    let list = self.visible_findings();
                    let pos = self
                        .selection
                        .selected
                        .and_then(|s| list.iter().position(|&i| i == s));
                    let next = match (pos, c == Command::Next) {
                        (None, true) => 0,
                        (None, false) => n - 1,
                        (Some(p), true) => (p + 1) % n,
                        (Some(p), false) => (p + n - 1) % n,
                    };
                    self.select(ctx, list[next]);
                }
            }
            Command::Undo => {
                let step = self.history.steps.pop();
                match &step {
                    Some(Step::Text { ended }) => {
                        if self.step_text(true) {
                            self.review.ignore_these(ended);
                        }
                    }
                    Some(Step::Ignored(fs)) => self.review.restore_these(fs),
                    Some(Step::Restored(fs)) => self.review.ignore_these(fs),
                    Some(Step::HouseWord {
                        word,
                        folder,
                        added,
                    }) => {
                        self.set_house_word(word, *folder, !added);
                    }
                    // A history without steps of ours (cannot happen; be exact anyway).
                    None => {
                        self.step_text(true);
                    }
                }
                self.history.undone.extend(step);
            }
            Command::Redo => {
                let step = self.history.undone.pop();
                match &step {
                    Some(Step::Text { .. }) => {
                        self.step_text(false);
                    }
                    Some(Step::Ignored(fs)) => self.review.ignore_these(fs),
                    Some(Step::Restored(fs)) => self.review.restore_these(fs),
                    Some(Step::HouseWord {
                        word,
                        folder,
                        added,
                    }) => {
                        self.set_house_word(word, *folder, *added);
                    }
                    None => {}
                }
                self.history.steps.extend(step);
            }
            Command::OpenDialog => {
                if self.ask_first(Then::OpenDialog) {
                    self.open_dialog_now();
                }
            }
            Command::OpenPath(path) => {
                if self.ask_first(Then::Open(path.clone())) {
                    self.open_now(&path);
                }
            }
            Command::OpenSample => {
                if self.ask_first(Then::OpenSample) {
                    self.open_sample_now();
                }
            }
            Command::Save => self.save(ctx),
            Command::SaveAs => {
                if self.dialog == Dialog::WriteBackIncomplete {
                    self.dialog = Dialog::None;
                }
                self.save_as_dialog(ctx)
            }
            Command::SaveTo(p) => {
                self.dialog = Dialog::None;
                self.save_to(ctx, &p, false);
            }
            Command::SaveWriteBack => self.write_back_dialog(ctx),
            Command::SaveWriteBackTo(p) => {
                self.dialog = Dialog::None;
                self.write_back_to(ctx, &p, false);
            }
            Command::SaveConflict(choice) => {
                let Dialog::SaveConflict {
                    path, write_back, ..
                } = std::mem::take(&mut self.dialog)
                else {
                    return;
                };
                match choice {
                    ConflictChoice::Reload => {
                        self.saving.after = None;
                        self.reload_now();
                    }
                    ConflictChoice::Overwrite if write_back => self.write_back_to(ctx, &path, true),
                    ConflictChoice::Overwrite => self.save_to(ctx, &path, true),
                    ConflictChoice::SaveAs => self.save_as_dialog(ctx),
                    ConflictChoice::Cancel => self.saving.after = None,
                }
            }
            Command::OpenElsewhere(open) => {
                self.dialog = Dialog::None;
                if open {
                    if let Some(live) = self.desk.live.as_mut() {
                        // The resume question, if any, still decides.
                        live.paused = self.desk.offer.is_some();
                    }
                } else {
                    self.open_sample_now();
                }
            }
            Command::CloseKeepingWork => self.close_now(ctx),
            Command::Quit => {
                if self.ask_first(Then::Close) {
                    self.close_now(ctx);
                }
            }
            Command::Unsaved(choice) => {
                let Dialog::Unsaved(then) = std::mem::take(&mut self.dialog) else {
                    return;
                };
                match choice {
                    UnsavedChoice::Cancel => {}
                    UnsavedChoice::Discard => {
                        self.desk_discard();
                        self.proceed(ctx, then)
                    }
                    UnsavedChoice::Save => {
                        self.saving.after = Some(then);
                        self.save(ctx);
                    }
                }
            }
            Command::SetSettings(new) => {
                let recheck = new.engine != self.settings.engine;
                self.settings = *new;
                self.refresh_words();
                if recheck {
                    self.review.schedule(Duration::ZERO);
                    self.recount_pages(None);
                }
                self.save_settings();
            }
            Command::ClearRecent => {
                self.settings.recent.clear();
                self.save_settings();
            }
            Command::ShowSettings(v) => {
                if v {
                    self.load_ocr_languages();
                }
                self.windows.settings = v;
            }
            Command::ShowShortcuts(v) => self.windows.shortcuts = v,
            Command::ShowAbout(v) => self.windows.about = v,
            Command::CloseDialog => {
                self.dialog = Dialog::None;
                self.saving.after = None;
                if let Some((title, message)) = self.pending_errors.pop_front() {
                    self.dialog = Dialog::Error { title, message };
                }
            }
            Command::ShowView(v) => self.view = v,
            Command::Diff(c) => self.run_diff(c),
            Command::SetFilter(f) => self.findings_list.filter = f,
            Command::ShowIgnored(v) => self.findings_list.show_ignored = v,
            Command::Desk(c) => self.run_desk(ctx, c),
            Command::Find(c) => self.run_find(ctx, c),
            Command::GoToLine(c) => self.run_goto_line(ctx, c),
            Command::CopyText(text) => {
                ctx.copy_text(text);
                self.status = Some(StatusMessage::label(T::Copied));
            }
            Command::AlwaysCorrect(ix) => self.always_correct(ix),
            Command::HouseWord { word, folder, add } => {
                self.set_house_word(&word, folder, add);
            }
            Command::Concordance(c) => self.run_concordance(c),
            Command::SetCollapsed(rule, fold) => {
                if fold {
                    self.findings_list.collapsed.insert(rule);
                } else {
                    self.findings_list.collapsed.remove(&rule);
                }
            }
        }
    }

    /// How a finding's card (the findings panel's selected one, the popup) reads
    /// the app.
    fn card(&self) -> panels::finding_card::Card<'_> {
        panels::finding_card::Card {
            lang: self.settings.language,
            palette: self.palette(),
            text: self.doc.text(),
            candidate_keys: self.popup.is_some(),
        }
    }

    /// Findings the panel lists (after the rule filter), as indexes.
    pub fn visible_findings(&self) -> Vec<usize> {
        self.review
            .findings()
            .iter()
            .enumerate()
            .filter(|(_, f)| self.findings_list.filter.is_none_or(|r| r == f.rule))
            .map(|(i, _)| i)
            .collect()
    }

    fn select(&mut self, ctx: &egui::Context, ix: usize) {
        let Some(f) = self.review.findings().get(ix) else {
            return;
        };
        self.selection.selected = Some(ix);
        self.selection.at = Some(f.span_bytes.start);
        self.selection.reveal = Some(f.span_bytes.clone());
        self.popup = None;
        // Leave the editor so Enter / Delete review instead of typing.
        ctx.memory_mut(|m| m.surrender_focus(panels::text_view::editor_id()));
    }

    /// Applies `change` to the document as one undo step.
    fn commit(&mut self, change: ChangeSet, recheck_after: Duration) {
        if change.is_empty() {
            return;
        }
        match self.doc.apply(change.clone()) {
            Ok(()) => {
                let ended = self.after_change(&change, recheck_after);
                self.push_step(Step::Text { ended });
            }
            Err(e) => self.report(T::SaveFailed, e.to_string()),
        }
    }

    /// Records a new undo step; the steps undone before it can no longer be redone.
    fn push_step(&mut self, step: Step) {
        self.history.steps.push(step);
        self.history.undone.clear();
    }

    /// Undoes (or redoes) the document's last text step; true when the text moved.
    fn step_text(&mut self, undo: bool) -> bool {
        let before = self.doc.text().to_owned();
        let moved = if undo {
            self.doc.undo()
        } else {
            self.doc.redo()
        };
        if moved {
            let change = jiaodui_core::edit::minimal_change(&before, self.doc.text());
            self.keep_view(&change);
            self.after_change(&change, Duration::ZERO);
        }
        moved
    }

    /// Keeps the text at the top of the view there through `change` (a command's
    /// change, not typing: the editor keeps the cursor in sight by itself).
    fn keep_view(&mut self, change: &ChangeSet) {
        let top = self.text_view.visible_bytes().start;
        if top > 0 {
            self.editor.keep_at_top = Some(change.map_offset(top, false));
        }
    }

    /// Moves everything that points into the text through `change`; returns the
    /// ignores whose text it cut into (they end).
    fn after_change(&mut self, change: &ChangeSet, recheck_after: Duration) -> Vec<Finding> {
        if self.buffer != self.doc.text() {
            self.buffer = self.doc.text().to_owned();
        }
        self.selection.at = self.selection.at.map(|at| change.map_offset(at, false));
        let ended = self
            .review
            .shift(change, self.doc.text(), self.doc.revision(), recheck_after);
        self.popup = None;
        self.status = None;
        ended
    }

    /// True when `then` may go ahead now; otherwise the unsaved-changes prompt is shown.
    fn ask_first(&mut self, then: Then) -> bool {
        if self.doc.is_modified() {
            self.dialog = Dialog::Unsaved(then);
            false
        } else {
            true
        }
    }

    fn proceed(&mut self, ctx: &egui::Context, then: Then) {
        match then {
            Then::Close => self.close_now(ctx),
            Then::Open(p) => self.open_now(&p),
            Then::OpenDialog => self.open_dialog_now(),
            Then::OpenSample => self.open_sample_now(),
        }
    }

    fn close_now(&mut self, ctx: &egui::Context) {
        self.leave_page();
        self.window.allow_close = true;
        ctx.send_viewport_cmd(ViewportCommand::Close);
    }

    /// True once the app agreed to close (tests read this).
    pub fn is_closing(&self) -> bool {
        self.window.allow_close
    }

    /// Where file dialogs start: the open page's folder.
    pub(super) fn dialog_start_dir(&self) -> Option<std::path::PathBuf> {
        self.doc
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
    }

    fn open_dialog_now(&mut self) {
        let start_dir = self.dialog_start_dir();
        if self.dialogs == Dialogs::Native {
            let filters: &[(&str, &[&str])] = &[("Text", &["txt"]), ("*", &["*"])];
            match native_dialog::ask(Ask::OpenFile, start_dir.as_deref(), filters) {
                Answer::Chosen(p) => return self.open_now(&p),
                Answer::Cancelled => return,
                Answer::Unavailable => {}
            }
        }
        let path = start_dir
            .map(|d| format!("{}/", d.display()))
            .unwrap_or_default();
        self.dialog = Dialog::OpenPath {
            path,
            no_native: self.dialogs == Dialogs::Native,
        };
    }

    fn open_now(&mut self, path: &Path) {
        if path.is_dir() {
            return self.open_folder(path);
        }
        // A scan is recognized first; its hOCR opens when Tesseract is done.
        if jiaodui_desk::recognize::is_image(path) {
            return self
                .commands
                .push(Command::Desk(super::desk::DeskCommand::RecognizePath(
                    path.to_owned(),
                )));
        }
        self.leave_page();
        match Document::load(path) {
            Ok(doc) => {
                self.replace_document(doc);
                self.page.is_sample = false;
                self.desk_opened(path);
                self.settings.remember(path);
                self.save_settings();
            }
            Err(jiaodui_desk::document::DocumentError::ScanOnlyPdf { path }) => {
                self.dialog = Dialog::OfferRecognize(path);
            }
            Err(e) => self.report(T::OpenFailed, e.to_string()),
        }
    }

    fn open_sample_now(&mut self) {
        self.leave_page();
        self.desk.live = None;
        self.desk.scan = Default::default();
        self.replace_document(Self::sample_document());
        self.page.is_sample = true;
    }

    fn replace_document(&mut self, doc: Document) {
        self.page.name = doc.path.as_deref().and_then(Path::file_name).map_or_else(
            || SAMPLE_NAME.to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        self.doc = doc;
        self.history.burst = None;
        self.concordance = None;
        self.buffer = self.doc.text().to_owned();
        self.review.reset(&self.doc, &self.settings.engine);
        self.find.forget();
        self.scan_link = ScanLink::default();
        self.history.steps.clear();
        self.history.undone.clear();
        self.diff_view = Default::default();
        self.saving.target = None;
        self.saving.write_back = false;
        self.selection.selected = None;
        self.selection.at = None;
        self.popup = None;
        // The questions are answered by now; an error still to be read stays.
        if !matches!(self.dialog, Dialog::Error { .. }) {
            self.dialog = Dialog::None;
        }
        self.status = None;
    }

    /// Where the first save proposes to write: `NAME.corrected.txt` beside the page
    /// (the raw OCR stays as evidence), in the working folder for the sample.
    pub fn proposed_save_path(&self) -> PathBuf {
        self.doc.proposed_save_path().unwrap_or_else(|| {
            let stem = SAMPLE_NAME.trim_end_matches(".txt");
            std::env::current_dir()
                .unwrap_or_default()
                .join(format!("{stem}.corrected.txt"))
        })
    }

    fn save_as_dialog(&mut self, ctx: &egui::Context) {
        let proposed = self.proposed_save_path();
        self.ask_save_path(ctx, proposed, false);
    }

    /// Where to save (as text, or into the source's format when `write_back`): the
    /// native dialog, else the path field with `proposed` in it.
    fn ask_save_path(&mut self, ctx: &egui::Context, proposed: PathBuf, write_back: bool) {
        if self.dialogs == Dialogs::Native {
            match native_dialog::ask(Ask::SaveFile(&proposed), proposed.parent(), &[]) {
                // The native dialog asked before replacing a file.
                Answer::Chosen(p) if write_back => return self.write_back_to(ctx, &p, true),
                Answer::Chosen(p) => return self.save_to(ctx, &p, true),
                Answer::Cancelled => {
                    self.saving.after = None;
                    return;
                }
                Answer::Unavailable => {}
            }
        }
        self.dialog = Dialog::SavePath {
            path: proposed.display().to_string(),
            no_native: self.dialogs == Dialogs::Native,
            write_back,
        };
    }

    /// Ctrl+S: where the editor saved last (in the same way), else Save as.
    fn save(&mut self, ctx: &egui::Context) {
        match self.saving.target.clone() {
            Some(p) if self.saving.write_back => self.write_back_to(ctx, &p, false),
            Some(p) => self.save_to(ctx, &p, false),
            None => self.save_as_dialog(ctx),
        }
    }

    /// Whether the page can be saved in its source's format (structured OCR; not
    /// plain text, not a PDF).
    pub fn can_write_back(&self) -> bool {
        self.doc
            .structured()
            .is_some_and(|s| s.kind != jiaodui_desk::structured::SourceKind::Pdf)
    }

    /// File → Save in the source's format: where to (native dialog or path field).
    fn write_back_dialog(&mut self, ctx: &egui::Context) {
        let Some(proposed) = self
            .doc
            .proposed_write_back_path()
            .filter(|_| self.can_write_back())
        else {
            return;
        };
        self.ask_save_path(ctx, proposed, true);
    }

    /// Writes the source's format with the corrected text to `path`. When some
    /// edit has no element to go into, nothing is written: the editor is asked to
    /// save as text instead (the edits are never dropped silently). Unless
    /// `confirmed`, a file changed or removed behind the desk's back, or one it
    /// never wrote, is not written over: the editor is asked, as for text.
    fn write_back_to(&mut self, ctx: &egui::Context, path: &Path, confirmed: bool) {
        let written = match self.doc.write_back() {
            Some(Ok(wb)) if wb.complete => self.doc.save_written_back(path, &wb.bytes, confirmed),
            Some(Ok(_)) => {
                self.dialog = Dialog::WriteBackIncomplete;
                return;
            }
            Some(Err(e)) => Err(e),
            // Not a structured page (any more): text it is.
            None => return self.save_as_dialog(ctx),
        };
        self.after_write(ctx, path, written, true);
    }

    /// Saves to `path`; on failure says why and keeps the text (and the pending action
    /// waits). Unless `confirmed`, a file another program changed or removed since it
    /// was opened or saved here, or one this window never wrote, is not written: the
    /// editor is asked (reload, overwrite, save as).
    fn save_to(&mut self, ctx: &egui::Context, path: &Path, confirmed: bool) {
        let result = if confirmed {
            self.doc.save_as(path)
        } else {
            self.doc.save(path)
        };
        self.after_write(ctx, path, result, false);
    }

    /// What follows a save (as text, or into the source's format when `write_back`):
    /// a conflict asks the editor, a failure says why and keeps the text (the pending
    /// action waits), success makes `path` the save target.
    fn after_write(
        &mut self,
        ctx: &egui::Context,
        path: &Path,
        result: Result<(), jiaodui_desk::document::DocumentError>,
        write_back: bool,
    ) {
        use jiaodui_desk::document::DocumentError;
        let conflict = match &result {
            Err(DocumentError::ChangedOnDisk { .. }) => Some(Conflict::Changed),
            Err(DocumentError::Deleted { .. }) => Some(Conflict::Deleted),
            Err(DocumentError::Exists { .. }) => Some(Conflict::Exists),
            _ => None,
        };
        if let Some(conflict) = conflict {
            self.dialog = Dialog::SaveConflict {
                path: path.to_owned(),
                conflict,
                write_back,
            };
            return;
        }
        match result {
            Ok(()) => {
                self.saving.write_back = write_back;
                self.saved(ctx, path);
            }
            Err(e) => {
                self.saving.after = None;
                let message = format!("{e}\n{}", self.tr(T::TextKept));
                self.report(T::SaveFailed, message);
            }
        }
    }

    /// After a save to `path`: Ctrl+S writes there from now on, the session
    /// knows, and the action that waited for the save goes ahead.
    fn saved(&mut self, ctx: &egui::Context, path: &Path) {
        self.saving.target = Some(path.to_owned());
        self.desk_saved(path);
        self.page.name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        self.page.is_sample = false;
        self.status = Some(StatusMessage::label(T::SavedTo).value(path.display()));
        if let Some(then) = self.saving.after.take() {
            self.proceed(ctx, then);
        }
    }

    /// Replaces the text with the page's file as another program left it; the
    /// editor's text is the undo step before (nothing is lost).
    fn reload_now(&mut self) {
        let before = self.doc.text().to_owned();
        match self.doc.reload() {
            Ok(()) => {
                let change = jiaodui_core::edit::minimal_change(&before, self.doc.text());
                if !change.is_empty() {
                    let ended = self.after_change(&change, Duration::ZERO);
                    self.push_step(Step::Text { ended });
                }
                if let Some(path) = self.doc.path.clone() {
                    self.desk_saved(&path);
                    self.status = Some(StatusMessage::label(T::Reloaded).value(path.display()));
                }
            }
            Err(e) => self.report(T::OpenFailed, e.to_string()),
        }
    }

    fn save_settings(&mut self) {
        if let Some(path) = &self.settings_path
            && let Err(e) = settings::save(path, &self.settings)
        {
            self.status =
                Some(StatusMessage::label(T::SettingsSaveFailed).text(format!(": {e:#}")));
        }
    }
}

/// The review's way to get another frame: egui's repaint requests.
fn wake(ctx: &egui::Context) -> jiaodui_desk::review::Wake {
    let (later, now) = (ctx.clone(), ctx.clone());
    jiaodui_desk::review::Wake {
        after: std::sync::Arc::new(move |d| later.request_repaint_after(d)),
        now: std::sync::Arc::new(move || now.request_repaint()),
    }
}
