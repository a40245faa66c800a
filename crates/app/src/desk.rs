//! The desk around the page being proofread: its session (autosaved, offered for
//! resume), the folder of pages it belongs to, and its scan image. Plain state and
//! the commands that change it; the app applies them (`app/desk_ops.rs`), panels
//! draw them (`panels/pages.rs`, `panels/scan.rs`, `panels/resume.rs`).

use crate::i18n::T;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use eframe::egui;

use jiaodui_desk::project::Project;
use jiaodui_desk::session::{PageStatus, Session};

/// How often work is written to the session file while the page is open.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(30);

#[derive(Clone, Debug, PartialEq)]
pub enum DeskCommand {
    /// Answer of the resume question.
    Resume(ResumeChoice),
    OpenFolderDialog,
    /// File → Export folder report…: native save dialog, or the path field.
    ExportFolderReport,
    ExportFolderReportTo(PathBuf),
    /// Open page `i` of the folder.
    OpenPage(usize),
    NextPage,
    PrevPage,
    /// Mark the current page done (or back in progress).
    MarkDone(bool),
    ShowPages(bool),
    ShowScan(bool),
    ScanZoom(ScanZoom),
    /// File → Recognize scan…: pick an image (native dialog, or the path field).
    RecognizeDialog,
    /// Recognize this image (or scan-only PDF) in the background, then open its hOCR.
    RecognizePath(PathBuf),
    /// Stop the recognition under way.
    CancelRecognize,
}

/// What the recognition worker reports.
pub enum RecognizeMsg {
    /// Page `.0` (1-based) of `.1` started.
    Page(usize, usize),
    /// Finished: the hOCR files written, or why not.
    Done(Result<Vec<PathBuf>, jiaodui_desk::recognize::RecognizeError>),
}

/// A recognition running on a worker thread (Tesseract is a child process of it).
pub struct Recognition {
    pub source: PathBuf,
    pub rx: Receiver<RecognizeMsg>,
    pub cancel: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// (page, pages) of the last progress report; (0, 0) before the first.
    pub page: (usize, usize),
}

impl Drop for Recognition {
    /// A recognition nobody waits for any more (the window closed) stops Tesseract.
    fn drop(&mut self) {
        self.cancel
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResumeChoice {
    Resume,
    StartOver,
    /// Leave the session file untouched (source changed on disk and the editor is unsure).
    Cancel,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ScanZoom {
    FitWidth,
    /// Zoom factor, 1.0 = one image pixel per point.
    Set(f32),
}

/// A session found when a page was opened, waiting for the editor's answer.
#[derive(Clone, Debug)]
pub struct ResumeOffer {
    pub session: Session,
    /// The source's bytes differ from the ones the session was made on.
    pub source_changed: bool,
    /// A session the app did not close cleanly (autosaved, then killed).
    pub crashed: bool,
    /// When it was last written (unix seconds).
    pub saved_at: u64,
}

/// The page's live session.
pub struct Live {
    /// The page the session belongs to (the raw OCR, not the `.corrected.txt`).
    pub source: PathBuf,
    /// The source's decoded text, which the session's edits start from.
    pub base: String,
    pub session: Session,
    /// What was last written: (revision, ignored, applied, status) — no write when equal.
    pub saved_key: Option<(u64, u64, usize, PageStatus)>,
    pub last_write: Instant,
    /// Autosave is off while the editor has not answered a resume question, and
    /// after Cancel (the session file is left as it was).
    pub paused: bool,
    /// A session file exists for the page (found at open or written since).
    pub has_file: bool,
    /// The session file as this desk last read or wrote it: another desk's write
    /// since is kept, not overwritten.
    pub disk: jiaodui_desk::session::SessionOnDisk,
}

/// The folder of pages open in the page list.
pub struct Folder {
    pub dir: PathBuf,
    pub pages: Vec<PathBuf>,
    pub project: Project,
    /// Findings left per page, counted on a worker thread at open.
    pub counting: Option<Receiver<(usize, Option<usize>)>>,
    /// The folder's house words (`jiaodui-house-words.ron`).
    pub house_words: jiaodui_desk::house_words::HouseWords,
}

/// The scan image beside the text.
pub struct Scan {
    pub path: Option<PathBuf>,
    pub loading: Option<Receiver<super::scan_image::Decoded>>,
    pub texture: Option<egui::TextureHandle>,
    /// Original size in pixels (before any downscale for the GPU).
    pub original_size: Option<[usize; 2]>,
    pub error: Option<String>,
    pub zoom: f32,
    pub fit_width: bool,
}

impl Default for Scan {
    fn default() -> Self {
        Scan {
            path: None,
            loading: None,
            texture: None,
            original_size: None,
            error: None,
            zoom: 1.0,
            fit_width: true,
        }
    }
}

pub struct Desk {
    pub live: Option<Live>,
    pub offer: Option<ResumeOffer>,
    /// Fingerprints of findings applied on this page (for the session's decisions).
    pub applied: BTreeMap<u64, ()>,
    pub folder: Option<Folder>,
    pub show_pages: bool,
    pub scan: Scan,
    pub show_scan: bool,
    pub autosave_every: Duration,
    /// Where the session went last (status bar tooltip, tests).
    pub session_path: Option<PathBuf>,
    /// The editor's cursor (byte offset), kept for the session.
    pub cursor: usize,
    /// File → Recognize scan under way.
    pub recognition: Option<Recognition>,
    /// The Tesseract program (`tesseract` on PATH; tests point it elsewhere).
    pub ocr_program: PathBuf,
    /// Installed Tesseract languages, asked once when Settings opens.
    pub ocr_languages: Option<Result<Vec<String>, jiaodui_desk::recognize::RecognizeError>>,
    /// This window's lock on the open page (`.NAME.jiaodui-lock`), released on close.
    pub lock: Option<jiaodui_desk::lock::PageLock>,
    /// Confusions learned from the editor: the folder's table, or (outside a
    /// folder) this window's, not written anywhere.
    pub confusions: jiaodui_desk::confusions::Confusions,
}

impl Default for Desk {
    fn default() -> Self {
        Desk {
            live: None,
            offer: None,
            applied: BTreeMap::new(),
            folder: None,
            show_pages: true,
            scan: Scan::default(),
            show_scan: true,
            autosave_every: autosave_every(),
            session_path: None,
            cursor: 0,
            recognition: None,
            ocr_program: PathBuf::from("tesseract"),
            ocr_languages: None,
            lock: None,
            confusions: Default::default(),
        }
    }
}

/// [`AUTOSAVE_EVERY`], or `JIAODUI_AUTOSAVE_MS` (tests use a short interval).
fn autosave_every() -> Duration {
    std::env::var("JIAODUI_AUTOSAVE_MS")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or(AUTOSAVE_EVERY, Duration::from_millis)
}

impl Desk {
    pub fn status(&self) -> PageStatus {
        self.live
            .as_ref()
            .map_or(PageStatus::NotStarted, |l| l.session.status)
    }
}

/// The label of a page status.
pub fn status_label(status: PageStatus) -> T {
    match status {
        PageStatus::NotStarted => T::NotStarted,
        PageStatus::InProgress => T::InProgress,
        PageStatus::Done => T::Done,
    }
}
