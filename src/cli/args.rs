use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use jiaodui_core::engine::RuleId;

fn rules_help() -> String {
    let mut s = String::from("Rules (ids for --rules):\n");
    for r in RuleId::ALL {
        s.push_str(&format!("  {:<18} {}\n", r.as_str(), r.description()));
    }
    s.push_str("\nExit codes: 0 nothing found / success, 1 findings (check), 2 error (unreadable or non-text input).");
    s
}

/// jiaodui (校对): proofread OCR'd Chinese newspaper pages.
///
/// With no subcommand, opens the desktop app on FILE (or on the bundled sample page).
#[derive(Debug, Parser)]
#[command(name = "jiaodui", version, args_conflicts_with_subcommands = true, after_help = rules_help())]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub gui: GuiArgs,
}

#[derive(Debug, Args, Default)]
pub struct GuiArgs {
    /// Page to open in the app (default: the bundled sample page). An image (PNG,
    /// JPEG, TIFF) is recognized with Tesseract first and its hOCR opened.
    pub file: Option<PathBuf>,
    /// Render the window at 1280×800 with FILE open, write a PNG and exit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// Render N frames with FILE open (scrolling and typing), print CPU time per frame, exit.
    #[arg(long, value_name = "N")]
    pub bench_frames: Option<u32>,
    /// Open the window as usual, print the time from process start to the first
    /// frame on screen (and peak memory), then close.
    #[arg(long)]
    pub time_startup: bool,
    /// Testing aid (crash recovery): open FILE without a window, type TEXT, keep
    /// autosaving until killed.
    #[arg(long, hide = true, value_name = "TEXT")]
    pub headless_type: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report every finding: `path:line:col: rule: message`, or JSON Lines.
    #[command(after_help = rules_help())]
    Check(CheckArgs),
    /// Apply every safe fix and write the corrected text (same encoding and line endings).
    #[command(after_help = rules_help())]
    Fix(FixArgs),
    /// Compare two versions of a page: unified diff (for `patch`), HTML or JSON report.
    ///
    /// Exit codes as diff(1): 0 the files are equal, 1 they differ, 2 error.
    Diff(DiffArgs),
    /// Score a candidate text against its hand-corrected truth: CER, paragraph
    /// precision/recall/F1, spaces left beside full-width punctuation. Two folders:
    /// files paired by name, one row each and a mean row.
    Score(ScoreArgs),
    /// Summarize a folder's proofreading (from its sessions): pages, status, findings
    /// fixed / ignored / left per rule, with a report per page in OUT-pages/ beside OUT.
    Report(ReportArgs),
    /// Recognize scans with Tesseract: each image (PNG, JPEG, TIFF; a folder: its
    /// images) becomes STEM.hocr beside it (or in --out-dir); a PDF without a text
    /// layer is rendered at 300 dpi, page N into STEM-pN.png and STEM-pN.hocr.
    /// Prints one line per page written. Needs `tesseract` and its language data
    /// (apt-get install tesseract-ocr tesseract-ocr-chi-sim).
    Ocr(OcrArgs),
}

#[derive(Debug, Args)]
pub struct OcrArgs {
    /// Images (PNG, JPEG, TIFF), scan-only PDFs, or folders of images.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Write the hOCR (and rendered PDF pages) here instead of beside each input.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Tesseract language(s): chi_sim, chi_sim_vert, chi_tra, chi_sim+eng, …
    #[arg(long, default_value = "chi_sim")]
    pub lang: String,
    /// Tesseract page segmentation mode (3: automatic layout, Tesseract's default;
    /// 4: one column; 6: one block of text).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(0..=13))]
    pub psm: u8,
}

/// Formats of the folder summary (the page reports follow it).
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ReportFormatArg {
    Html,
    Json,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The folder of pages.
    pub dir: PathBuf,
    /// The summary to write; the page reports go into OUT-pages/ beside it
    /// (OUT without its extension, then `-pages`).
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// Default: from OUT's extension (.json is JSON, anything else HTML).
    #[arg(long, value_enum)]
    pub format: Option<ReportFormatArg>,
    /// Rules used to count findings (comma-separated ids).
    #[arg(long, value_delimiter = ',')]
    pub rules: Option<Vec<RuleId>>,
    /// Replace read-only report files too.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, Default, PartialEq, Eq)]
pub enum ScoreFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// The hand-corrected page (or a folder of them).
    pub truth: PathBuf,
    /// The page to score (or a folder holding pages of the same names).
    pub candidate: PathBuf,
    #[arg(long, value_enum, default_value_t = ScoreFormat::Text)]
    pub format: ScoreFormat,
}

/// Report formats of `diff`.
#[derive(Debug, Clone, Copy, ValueEnum, Default, PartialEq, Eq)]
pub enum DiffFormat {
    /// Standard unified diff of the files as written; `patch BEFORE < REPORT` gives AFTER.
    #[default]
    Unified,
    /// One self-contained HTML page: summary by rule, changes highlighted by character.
    Html,
    /// The HTML report's data as JSON (fields documented in the README).
    Json,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The page before correction (e.g. the raw OCR).
    pub before: PathBuf,
    /// The page after correction.
    pub after: PathBuf,
    #[arg(long, value_enum, default_value_t = DiffFormat::Unified)]
    pub format: DiffFormat,
    /// Write here instead of standard output (`-`: standard output).
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Replace OUT even when it is a read-only file.
    #[arg(long)]
    pub force: bool,
    /// Rules used to attribute changes to findings (comma-separated ids).
    #[arg(long, value_delimiter = ',')]
    pub rules: Option<Vec<RuleId>>,
}

#[derive(Debug, Clone, Copy, ValueEnum, Default, PartialEq, Eq)]
pub enum CheckFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Pages to check (folders: every *.txt page in them, in parallel).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Only these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',')]
    pub rules: Option<Vec<RuleId>>,
    /// Language of the messages (default: Chinese when the locale is Chinese,
    /// e.g. LANG=zh_CN.UTF-8, otherwise English).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// House words never to flag: one word per line (a folder given also brings
    /// its own list, jiaodui-house-words.ron, from the desk's "Always correct").
    #[arg(long, value_name = "FILE")]
    pub house_words: Option<PathBuf>,
}

/// `--lang`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum LangArg {
    En,
    Zh,
}

#[derive(Debug, Args)]
pub struct FixArgs {
    /// Page to fix (or a folder of pages, with --out-dir).
    pub file: PathBuf,
    /// Write here instead of standard output (`-`: standard output).
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Only these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',')]
    pub rules: Option<Vec<RuleId>>,
    /// FILE is a folder: fix every page into this folder (same names), in parallel.
    #[arg(long, value_name = "OUT")]
    pub out_dir: Option<PathBuf>,
    /// Also write a report of the changes; the format follows the extension:
    /// .html, .diff/.patch (unified diff) or .json.
    #[arg(long, value_name = "REPORT")]
    pub report: Option<PathBuf>,
    /// Replace OUT (or the report) even when it is a read-only file.
    #[arg(long)]
    pub force: bool,
    /// What to write: the corrected text (one paragraph per line), or — for a
    /// structured input — the same format with the corrections written into its
    /// lines and words, coordinates and IDs unchanged (hocr, alto, page; also tsv,
    /// paddle).
    #[arg(long, value_enum, default_value_t = OutputKind::Text)]
    pub to: OutputKind,
    /// House words never to change: one word per line (a folder given also brings
    /// its own list, jiaodui-house-words.ron).
    #[arg(long, value_name = "FILE")]
    pub house_words: Option<PathBuf>,
}

/// `fix --to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputKind {
    Text,
    Hocr,
    Alto,
    Page,
    Tsv,
    Paddle,
}

impl OutputKind {
    pub fn name(self) -> &'static str {
        match self {
            OutputKind::Text => "text",
            OutputKind::Hocr => "hocr",
            OutputKind::Alto => "alto",
            OutputKind::Page => "page",
            OutputKind::Tsv => "tsv",
            OutputKind::Paddle => "paddle",
        }
    }
}
