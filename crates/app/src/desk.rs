//! The desk around the page being proofread: its session (autosaved, offered for
//! resume), the folder of pages it belongs to, and its scan image. Plain state and
//! the commands that change it; the app applies them (`app/desk_ops.rs`), panels
//! draw them (`panels/pages.rs`, `panels/scan.rs`, `panels/resume.rs`).

use crate::i18n::T;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use eframe::egui;

use jiaodui_desk::project::Project;
use jiaodui_desk::session::{PageStatus, Session};
use jiaodui_desk::structured::PageImage;

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
    /// Findings left per page, counted on a worker thread (`App::recount_pages`):
    /// at open, whenever the engine settings change (rules, house words, learned
    /// misreadings), and for pages changed from here (a replace across the folder).
    pub counting: Option<Receiver<(usize, Option<usize>)>>,
    /// The pages the running count will still report; a page recorded since (the
    /// editor left it) is taken out, so a count made before does not overwrite it.
    pub pending: BTreeSet<usize>,
    /// The folder's house words (`jiaodui-house-words.ron`).
    pub house_words: jiaodui_desk::house_words::HouseWords,
}

/// The scan image beside the text: of one page of the source at a time (a PDF or
/// a multi-page hOCR / ALTO / PAGE file has one image per page), the page the
/// cursor or the selected finding is on (`app/scan_link.rs` picks it).
pub struct Scan {
    /// Where each page's image comes from, by page of the source (`None`: that page
    /// has no image). Plain text with a scan beside it has one page.
    pub pages: Vec<Option<PageImage>>,
    /// The page shown (index into `pages`); `texture`, `path`, `original_size` and
    /// `error` are this page's.
    pub page: usize,
    /// The shown page's image file, once known (a PDF page's once rendered).
    pub path: Option<PathBuf>,
    /// The image being rendered and decoded on a worker thread, and its page (one at
    /// a time: flipping through pages never piles up renderers on the editor's cores).
    pub loading: Option<(usize, Receiver<super::scan_image::Loaded>)>,
    pub texture: Option<egui::TextureHandle>,
    /// Original size in pixels (before any downscale for the GPU).
    pub original_size: Option<[usize; 2]>,
    pub error: Option<String>,
    pub zoom: f32,
    pub fit_width: bool,
    /// Pages shown before, kept on the GPU (most recent last) so that going back
    /// to them is instant.
    kept: Vec<LoadedPage>,
}

/// A page's image as it is on the GPU.
struct LoadedPage {
    page: usize,
    path: PathBuf,
    texture: egui::TextureHandle,
    original_size: [usize; 2],
}

/// How many pages other than the shown one stay on the GPU (a 20-page PDF at the
/// scan's resolution is tens of megabytes a page).
const KEPT_PAGES: usize = 3;

impl Default for Scan {
    fn default() -> Self {
        Scan {
            pages: Vec::new(),
            page: 0,
            path: None,
            loading: None,
            texture: None,
            original_size: None,
            error: None,
            zoom: 1.0,
            fit_width: true,
            kept: Vec::new(),
        }
    }
}

impl Scan {
    /// A scan of `pages`, showing the first page.
    pub fn of_pages(pages: Vec<Option<PageImage>>) -> Scan {
        let mut scan = Scan {
            pages,
            ..Scan::default()
        };
        scan.path = scan.known_path(0);
        scan
    }

    /// Whether any page has an image (else there is no scan panel).
    pub fn has_image(&self) -> bool {
        self.pages.iter().any(Option::is_some)
    }

    /// Where page `page`'s image comes from.
    pub fn source(&self, page: usize) -> Option<&PageImage> {
        self.pages.get(page)?.as_ref()
    }

    /// Page `page`'s image file when it is known without rendering.
    fn known_path(&self, page: usize) -> Option<PathBuf> {
        match self.source(page)? {
            PageImage::File(p) => Some(p.clone()),
            PageImage::Pdf { .. } => None,
        }
    }

    /// Shows page `page`: at once if it was shown before and is still on the GPU,
    /// else once it is loaded (`desk_ops.rs` starts that). The page left stays on
    /// the GPU for a while.
    pub fn show_page(&mut self, page: usize) {
        if page == self.page || page >= self.pages.len() {
            return;
        }
        if let (Some(texture), Some(original_size), Some(path)) = (
            self.texture.take(),
            self.original_size.take(),
            self.path.take(),
        ) {
            self.keep(LoadedPage {
                page: self.page,
                path,
                texture,
                original_size,
            });
        }
        self.page = page;
        self.error = None;
        self.path = self.known_path(page);
        if let Some(i) = self.kept.iter().position(|k| k.page == page) {
            let k = self.kept.remove(i);
            self.path = Some(k.path);
            self.texture = Some(k.texture);
            self.original_size = Some(k.original_size);
        }
    }

    /// A page's image arrived from the worker: shown if it is the page shown, else
    /// kept for when the editor comes to it.
    pub fn loaded(
        &mut self,
        page: usize,
        path: PathBuf,
        texture: egui::TextureHandle,
        original_size: [usize; 2],
    ) {
        if page == self.page {
            self.path = Some(path);
            self.texture = Some(texture);
            self.original_size = Some(original_size);
            self.error = None;
        } else {
            self.keep(LoadedPage {
                page,
                path,
                texture,
                original_size,
            });
        }
    }

    fn keep(&mut self, loaded: LoadedPage) {
        self.kept.retain(|k| k.page != loaded.page);
        self.kept.push(loaded);
        if self.kept.len() > KEPT_PAGES {
            self.kept.remove(0);
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
