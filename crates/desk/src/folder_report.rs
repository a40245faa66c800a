//! `jiaodui report DIR -o OUT` and the app's File → Export folder report…: one
//! summary of a folder's pages from their sessions, plus each page's own report.
//!
//! Layout on disk (the summary links to the page reports by relative path, so the
//! summary and its folder can be moved or mailed together):
//!
//! ```text
//! OUT.html               the summary (or OUT.json)
//! OUT-pages/NAME.html    one report per page (NAME: the page's name without .txt)
//! ```
//!
//! A page's corrected text is its session's (the desk's saved work, wherever the
//! session lives); with no session, `NAME.corrected.txt` beside it; with neither,
//! the page as it is. Ignored counts come from the session's decisions. The
//! report only reads the folder: nothing in it is changed, and a damaged session is
//! reported on its page, not set aside.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiaodui_core::engine::{self, RuleId, Settings};
use jiaodui_core::report::folder::{FolderPage, FolderReport, Progress, Source};
use jiaodui_core::report::{Page, Report, ReportFormat, Summary};
use thiserror::Error;

use crate::document::{Document, WriteOptions, write_atomic_with};
use crate::project::{self, Project};
use crate::session::{self, PageStatus, Session, SourceMatch};

/// The summary's two formats (the page reports follow it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FolderFormat {
    Html,
    Json,
}

impl FolderFormat {
    /// From the output's extension: `.json` is JSON, anything else HTML.
    pub fn from_path(path: &Path) -> Self {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("json") => FolderFormat::Json,
            _ => FolderFormat::Html,
        }
    }

    fn extension(self) -> &'static str {
        match self {
            FolderFormat::Html => "html",
            FolderFormat::Json => "json",
        }
    }
}

#[derive(Debug, Error)]
pub enum FolderReportError {
    #[error("{0} is not a folder (give the folder of pages)")]
    NotAFolder(PathBuf),
    #[error("cannot list {path}: {source}")]
    List { path: PathBuf, source: io::Error },
    #[error("{0} has no pages (*.txt files other than *.corrected.txt)")]
    NoPages(PathBuf),
    #[error("{out} is an input ({input}): refusing to overwrite it (write the report elsewhere)")]
    OutputIsInput { out: PathBuf, input: PathBuf },
    #[error(
        "{0} would put the page reports into the folder being reported; name the report differently"
    )]
    PagesIntoInput(PathBuf),
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
}

/// What was written.
#[derive(Debug)]
pub struct Written {
    pub summary: PathBuf,
    pub pages_dir: PathBuf,
    pub pages: usize,
    /// Pages that could not be read, with why (also shown in the summary).
    pub errors: Vec<(PathBuf, String)>,
}

/// `OUT-pages` beside `OUT` (`OUT` without its extension).
pub fn pages_dir_for(out: &Path) -> PathBuf {
    let stem = out
        .file_stem()
        .map_or_else(|| "report".to_owned(), |s| s.to_string_lossy().into_owned());
    out.with_file_name(format!("{stem}-pages"))
}

/// Writes the summary of `dir` to `out` and the page reports to
/// [`pages_dir_for`]`(out)`. `date` is RFC 3339 (injected: tests pin it).
/// A page that cannot be read is listed with its error and the rest go on.
pub fn write(
    dir: &Path,
    out: &Path,
    format: FolderFormat,
    settings: &Settings,
    date: &str,
    options: WriteOptions,
) -> Result<Written, FolderReportError> {
    let pages = check_paths(dir, out)?;
    let pages_dir = pages_dir_for(out);
    let link_dir = pages_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let project = Project::load(dir).unwrap_or_default();
    let mut used = HashSet::new();
    let mut report = FolderReport {
        folder: dir.display().to_string(),
        date: date.to_owned(),
        pages: Vec::with_capacity(pages.len()),
    };
    let mut errors = Vec::new();
    let mut made_dir = false;
    let job = Job {
        settings,
        date,
        format,
    };
    for page in &pages {
        let name = page
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let gathered = gather(page, &project, &job);
        let progress = gathered.progress;
        let outcome = match gathered.result {
            Ok(done) => {
                if !made_dir {
                    fs::create_dir_all(&pages_dir).map_err(|source| FolderReportError::Write {
                        path: pages_dir.clone(),
                        source,
                    })?;
                    made_dir = true;
                }
                let file = report_name(page, format, &mut used);
                let path = pages_dir.join(&file);
                write_atomic_with(&path, &done.bytes, options)
                    .map_err(|source| FolderReportError::Write { path, source })?;
                Ok((done.source, done.summary, format!("{link_dir}/{file}")))
            }
            Err(e) => {
                errors.push((page.clone(), e.clone()));
                Err(e)
            }
        };
        let (link, outcome) = match outcome {
            Ok((source, summary, link)) => (Some(link), Ok((source, summary))),
            Err(e) => (None, Err(e)),
        };
        report.pages.push(FolderPage {
            name,
            progress,
            link,
            outcome,
        });
    }
    let text = match format {
        FolderFormat::Html => report.html(),
        FolderFormat::Json => report.json(),
    };
    write_atomic_with(out, text.as_bytes(), options).map_err(|source| {
        FolderReportError::Write {
            path: out.to_owned(),
            source,
        }
    })?;
    Ok(Written {
        summary: out.to_owned(),
        pages_dir,
        pages: pages.len(),
        errors,
    })
}

/// The folder's pages, once `dir` is a folder with pages and neither the
/// summary nor the page reports' folder would land on an input.
fn check_paths(dir: &Path, out: &Path) -> Result<Vec<PathBuf>, FolderReportError> {
    if !dir.is_dir() {
        return Err(FolderReportError::NotAFolder(dir.to_owned()));
    }
    let pages = project::list_pages(dir).map_err(|source| FolderReportError::List {
        path: dir.to_owned(),
        source,
    })?;
    if pages.is_empty() {
        return Err(FolderReportError::NoPages(dir.to_owned()));
    }
    let mut inputs = vec![dir.to_owned(), Project::path_in(dir)];
    for p in &pages {
        inputs.push(p.clone());
        inputs.push(session::beside_path(p));
        if let Some(c) = corrected_path(p) {
            inputs.push(c);
        }
    }
    let same_place = |a: &Path, b: &Path| {
        a.file_name() == b.file_name()
            && a.file_name().is_some()
            && crate::fsio::same_file(&parent_of(a), &parent_of(b))
    };
    if let Some(input) = inputs
        .iter()
        .find(|i| crate::fsio::same_file(out, i) || same_place(out, i))
    {
        return Err(FolderReportError::OutputIsInput {
            out: out.to_owned(),
            input: input.clone(),
        });
    }
    let pages_dir = pages_dir_for(out);
    if crate::fsio::same_file(&pages_dir, dir) {
        return Err(FolderReportError::PagesIntoInput(out.to_owned()));
    }
    Ok(pages)
}

fn parent_of(p: &Path) -> PathBuf {
    p.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_owned()
}

/// `NAME.corrected.txt` beside `page` (the desk's first-save proposal).
fn corrected_path(page: &Path) -> Option<PathBuf> {
    let stem = page.file_stem()?.to_string_lossy();
    Some(page.with_file_name(format!("{stem}.corrected.txt")))
}

/// The page report's file name: `NAME.html`, or the full page name (`NAME.TXT.html`)
/// when another page already took `NAME` (`a.txt` and `a.TXT`).
fn report_name(page: &Path, format: FolderFormat, used: &mut HashSet<String>) -> String {
    let ext = format.extension();
    let stem = page
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut name = format!("{stem}.{ext}");
    if !used.insert(name.to_ascii_lowercase()) {
        let full = page
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        name = format!("{full}.{ext}");
        let mut n = 2;
        while !used.insert(name.to_ascii_lowercase()) {
            name = format!("{full}-{n}.{ext}");
            n += 1;
        }
    }
    name
}

/// One page, read: its status and its report (or why there is none).
struct Gathered {
    progress: Progress,
    result: Result<PageDone, String>,
}

/// What every page's report shares.
struct Job<'a> {
    settings: &'a Settings,
    date: &'a str,
    format: FolderFormat,
}

fn gather(page: &Path, project: &Project, job: &Job<'_>) -> Gathered {
    let (_, found) = session::find_for(page);
    let session = found.as_ref().ok().and_then(Option::as_ref);
    // The page list's status first (what the desk shows); a session's when the
    // project file never heard of the page.
    let status = match project.entry(page).status {
        PageStatus::NotStarted => session.map_or(PageStatus::NotStarted, |s| s.status),
        s => s,
    };
    let progress = match status {
        PageStatus::NotStarted => Progress::NotStarted,
        PageStatus::InProgress => Progress::InProgress,
        PageStatus::Done => Progress::Done,
    };
    let result = match found {
        Err(e) => Err(e.to_string()),
        Ok(session) => page_report(page, session.as_ref(), job),
    };
    Gathered { progress, result }
}

/// A page's report, rendered, and its totals for the summary.
struct PageDone {
    source: Source,
    summary: Summary,
    bytes: Vec<u8>,
}

fn page_report(page: &Path, session: Option<&Session>, job: &Job<'_>) -> Result<PageDone, String> {
    let (settings, date, format) = (job.settings, job.date, job.format);
    let raw = crate::fsio::read_bounded(page, crate::fsio::MAX_PAGE_BYTES, "a page")
        .map_err(|e| format!("cannot read {}: {e}", page.display()))?;
    let doc = Document::from_bytes(page, &raw).map_err(|e| e.to_string())?;
    let original = doc.text().to_owned();
    let (source, after, ignored_prints) = match session {
        Some(s) => {
            let text = match s.check_source(&raw) {
                SourceMatch::Same => s.restore(&original).map_err(|e| e.to_string())?,
                SourceMatch::Changed => s.restore_onto(&original).0,
            };
            (Source::Session, text, s.ignored().collect::<HashSet<u64>>())
        }
        None => match corrected_path(page).filter(|c| c.is_file()) {
            Some(c) => {
                let text = Document::load(&c)
                    .map_err(|e| e.to_string())?
                    .text()
                    .to_owned();
                (Source::Corrected, text, HashSet::new())
            }
            None => (Source::Raw, original.clone(), HashSet::new()),
        },
    };
    let mut ignored: BTreeMap<RuleId, usize> = BTreeMap::new();
    if !ignored_prints.is_empty() {
        for f in engine::check(&after, settings) {
            if ignored_prints.contains(&f.fingerprint(&after)) {
                *ignored.entry(f.rule).or_insert(0) += 1;
            }
        }
    }
    let name = page
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let after_name = match source {
        Source::Session => format!("{name} (session)"),
        Source::Corrected => corrected_path(page)
            .and_then(|c| c.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_default(),
        Source::Raw => name.clone(),
    };
    let after_bytes = jiaodui_core::text::encode(&after, doc.format)
        .unwrap_or_else(|_| after.as_bytes().to_vec());
    let report = Report::new(
        Page {
            name,
            text: &original,
            bytes: raw.as_slice().into(),
            format: doc.format,
        },
        Page {
            name: after_name,
            text: &after,
            bytes: after_bytes.into(),
            format: doc.format,
        },
        date.to_owned(),
        settings,
        &ignored,
    );
    let bytes = report.render(match format {
        FolderFormat::Html => ReportFormat::Html,
        FolderFormat::Json => ReportFormat::Json,
    });
    Ok(PageDone {
        source,
        summary: report.summary,
        bytes,
    })
}
