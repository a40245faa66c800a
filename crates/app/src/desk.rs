//! The desk around the page being proofread: its session (autosaved, offered for
//! resume), the folder of pages it belongs to, and its scan image. Plain state and
//! the commands that change it; the app applies them (`app/desk_ops.rs`), panels
//! draw them (`panels/pages.rs`, `panels/scan.rs`, `panels/resume.rs`).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use eframe::egui;

use super::i18n::Lang;
use jiaodui_desk::project::Project;
use jiaodui_desk::session::{PageStatus, Session};

/// How often work is written to the session file while the page is open.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(30);

#[derive(Clone, Debug, PartialEq)]
pub enum DeskCommand {
    /// Answer of the resume question.
    Resume(ResumeChoice),
    OpenFolderDialog,
    /// Open page `i` of the folder.
    OpenPage(usize),
    NextPage,
    PrevPage,
    /// Mark the current page done (or back in progress).
    MarkDone(bool),
    ShowPages(bool),
    ShowScan(bool),
    ScanZoom(ScanZoom),
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
    pub saved_key: Option<(u64, usize, usize, PageStatus)>,
    pub last_write: Instant,
    /// Autosave is off while the editor has not answered a resume question, and
    /// after Cancel (the session file is left as it was).
    pub paused: bool,
    /// A session file exists for the page (found at open or written since).
    pub has_file: bool,
}

/// The folder of pages open in the page list.
pub struct Folder {
    pub dir: PathBuf,
    pub pages: Vec<PathBuf>,
    pub project: Project,
    /// Findings left per page, counted on a worker thread at open.
    pub counting: Option<Receiver<(usize, Option<usize>)>>,
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

/// Labels of the desk's widgets, in 中文 and English (kept beside the desk's own
/// panels, in the same two-language pattern as `i18n.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum L {
    OpenFolder,
    Pages,
    PageList,
    Scan,
    NextPage,
    PrevPage,
    MarkDone,
    MarkInProgress,
    NotStarted,
    InProgress,
    Done,
    FindingsLeft,
    ResumeTitle,
    ResumeQuestion,
    CrashQuestion,
    SourceChanged,
    Resume,
    ResumeAnyway,
    StartOver,
    Cancel,
    SessionDamaged,
    KeptAs,
    SessionSaveFailed,
    EditsLost,
    FitWidth,
    ZoomIn,
    ZoomOut,
    Hide,
    ScanLoading,
    ScanFailed,
    NoScan,
    Downscaled,
    NoPages,
    FolderFailed,
    SavedAt,
}

impl L {
    pub fn get(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            L::OpenFolder => ("打开文件夹…", "Open folder…"),
            L::Pages => ("版面", "Pages"),
            L::PageList => ("版面列表", "Page list"),
            L::Scan => ("扫描图", "Scan image"),
            L::NextPage => ("下一版", "Next page"),
            L::PrevPage => ("上一版", "Previous page"),
            L::MarkDone => ("标记完成", "Mark done"),
            L::MarkInProgress => ("重新打开", "Reopen"),
            L::NotStarted => ("未开始", "not started"),
            L::InProgress => ("进行中", "in progress"),
            L::Done => ("已完成", "done"),
            L::FindingsLeft => ("待查", "left"),
            L::ResumeTitle => ("继续上次的校对？", "Resume your work?"),
            L::ResumeQuestion => (
                "这一版有保存的校对进度。",
                "This page has saved proofreading work.",
            ),
            L::CrashQuestion => (
                "上次程序没有正常关闭；这是自动保存的进度。",
                "The app did not close normally last time; this is the autosaved work.",
            ),
            L::SourceChanged => (
                "原文件在磁盘上已改变（与保存进度时不同）。继续会把修改套用到新的原文上。",
                "The page changed on disk since the work was saved. Resuming applies the edits to the new text.",
            ),
            L::Resume => ("继续", "Resume"),
            L::ResumeAnyway => ("仍然继续", "Resume anyway"),
            L::StartOver => ("重新开始", "Start over"),
            L::Cancel => (
                "取消（不动进度文件）",
                "Cancel (leave the saved work as is)",
            ),
            L::SessionDamaged => ("进度文件无法使用", "Saved work could not be used"),
            L::KeptAs => ("已另存为", "It was kept as"),
            L::SessionSaveFailed => ("无法保存进度", "Cannot save the work in progress"),
            L::EditsLost => (
                "处修改在新原文中找不到位置",
                "edits did not fit the new text",
            ),
            L::FitWidth => ("适合宽度", "Fit width"),
            L::ZoomIn => ("放大", "Zoom in"),
            L::ZoomOut => ("缩小", "Zoom out"),
            L::Hide => ("隐藏", "Hide"),
            L::ScanLoading => ("正在载入扫描图…", "Loading the scan…"),
            L::ScanFailed => ("无法打开扫描图", "Cannot open the scan"),
            L::NoScan => (
                "没有同名的扫描图（PNG、JPEG、TIFF）",
                "No scan image with the page's name (PNG, JPEG, TIFF)",
            ),
            L::Downscaled => ("已缩小以适应显卡", "downscaled to fit the GPU"),
            L::NoPages => ("文件夹里没有 .txt 版面", "No .txt pages in this folder"),
            L::FolderFailed => ("无法打开文件夹", "Cannot open the folder"),
            L::SavedAt => ("保存于", "saved"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    pub fn status(status: PageStatus) -> L {
        match status {
            PageStatus::NotStarted => L::NotStarted,
            PageStatus::InProgress => L::InProgress,
            PageStatus::Done => L::Done,
        }
    }
}

/// The desk's shortcuts, listed after the app's in Help → Keyboard shortcuts.
pub const SHORTCUTS: [(&str, L); 2] =
    [("Ctrl+PageDown", L::NextPage), ("Ctrl+PageUp", L::PrevPage)];
