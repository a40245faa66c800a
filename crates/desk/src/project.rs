//! A folder of pages (one newspaper issue): which files are pages, and each page's
//! status, kept in `jiaodui-project.ron` in the folder so the desk's progress is
//! visible to whoever opens the folder next.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::document::write_atomic;
use crate::session::PageStatus;

/// The project file's name inside the folder.
pub const FILE_NAME: &str = "jiaodui-project.ron";
pub const FORMAT_VERSION: u32 = 1;

/// The pages of `dir`, sorted by name so page order is the file order: `*.txt`
/// files that are not `*.corrected.txt` (those are the desk's output), and
/// structured OCR files (hOCR, ALTO, PAGE XML, TSV, PaddleOCR JSON, recognised by
/// content). One page per name: where an engine wrote several outputs of one scan
/// (`p1.txt`, `p1.hocr`, `p1.xml`), the one with the most geometry stands for it
/// (hOCR, then ALTO, PAGE, TSV, PaddleOCR, plain text).
pub fn list_pages(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut best: BTreeMap<std::ffi::OsString, (u8, PathBuf)> = BTreeMap::new();
    for path in fs::read_dir(dir)?.filter_map(Result::ok).map(|e| e.path()) {
        let Some(rank) = page_rank(&path) else {
            continue;
        };
        let stem = path.file_stem().unwrap_or_default().to_owned();
        match best.get(&stem) {
            Some((r, _)) if *r <= rank => {}
            _ => {
                best.insert(stem, (rank, path));
            }
        }
    }
    let mut pages: Vec<PathBuf> = best.into_values().map(|(_, p)| p).collect();
    pages.sort();
    Ok(pages)
}

/// A page's preference among files of one name (lower first), `None` for no page.
fn page_rank(path: &Path) -> Option<u8> {
    if is_page(path) {
        return Some(9);
    }
    let name = path.file_name()?.to_str()?;
    if name.starts_with('.') || !crate::structured::is_structured_name(path) || !path.is_file() {
        return None;
    }
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
    {
        return Some(6);
    }
    let mut head = vec![0u8; 4096];
    let n = {
        use std::io::Read;
        let mut f = fs::File::open(path).ok()?;
        f.read(&mut head).ok()?
    };
    head.truncate(n);
    use jiaodui_ocr::Format;
    Some(match jiaodui_ocr::detect(name, &head)? {
        Format::Hocr => 1,
        Format::Alto => 2,
        Format::PageXml => 3,
        Format::TesseractTsv => 4,
        Format::PaddleJson => 5,
    })
}

/// True for `NAME.txt` files (not hidden, not `NAME.corrected.txt`).
pub fn is_page(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
        && !name.to_ascii_lowercase().ends_with(".corrected.txt")
        && !name.starts_with('.')
        && path.is_file()
}

/// One page's line in the project file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PageEntry {
    pub status: PageStatus,
    /// Findings left at the last look (None: never checked).
    pub findings_left: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    pub version: u32,
    /// By file name (not path: the folder can be moved or shared).
    pub pages: BTreeMap<String, PageEntry>,
    /// `pages` as last read from or written to the file: what this desk changed
    /// since, and what another desk did, are told apart on save.
    #[serde(skip)]
    base: BTreeMap<String, PageEntry>,
    /// The scan's zoom for every page of the folder, in per cent (`None`: fit to
    /// the panel's width): an issue's scans share one resolution, so the editor
    /// sets it once.
    #[serde(default)]
    pub scan_zoom_percent: Option<u32>,
    /// `scan_zoom_percent` as last read or written (another desk's choice is kept unless
    /// this desk changed it since).
    #[serde(skip)]
    base_scan_zoom: Option<u32>,
}

impl Default for Project {
    fn default() -> Self {
        Project {
            version: FORMAT_VERSION,
            pages: BTreeMap::new(),
            base: BTreeMap::new(),
            scan_zoom_percent: None,
            base_scan_zoom: None,
        }
    }
}

#[derive(Debug, Error)]
pub enum ProjectError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error("the project file {path} is damaged: {message}")]
    Damaged { path: PathBuf, message: String },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
}

/// Largest project file read: one entry per page, a few dozen bytes each.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

impl Project {
    pub fn path_in(dir: &Path) -> PathBuf {
        dir.join(FILE_NAME)
    }

    /// Reads the folder's project file; a missing one is an empty project.
    pub fn load(dir: &Path) -> Result<Project, ProjectError> {
        let path = Self::path_in(dir);
        let text = match crate::fsio::read_bounded(&path, MAX_FILE_BYTES, "a project file") {
            Ok(bytes) => String::from_utf8(bytes).map_err(|_| ProjectError::Damaged {
                path: path.clone(),
                message: "not UTF-8 text".into(),
            })?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Project::default()),
            Err(source) => return Err(ProjectError::Read { path, source }),
        };
        let mut p: Project = ron::from_str(&text).map_err(|e| ProjectError::Damaged {
            path,
            message: e.to_string(),
        })?;
        p.base = p.pages.clone();
        p.base_scan_zoom = p.scan_zoom_percent;
        Ok(p)
    }

    /// Writes the project file. Several desks may work in one folder, each on its
    /// own page: the file is merged page by page with what is on disk now — the
    /// entries this desk changed since it read or wrote the file are its own, every
    /// other entry is taken from the disk (another desk's page status is never
    /// written back to what this desk saw at open).
    pub fn save(&mut self, dir: &Path) -> Result<(), ProjectError> {
        let path = Self::path_in(dir);
        if let Ok(disk) = Self::load(dir) {
            let names: std::collections::BTreeSet<String> = disk
                .pages
                .keys()
                .chain(self.pages.keys())
                .cloned()
                .collect();
            let mut merged = BTreeMap::new();
            for name in names {
                let ours = self.pages.get(&name);
                let entry = if ours != self.base.get(&name) {
                    ours
                } else {
                    disk.pages.get(&name).or(ours)
                };
                if let Some(e) = entry {
                    merged.insert(name, e.clone());
                }
            }
            self.pages = merged;
            if self.scan_zoom_percent == self.base_scan_zoom {
                self.scan_zoom_percent = disk.scan_zoom_percent;
            }
        }
        let text =
            ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default()).unwrap_or_default();
        write_atomic(&path, text.as_bytes())
            .map_err(|source| ProjectError::Write { path, source })?;
        self.base = self.pages.clone();
        self.base_scan_zoom = self.scan_zoom_percent;
        Ok(())
    }

    /// The scan zoom was changed here since the file was read or written.
    pub fn scan_zoom_changed(&self) -> bool {
        self.scan_zoom_percent != self.base_scan_zoom
    }

    pub fn entry(&self, page: &Path) -> PageEntry {
        page.file_name()
            .and_then(|n| self.pages.get(&*n.to_string_lossy()))
            .cloned()
            .unwrap_or_default()
    }

    pub fn entry_mut(&mut self, page: &Path) -> Option<&mut PageEntry> {
        let name = page.file_name()?.to_string_lossy().into_owned();
        Some(self.pages.entry(name).or_default())
    }
}

#[cfg(test)]
mod tests {
    /// A project file that is a FIFO or over the limit is an error naming the cause,
    /// not a blocked or unbounded read (the project file had no cap).
    #[test]
    fn project_file_reads_are_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let path = Project::path_in(dir.path());
        let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = Project::load(dir.path()).unwrap_err().to_string();
        assert!(e.contains("FIFO"), "{e}");
        std::fs::remove_file(&path).unwrap();
        let f = std::fs::File::create(&path).unwrap();
        f.set_len(MAX_FILE_BYTES + 1).unwrap();
        let e = Project::load(dir.path()).unwrap_err().to_string();
        assert!(e.contains("too large for a project file"), "{e}");
    }

    use super::*;

    #[test]
    fn pages_skip_corrected_and_other_files() {
        let dir = tempfile::tempdir().unwrap();
        for n in [
            "b.txt",
            "a.txt",
            "a.corrected.txt",
            "a.png",
            "a.jiaodui.ron",
            ".hidden.txt",
        ] {
            fs::write(dir.path().join(n), "x").unwrap();
        }
        let names: Vec<String> = list_pages(dir.path())
            .unwrap()
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.txt", "b.txt"]);
    }

    #[test]
    fn project_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = Project::load(dir.path()).unwrap();
        p.entry_mut(&dir.path().join("a.txt")).unwrap().status = PageStatus::Done;
        p.save(dir.path()).unwrap();
        let q = Project::load(dir.path()).unwrap();
        assert_eq!(q.entry(&dir.path().join("a.txt")).status, PageStatus::Done);
        fs::write(Project::path_in(dir.path()), "(pages: {").unwrap();
        assert!(matches!(
            Project::load(dir.path()),
            Err(ProjectError::Damaged { .. })
        ));
    }

    /// Issue #14: two desks in one folder, each on its own page: the second save
    /// keeps the first desk's page (it was last-writer-wins: the first desk's
    /// "done" was written back to "not started").
    #[test]
    fn two_desks_keep_each_others_pages() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, c) = (
            dir.path().join("a.txt"),
            dir.path().join("b.txt"),
            dir.path().join("c.txt"),
        );
        let mut first = Project::load(dir.path()).unwrap();
        first.entry_mut(&c).unwrap().status = PageStatus::InProgress;
        first.save(dir.path()).unwrap();
        let mut one = Project::load(dir.path()).unwrap();
        let mut two = Project::load(dir.path()).unwrap();
        one.entry_mut(&a).unwrap().status = PageStatus::Done;
        one.save(dir.path()).unwrap();
        two.entry_mut(&b).unwrap().status = PageStatus::InProgress;
        two.entry_mut(&c).unwrap().status = PageStatus::Done;
        two.save(dir.path()).unwrap();
        // Desk one changes its page again: desk two's pages stay.
        one.entry_mut(&a).unwrap().findings_left = Some(0);
        one.save(dir.path()).unwrap();
        let disk = Project::load(dir.path()).unwrap();
        assert_eq!(disk.entry(&a).status, PageStatus::Done);
        assert_eq!(disk.entry(&a).findings_left, Some(0));
        assert_eq!(disk.entry(&b).status, PageStatus::InProgress);
        assert_eq!(disk.entry(&c).status, PageStatus::Done);
        assert_eq!(
            one.entry(&b).status,
            PageStatus::InProgress,
            "merged in memory too"
        );
    }

    /// The folder's scan zoom is kept in the project file; a desk that did not
    /// change it keeps another desk's choice; an old file without it reads as
    /// "fit to width".
    #[test]
    fn scan_zoom_is_the_folders() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(Project::path_in(dir.path()), "(version: 1, pages: {})").unwrap();
        let mut one = Project::load(dir.path()).unwrap();
        assert_eq!(one.scan_zoom_percent, None);
        let mut two = Project::load(dir.path()).unwrap();
        one.scan_zoom_percent = Some(150);
        assert!(one.scan_zoom_changed());
        one.save(dir.path()).unwrap();
        assert!(!one.scan_zoom_changed());
        two.entry_mut(&dir.path().join("a.txt")).unwrap().status = PageStatus::Done;
        two.save(dir.path()).unwrap();
        assert_eq!(two.scan_zoom_percent, Some(150), "desk one's zoom kept");
        assert_eq!(
            Project::load(dir.path()).unwrap().scan_zoom_percent,
            Some(150)
        );
    }
}
