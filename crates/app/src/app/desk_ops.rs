//! How the app applies the desk's commands and keeps the page's session: found and
//! offered when a page opens, autosaved while it is open, written clean on save
//! and exit; the folder's page list and project file; the scan image's loading.
//!
//! A child module of `app` so it can reach the app's private state without
//! widening the app's public surface.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;

use eframe::egui;

use super::{App, Dialog};
use crate::command::Command;
use crate::desk::{DeskCommand, Folder, Live, ResumeChoice, ResumeOffer, Scan, ScanZoom};
use crate::i18n::T;
use crate::panels::text_view::editor_id;
use crate::scan_image;
use crate::status_message::StatusMessage;
use jiaodui_core::engine::Finding;
use jiaodui_desk::closed_page;
use jiaodui_desk::project::{self, Project};
use jiaodui_desk::session::{self, Decision, PageStatus, Session, SourceMatch};
use jiaodui_desk::structured::PageImage;

/// Zoom limits of the scan panel.
const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.05..=8.0;

impl App {
    /// The page at `path` was just loaded: find its session (offer to resume it, or
    /// report a damaged one), its folder's status and its scan image.
    pub(super) fn desk_opened(&mut self, path: &Path) {
        self.desk.offer = None;
        self.desk.applied.clear();
        let bytes =
            jiaodui_desk::fsio::read_bounded(path, jiaodui_desk::fsio::MAX_PAGE_BYTES, "a page")
                .unwrap_or_default();
        let base = self.doc.original.clone();
        let (session_path, found) = session::find_for(path);
        let mut live = Live {
            source: path.to_owned(),
            base,
            session: Session::new(path, &bytes),
            saved_key: None, // set below, once the status is known
            last_write: Instant::now(),
            paused: false,
            has_file: !matches!(found, Ok(None)),
            disk: session::SessionOnDisk::seen_at(&session_path),
        };
        if let Some(folder) = &self.desk.folder {
            live.session.status = folder.project.entry(path).status;
        }
        match found {
            Ok(None) => {}
            Ok(Some(s)) => {
                let changed = s.check_source(&bytes) == SourceMatch::Changed;
                let has_work =
                    !s.edits.is_empty() || !s.ignores.is_empty() || s.ignored().next().is_some();
                if has_work {
                    live.paused = true;
                    self.desk.offer = Some(ResumeOffer {
                        crashed: !s.clean,
                        source_changed: changed,
                        saved_at: s.saved_at,
                        session: s,
                    });
                } else {
                    // Nothing to resume but the page's status: adopt it quietly.
                    live.session.status = s.status;
                }
            }
            Err(e) if e.is_unusable_file() => {
                let kept = session::set_aside(&session_path);
                let lang = self.lang();
                let message = match kept {
                    Ok(p) => format!("{e}\n{} {}", T::KeptAs.get(lang), p.display()),
                    Err(io) => format!("{e}\n({io})"),
                };
                self.report(
                    T::OpenFailed,
                    format!("{}:\n{message}", T::SessionDamaged.get(lang)),
                );
            }
            Err(e) => {
                // Unreadable (permissions): leave it alone and do not overwrite it.
                live.paused = true;
                self.status = Some(StatusMessage::plain(e.to_string()));
            }
        }
        // Another window with the page open: say so before anything is written.
        self.desk.lock = None;
        match jiaodui_desk::lock::PageLock::acquire(path) {
            jiaodui_desk::lock::Locked::Mine(lock) => self.desk.lock = Some(lock),
            jiaodui_desk::lock::Locked::Elsewhere(owner) => {
                live.paused = true;
                if matches!(self.dialog, Dialog::Error { .. }) {
                    self.pending_errors.push_back((
                        T::OpenElsewhereTitle,
                        T::OpenElsewhereText.get(self.lang()).into(),
                    ));
                    live.paused = self.desk.offer.is_some();
                } else {
                    self.dialog = Dialog::OpenElsewhere(owner);
                }
            }
            // A folder nobody can write to: nothing to lock, nothing to warn about.
            jiaodui_desk::lock::Locked::Unavailable(_) => {}
        }
        // Nothing to write until something changes (no session files for pages only looked at).
        let k = self.desk_key();
        live.saved_key = Some((k.0, k.1, k.2, live.session.status));
        self.desk.live = Some(live);
        self.desk.session_path = Some(session_path);
        // A folder's pages share one zoom; a page on its own starts fitted to width.
        let folder_zoom = self
            .desk
            .folder
            .as_ref()
            .filter(|f| f.pages.iter().any(|p| p == path))
            .and_then(|f| f.project.scan_zoom_percent)
            .map(|p| p as f32 / 100.0);
        // Structured OCR names an image per page, a PDF's pages are rendered (later,
        // on a worker: see `poll_scan`); else the scan is found by the page's name.
        let mut pages: Vec<Option<PageImage>> = self
            .doc
            .structured()
            .map(|s| (0..s.page_count()).map(|p| s.page_image(path, p)).collect())
            .unwrap_or_default();
        if pages.first().is_none_or(Option::is_none) {
            let beside = scan_image::find_beside(path).map(PageImage::File);
            match pages.first_mut() {
                Some(first) => *first = beside,
                None => pages.push(beside),
            }
        }
        let mut scan = Scan::of_pages(pages);
        scan.zoom = folder_zoom.map_or(1.0, |z| z.clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end()));
        scan.fit_width = folder_zoom.is_none();
        self.desk.scan = scan;
    }

    /// The editor answered the resume question.
    fn resume(&mut self, choice: ResumeChoice) {
        let Some(offer) = self.desk.offer.take() else {
            return;
        };
        let Some(live) = self.desk.live.as_mut() else {
            return;
        };
        match choice {
            ResumeChoice::Resume => {
                let s = offer.session;
                // The file the work was saved to, if unchanged since: this desk wrote
                // it, so saving there again does not ask.
                let saved_file = s
                    .saved
                    .as_ref()
                    .and_then(|c| Some((c.path.clone(), c.read_unchanged()?)));
                let (text, lost) = match s.restore(&live.base) {
                    Ok(t) if !offer.source_changed => (t, 0),
                    _ => s.restore_onto(&live.base),
                };
                let legacy = s.legacy_ignored();
                let placed = s.placed_ignores(&text);
                // Work equal to the file it was saved to is saved work: no "unsaved"
                // marker, Ctrl+S writes there again.
                let saved_to = s.saved.as_ref().and_then(|c| {
                    let bytes = c.read_unchanged()?;
                    let decoded = jiaodui_core::text::decode(&bytes).ok()?;
                    (decoded.text == text).then(|| c.path.clone())
                });
                let target = s
                    .saved
                    .as_ref()
                    .filter(|c| c.path.is_file())
                    .map(|c| c.path.clone());
                for (fp, d) in &s.decisions {
                    if *d == Decision::Applied {
                        self.desk.applied.insert(*fp, ());
                    }
                }
                // Keep the current source's identity: the next start has no mismatch.
                let fresh = std::mem::replace(&mut live.session, s);
                live.session.source_hash = fresh.source_hash;
                live.session.source_len = fresh.source_len;
                live.session.source = fresh.source;
                if live.session.status == PageStatus::NotStarted {
                    live.session.status = PageStatus::InProgress;
                }
                live.paused = false;
                let cursor = live.session.cursor.min(text.len());
                self.editor.restore_scroll = Some(live.session.scroll);
                self.doc.continue_work(text, saved_to);
                if let Some((path, bytes)) = saved_file {
                    let stamp = jiaodui_desk::stamp::DiskStamp::of(&path, &bytes);
                    self.doc.remember_file(&path, stamp);
                }
                if let Some(p) = target {
                    self.page.name = p.file_name().map_or_else(
                        || p.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    // Saved in the source's format before: Ctrl+S writes it so again.
                    self.saving.write_back =
                        self.can_write_back() && jiaodui_desk::structured::is_structured_name(&p);
                    self.saving.target = Some(p);
                }
                self.history.steps.clear();
                self.history.undone.clear();
                self.buffer = self.doc.text().to_owned();
                self.review
                    .set_ignored(&placed, legacy, &self.doc, &self.settings.engine);
                self.selection.selected = None;
                self.selection.at = None;
                let cursor = (0..=cursor)
                    .rev()
                    .find(|&c| self.doc.text().is_char_boundary(c))
                    .unwrap_or(0);
                self.selection.reveal = Some(cursor..cursor);
                if lost > 0 {
                    self.status = Some(StatusMessage::plain(format!("{lost} ")).then(T::EditsLost));
                }
            }
            ResumeChoice::StartOver => {
                live.paused = false;
                live.saved_key = None;
                // Written now, so the old work is not offered again after a crash.
                self.write_session(false);
            }
            ResumeChoice::Cancel => {
                live.paused = true;
            }
        }
    }

    /// Writes the session (if one is live and not paused). `clean`: a regular save
    /// or exit, as opposed to an autosave while the page is open.
    pub fn write_session(&mut self, clean: bool) {
        let text = self.doc.text();
        let ignored: Vec<u64> = self
            .review
            .ignored()
            .iter()
            .map(|f| f.fingerprint(text))
            .collect();
        let ignores: Vec<session::SavedIgnore> = self
            .review
            .ignored()
            .iter()
            .map(|f| session::SavedIgnore {
                rule: f.rule.as_str().to_owned(),
                at: f.span_bytes.start,
                text: f.original(text).to_owned(),
            })
            .collect();
        let left = self.review.findings().len();
        let key_now = self.desk_key();
        let Some(live) = self.desk.live.as_mut() else {
            return;
        };
        if live.paused {
            return;
        }
        if live.session.status == PageStatus::NotStarted
            && (key_now.0 > 0 || !ignores.is_empty() || key_now.2 > 0)
        {
            live.session.status = PageStatus::InProgress;
        }
        live.session.set_text(&live.base, self.doc.text());
        live.session.decisions.clear();
        live.session.ignores = ignores;
        for fp in &ignored {
            live.session.decisions.insert(*fp, Decision::Ignored);
        }
        for fp in self.desk.applied.keys() {
            live.session
                .decisions
                .entry(*fp)
                .or_insert(Decision::Applied);
        }
        live.session.cursor = self.desk.cursor;
        live.session.scroll = self.text_view.scroll_offset();
        live.session.clean = clean;
        live.last_write = Instant::now();
        live.saved_key = Some((key_now.0, key_now.1, key_now.2, live.session.status));
        let status = live.session.status;
        let source = live.source.clone();
        match live.session.save_for_shared(&source, &mut live.disk) {
            Ok((p, kept)) => {
                live.has_file = true;
                self.desk.session_path = Some(p);
                if let Some(kept) = kept {
                    self.status =
                        Some(StatusMessage::label(T::OtherDeskKept).value(kept.display()));
                }
            }
            Err(e) => {
                self.status =
                    Some(StatusMessage::label(T::SessionSaveFailed).text(format!(": {e}")))
            }
        }
        self.update_project(&source, Some(status), Some(left));
    }

    /// Records the page's status and findings left in the folder's project file.
    fn update_project(&mut self, page: &Path, status: Option<PageStatus>, left: Option<usize>) {
        let Some(folder) = self.desk.folder.as_mut() else {
            return;
        };
        if !folder.pages.iter().any(|p| p == page) {
            return;
        }
        if let Some(i) = folder.pages.iter().position(|p| p == page) {
            folder.pending.remove(&i);
        }
        let Some(entry) = folder.project.entry_mut(page) else {
            return;
        };
        let before = entry.clone();
        if let Some(s) = status {
            entry.status = s;
        }
        if left.is_some() {
            entry.findings_left = left;
        }
        if *entry != before
            && let Err(e) = folder.project.save(&folder.dir)
        {
            self.status = Some(StatusMessage::plain(e.to_string()));
        }
    }

    /// Leaving the page (another page, exit): the session is written clean — unless
    /// the page was only looked at and has no session file (no clutter beside pages).
    pub fn leave_page(&mut self) {
        let key = self.desk_key();
        let untouched = self.desk.live.as_ref().is_some_and(|l| {
            l.saved_key == Some((key.0, key.1, key.2, l.session.status)) && !l.has_file
        });
        if !untouched {
            self.write_session(true);
        }
        // The page is closed here: another window may have it without a warning.
        self.desk.lock = None;
        // The folder's scan zoom, if the editor changed it (the wheel changes it
        // many times a second: written once, here).
        if let Some(folder) = self.desk.folder.as_mut()
            && folder.project.scan_zoom_changed()
            && let Err(e) = folder.project.save(&folder.dir)
        {
            self.status = Some(StatusMessage::plain(e.to_string()));
        }
    }

    /// What the session's last write recorded: (text revision, ignores, applied).
    /// Ignores count by their changes, not their number (restore one, ignore another).
    fn desk_key(&self) -> (u64, u64, usize) {
        (
            self.doc.revision(),
            self.review.decisions(),
            self.desk.applied.len(),
        )
    }

    /// The editor chose Discard for unsaved changes: the session goes back to the
    /// last saved state — the file the work was saved to, or the page as loaded
    /// when it never was (decisions and status stay). Saved work is never thrown
    /// away: when the saved file is gone or changed, the session keeps its edits.
    pub(super) fn desk_discard(&mut self) {
        if let Some(live) = self.desk.live.as_mut()
            && !live.paused
        {
            let saved_text = match &live.session.saved {
                None => Some(live.base.clone()),
                Some(copy) => copy
                    .read_unchanged()
                    .and_then(|b| jiaodui_core::text::decode(&b).ok())
                    .map(|d| d.text),
            };
            if let Some(saved_text) = saved_text {
                let base = live.base.clone();
                live.session.set_text(&base, &saved_text);
            }
            live.session.clean = true;
            let source = live.source.clone();
            let _ = live.session.save_for_shared(&source, &mut live.disk);
            live.paused = true; // nothing more to write for this page
        }
    }

    /// A save succeeded: the session is written clean; if the editor overwrote the
    /// source itself, the session now starts from the saved bytes.
    pub(super) fn desk_saved(&mut self, path: &Path) {
        if let Some(live) = self.desk.live.as_mut()
            && let Ok(bytes) =
                jiaodui_desk::fsio::read_bounded(path, jiaodui_desk::fsio::MAX_PAGE_BYTES, "a page")
        {
            if live.source == path {
                live.base = self.doc.text().to_owned();
                live.session.source_hash = session::source_hash(&bytes);
                live.session.source_len = bytes.len() as u64;
                live.session.saved = None;
            } else {
                live.session.saved = Some(session::SavedCopy::of(path, &bytes));
            }
        }
        self.write_session(true);
    }

    /// Fingerprints of the findings about to be applied (`which` picks them).
    pub(super) fn note_applied(&mut self, which: impl Fn(usize, &Finding) -> bool) {
        let text = self.doc.text();
        for (i, f) in self.review.findings().iter().enumerate() {
            if which(i, f) && f.is_fixable() {
                self.desk.applied.insert(f.fingerprint(text), ());
            }
        }
    }

    /// Opens a folder of pages: the page list, the project file, and the first page
    /// not yet done.
    pub(super) fn open_folder(&mut self, dir: &Path) {
        let lang = self.lang();
        let pages = match project::list_pages(dir) {
            Ok(p) if !p.is_empty() => p,
            Ok(_) => {
                return self.report(
                    T::OpenFailed,
                    format!("{}: {}", T::NoPages.get(lang), dir.display()),
                );
            }
            Err(e) => {
                return self.report(
                    T::OpenFailed,
                    format!("{}: {}: {e}", T::FolderFailed.get(lang), dir.display()),
                );
            }
        };
        let project = match Project::load(dir) {
            Ok(p) => p,
            Err(e) => {
                let kept = session::set_aside(&Project::path_in(dir));
                let kept = kept
                    .map(|p| format!("{} {}", T::KeptAs.get(lang), p.display()))
                    .unwrap_or_default();
                self.report(T::OpenFailed, format!("{e}\n{kept}"));
                Project::default()
            }
        };
        let words = jiaodui_desk::house_words::HouseWords::load(dir);
        let learned = jiaodui_desk::confusions::Confusions::load(dir);
        for problem in [words.problem, learned.problem].into_iter().flatten() {
            self.report(T::OpenFailed, problem);
        }
        self.desk.confusions = learned.value;
        let first = pages
            .iter()
            .find(|p| project.entry(p).status != PageStatus::Done)
            .or(pages.first())
            .cloned();
        self.desk.folder = Some(Folder {
            dir: dir.to_owned(),
            pages,
            project,
            counting: None,
            pending: BTreeSet::new(),
            house_words: words.value,
        });
        if !self.refresh_words() {
            self.recount_pages(None);
        }
        self.desk.show_pages = true;
        if let Some(p) = first {
            self.commands.push(Command::OpenPath(p));
        }
    }

    /// Index of the open page in the folder.
    pub fn current_page(&self) -> Option<usize> {
        let folder = self.desk.folder.as_ref()?;
        let live = self.desk.live.as_ref()?;
        folder.pages.iter().position(|p| *p == live.source)
    }

    /// Applies a desk command.
    pub(super) fn run_desk(&mut self, ctx: &egui::Context, c: DeskCommand) {
        match c {
            DeskCommand::RecognizeDialog => self.recognize_dialog(ctx),
            DeskCommand::RecognizePath(p) => self.start_recognition(ctx, &p),
            DeskCommand::CancelRecognize => self.cancel_recognition(),
            DeskCommand::Resume(choice) => self.resume(choice),
            DeskCommand::OpenFolderDialog => self.open_folder_dialog(),
            DeskCommand::ExportFolderReport => self.folder_report_dialog(),
            DeskCommand::ExportFolderReportTo(p) => self.folder_report_to(&p),
            DeskCommand::OpenPage(i) => {
                if let Some(p) = self
                    .desk
                    .folder
                    .as_ref()
                    .and_then(|f| f.pages.get(i))
                    .cloned()
                {
                    self.commands.push(Command::OpenPath(p));
                }
            }
            DeskCommand::NextPage | DeskCommand::PrevPage => {
                let Some(n) = self.desk.folder.as_ref().map(|f| f.pages.len()) else {
                    return;
                };
                let next = match (self.current_page(), c == DeskCommand::NextPage) {
                    (None, _) => Some(0),
                    (Some(i), true) => (i + 1 < n).then_some(i + 1),
                    (Some(i), false) => i.checked_sub(1),
                };
                if let Some(p) = next.and_then(|i| self.desk.folder.as_ref()?.pages.get(i).cloned())
                {
                    self.commands.push(Command::OpenPath(p));
                }
            }
            DeskCommand::MarkDone(done) => {
                if let Some(live) = self.desk.live.as_mut() {
                    live.session.status = if done {
                        PageStatus::Done
                    } else {
                        PageStatus::InProgress
                    };
                    live.paused = false;
                }
                self.write_session(true);
            }
            DeskCommand::ShowPages(v) => self.desk.show_pages = v,
            DeskCommand::ShowScan(v) => self.desk.show_scan = v,
            DeskCommand::ScanZoom(z) => {
                let scan = &mut self.desk.scan;
                match z {
                    ScanZoom::FitWidth => scan.fit_width = true,
                    ScanZoom::Set(z) => {
                        scan.fit_width = false;
                        scan.zoom = z.clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
                    }
                }
                // Kept for the folder's other pages (written when the page is left).
                if let Some(folder) = self.desk.folder.as_mut() {
                    folder.project.scan_zoom_percent =
                        (!scan.fit_width).then_some((scan.zoom * 100.0).round() as u32);
                }
            }
        }
    }

    /// File → Open folder: rfd's folder picker, or the path field where no native
    /// dialog can be shown (the same fallback as File → Open; a folder path opens
    /// the folder).
    fn open_folder_dialog(&mut self) {
        let start_dir = self.dialog_start_dir();
        if self.dialogs == super::Dialogs::Native {
            use crate::native_dialog::{Answer, Ask, ask};
            match ask(Ask::OpenFolder, start_dir.as_deref(), &[]) {
                Answer::Chosen(p) => return self.commands.push(Command::OpenPath(p)),
                Answer::Cancelled => return,
                Answer::Unavailable => {}
            }
        }
        let path = start_dir
            .map(|d| format!("{}/", d.display()))
            .unwrap_or_default();
        self.dialog = Dialog::OpenPath {
            path,
            no_native: self.dialogs == super::Dialogs::Native,
        };
    }

    /// Ctrl+PageDown / Ctrl+PageUp: next / previous page (before the editor sees the keys).
    pub(super) fn desk_shortcuts(&mut self, ctx: &egui::Context) {
        if self.desk.folder.is_none() || self.dialog != Dialog::None || self.desk.offer.is_some() {
            return;
        }
        let (next, prev) = ctx.input_mut(|i| {
            (
                crate::shortcuts::consume(i, crate::shortcuts::Action::NextPage),
                crate::shortcuts::consume(i, crate::shortcuts::Action::PrevPage),
            )
        });
        if next {
            self.commands.push(Command::Desk(DeskCommand::NextPage));
        }
        if prev {
            self.commands.push(Command::Desk(DeskCommand::PrevPage));
        }
    }

    /// Once a frame, after the commands: autosave when due, the cursor for the
    /// session, the folder's finding counts, the scan's background decode.
    pub(super) fn desk_tick(&mut self, ctx: &egui::Context) {
        if let Some(state) = egui::TextEdit::load_state(ctx, editor_id())
            && let Some(range) = state.cursor.char_range()
        {
            self.desk.cursor = self
                .text_view
                .byte_of_char(range.primary.index.0)
                .unwrap_or(self.desk.cursor);
        }
        let every = self.desk.autosave_every;
        let key = self.desk_key();
        if let Some(live) = &self.desk.live
            && !live.paused
        {
            let now_key = (key.0, key.1, key.2, live.session.status);
            if live.saved_key != Some(now_key) {
                let due = live.last_write + every;
                let now = Instant::now();
                if now >= due || live.saved_key.is_none() {
                    self.write_session(false);
                } else {
                    ctx.request_repaint_after(due - now);
                }
            }
        }
        self.poll_counts(ctx);
        self.poll_scan(ctx);
        self.poll_recognition(ctx);
    }

    /// Takes in the page list's figures as the counting worker reports them.
    fn poll_counts(&mut self, ctx: &egui::Context) {
        let Some(folder) = self.desk.folder.as_mut() else {
            return;
        };
        let Some(rx) = &folder.counting else {
            return;
        };
        loop {
            match rx.try_recv() {
                Ok((i, n)) => {
                    if folder.pending.remove(&i)
                        && n.is_some()
                        && let Some(entry) = folder
                            .pages
                            .get(i)
                            .cloned()
                            .and_then(|p| folder.project.entry_mut(&p))
                    {
                        entry.findings_left = n;
                    }
                }
                Err(mpsc::TryRecvError::Empty) => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(100));
                    break;
                }
                Err(mpsc::TryRecvError::Disconnected) => {
                    folder.counting = None;
                    folder.pending.clear();
                    break;
                }
            }
        }
    }

    /// Counts the findings left on the folder's pages (all of them, or `only`
    /// these) on a worker, with the engine settings as they are now, each page as
    /// it would reopen ([`closed_page::findings_left`]): at open, whenever the
    /// engine settings change (where the open page is re-checked for the same
    /// reason), and for pages written from here. The figures shown stay
    /// until the new ones arrive; a count still running is folded into this one.
    /// The open page is left out: the list shows its live figure.
    pub(super) fn recount_pages(&mut self, only: Option<&[PathBuf]>) {
        let current = self.current_page();
        let settings = self.settings.engine.clone();
        let Some(folder) = self.desk.folder.as_mut() else {
            return;
        };
        let mut todo: BTreeSet<usize> = match only {
            None => (0..folder.pages.len()).collect(),
            Some(pages) => folder
                .pages
                .iter()
                .enumerate()
                .filter(|(_, p)| pages.contains(p))
                .map(|(i, _)| i)
                .collect(),
        };
        if folder.counting.take().is_some() {
            todo.append(&mut folder.pending);
        }
        if let Some(i) = current {
            todo.remove(&i);
        }
        let list: Vec<(usize, PathBuf)> = todo
            .iter()
            .filter_map(|&i| folder.pages.get(i).map(|p| (i, p.clone())))
            .collect();
        folder.pending = todo;
        if list.is_empty() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for (i, page) in list {
                let n = closed_page::findings_left(&page, &settings);
                if tx.send((i, n)).is_err() {
                    return;
                }
            }
        });
        folder.counting = Some(rx);
    }

    /// Loads the shown page's image on a worker (one page at a time) and takes
    /// what the worker sends back.
    pub(super) fn poll_scan(&mut self, ctx: &egui::Context) {
        let scan = &mut self.desk.scan;
        if !self.desk.show_scan {
            return;
        }
        if let Some((page, rx)) = &scan.loading {
            let page = *page;
            match rx.try_recv() {
                Ok(Ok((path, image, original))) => {
                    let texture = ctx.load_texture(
                        format!("scan:{}:{page}", path.display()),
                        image,
                        egui::TextureOptions::LINEAR,
                    );
                    scan.loading = None;
                    scan.loaded(page, path, texture, original);
                }
                Ok(Err(e)) => {
                    scan.loading = None;
                    if page == scan.page {
                        scan.error = Some(e);
                    }
                }
                Err(mpsc::TryRecvError::Empty) => {}
                Err(mpsc::TryRecvError::Disconnected) => {
                    scan.loading = None;
                    if page == scan.page {
                        scan.error = Some("decoder stopped".into());
                    }
                }
            }
        }
        if scan.loading.is_none()
            && scan.texture.is_none()
            && scan.error.is_none()
            && let Some(source) = scan.source(scan.page).cloned()
        {
            let max_side = ctx.input(|i| i.max_texture_side).min(scan_image::MAX_SIDE);
            scan.loading = Some((
                scan.page,
                scan_image::load_in_background(source, max_side, ctx.clone()),
            ));
        }
    }

    /// The path of the session file of the open page (tests, status bar).
    pub fn session_file(&self) -> Option<&PathBuf> {
        self.desk.session_path.as_ref()
    }
}

impl App {
    /// Attaches the desk (session, scan) to a page loaded outside the command loop
    /// (screenshot and bench modes build the app around an already loaded page).
    pub fn attach_desk(&mut self, path: &Path) {
        self.desk_opened(path);
    }

    /// True while the desk still loads something worth waiting for in a
    /// screenshot: the scan image, or the folder's finding counts.
    pub fn desk_busy(&self) -> bool {
        self.desk.scan.loading.is_some()
            || self.desk.recognition.is_some()
            || (self.desk.show_scan
                && self.desk.scan.source(self.desk.scan.page).is_some()
                && self.desk.scan.texture.is_none()
                && self.desk.scan.error.is_none())
            || self
                .desk
                .folder
                .as_ref()
                .is_some_and(|f| f.counting.is_some())
    }
}

impl App {
    /// The most recent page whose session was not closed cleanly (the app was
    /// killed): a start without a FILE reopens it, which offers the autosaved work.
    pub fn crashed_recent(&self) -> Option<PathBuf> {
        self.settings
            .recent
            .iter()
            .find(|p| matches!(session::find_for(p).1, Ok(Some(s)) if !s.clean))
            .cloned()
    }
}
