//! A page's proofreading session, kept beside the page as `NAME.jiaodui.ron`, so
//! work survives closing the app and crashes (the app autosaves it).
//!
//! The session never stores the page itself: it names the source, fingerprints the
//! source's bytes (to notice the raw OCR changed on disk), and stores the current
//! text as edits from that source — small on disk, and re-appliable onto a changed
//! source because each edit carries the text it replaced and a little context.
//! Decisions on findings are keyed by [`Finding::fingerprint`](jiaodui_core::engine::Finding::fingerprint),
//! which survives re-checking, so an ignored finding stays ignored after resume.
//!
//! No UI here: loading reports what is wrong ([`SessionError`]); the caller moves a
//! bad file aside ([`set_aside`]) and tells the editor.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::document::write_atomic;
use jiaodui_core::engine::RuleId;

/// The session format this build writes. Files with a higher number are refused
/// (a clear error), never half-read; lower numbers load through `#[serde(default)]`.
pub const FORMAT_VERSION: u32 = 1;

/// File name suffix of a session beside its page.
pub const SUFFIX: &str = ".jiaodui.ron";

/// Where a page stands in the desk's workflow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageStatus {
    #[default]
    NotStarted,
    InProgress,
    Done,
}

/// What the editor decided on one finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    Applied,
    Ignored,
}

/// One change from the source text: at byte `at`, `old` became `new`. `before` is
/// up to [`CONTEXT_CHARS`] characters preceding `at`, used to find the spot again
/// when the source changed on disk.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedEdit {
    pub at: usize,
    pub before: String,
    pub old: String,
    pub new: String,
}

/// The file the work was last saved to (`NAME.corrected.txt`, usually), and a
/// hash of the bytes written there. The corrected file is the state of saved work:
/// reopening work equal to it is not "unsaved", and discarding unsaved changes
/// goes back to it, never further.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedCopy {
    pub path: PathBuf,
    /// As `source_hash`: `fnv1a64:<16 hex digits>`.
    pub hash: String,
    pub len: u64,
}

impl SavedCopy {
    /// Describes the file at `path` as just written with `bytes`.
    pub fn of(path: &Path, bytes: &[u8]) -> Self {
        SavedCopy {
            path: path.to_owned(),
            hash: source_hash(bytes),
            len: bytes.len() as u64,
        }
    }

    /// The file's bytes, when it still holds what was saved (not changed or
    /// removed since).
    pub fn read_unchanged(&self) -> Option<Vec<u8>> {
        let bytes =
            crate::fsio::read_bounded(&self.path, crate::fsio::MAX_PAGE_BYTES, "a page").ok()?;
        (bytes.len() as u64 == self.len && source_hash(&bytes) == self.hash).then_some(bytes)
    }
}

/// An ignored finding, by where its text is in the session's current text: the
/// rule (its id), the byte offset and the text itself (to find it again when the
/// source changed and the edits moved).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedIgnore {
    pub rule: String,
    pub at: usize,
    pub text: String,
}

/// Largest session file read. A session holds the edits of one page (replaced and
/// new text, a little context), so even a wholly rewritten 50 MB page stays far
/// below this; a bigger file is refused as damaged instead of being read whole.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Characters of context stored before each edit.
pub const CONTEXT_CHARS: usize = 12;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    pub version: u32,
    /// The page the session belongs to (as opened; informational).
    pub source: PathBuf,
    /// FNV-1a 64 of the source's bytes, as `fnv1a64:<16 hex digits>`.
    pub source_hash: String,
    pub source_len: u64,
    /// The current text, as edits from the source text (sorted, non-overlapping).
    pub edits: Vec<SavedEdit>,
    /// Decisions by finding fingerprint. Ignores are kept by place in `ignores`;
    /// ignored fingerprints are still written for earlier versions to read.
    pub decisions: BTreeMap<u64, Decision>,
    /// The ignored findings, by place in the current text.
    pub ignores: Vec<SavedIgnore>,
    /// Where the work was last saved, if it was.
    pub saved: Option<SavedCopy>,
    /// Cursor (byte offset into the current text) and vertical scroll (points).
    pub cursor: usize,
    pub scroll: f32,
    pub status: PageStatus,
    /// Unix seconds of the last write.
    pub saved_at: u64,
    /// False while the app has the page open (autosaves); true after a regular
    /// save or exit. A session found with `clean: false` is a crash to recover.
    pub clean: bool,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            version: FORMAT_VERSION,
            source: PathBuf::new(),
            source_hash: String::new(),
            source_len: 0,
            edits: Vec::new(),
            decisions: BTreeMap::new(),
            ignores: Vec::new(),
            saved: None,
            cursor: 0,
            scroll: 0.0,
            status: PageStatus::NotStarted,
            saved_at: 0,
            clean: true,
        }
    }
}

#[derive(Debug, Error)]
pub enum SessionError {
    #[error("cannot read the session file {path}: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error("the session file {path} is damaged: {message}")]
    Damaged { path: PathBuf, message: String },
    #[error(
        "the session file {path} was written by a newer jiaodui (format {found}; this version reads up to {supported})"
    )]
    NewerVersion {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("cannot write the session file {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
    #[error("the session's edits do not fit the source text (edit at byte {at})")]
    EditsDoNotFit { at: usize },
}

impl SessionError {
    /// True when the file exists but cannot be used: the caller sets it aside.
    pub fn is_unusable_file(&self) -> bool {
        matches!(
            self,
            SessionError::Damaged { .. } | SessionError::NewerVersion { .. }
        )
    }
}

/// Whether the source on disk is the one the session was made on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceMatch {
    Same,
    /// The bytes differ: the editor decides (resume anyway / start over / cancel).
    Changed,
}

pub use jiaodui_core::hash::fnv1a64;

/// The stored form of a source hash.
pub fn source_hash(bytes: &[u8]) -> String {
    format!("fnv1a64:{:016x}", fnv1a64(bytes))
}

impl Session {
    /// A fresh session for a page whose raw bytes are `source_bytes`.
    pub fn new(source: &Path, source_bytes: &[u8]) -> Self {
        Session {
            source: source.to_owned(),
            source_hash: source_hash(source_bytes),
            source_len: source_bytes.len() as u64,
            ..Default::default()
        }
    }

    pub fn check_source(&self, source_bytes: &[u8]) -> SourceMatch {
        if self.source_len == source_bytes.len() as u64
            && self.source_hash == source_hash(source_bytes)
        {
            SourceMatch::Same
        } else {
            SourceMatch::Changed
        }
    }

    /// Records `current` as edits from `original` (the source's decoded text).
    pub fn set_text(&mut self, original: &str, current: &str) {
        self.edits = diff_edits(original, current);
    }

    /// The current text: the edits applied to `original`, which must be the text
    /// the session was made on (check [`Session::check_source`] first).
    pub fn restore(&self, original: &str) -> Result<String, SessionError> {
        let mut out = String::with_capacity(original.len());
        let mut pos = 0;
        for e in &self.edits {
            let end =
                e.at.checked_add(e.old.len())
                    .ok_or(SessionError::EditsDoNotFit { at: e.at })?;
            if e.at < pos || original.get(e.at..end) != Some(e.old.as_str()) {
                return Err(SessionError::EditsDoNotFit { at: e.at });
            }
            out.push_str(&original[pos..e.at]);
            out.push_str(&e.new);
            pos = end;
        }
        out.push_str(&original[pos..]);
        Ok(out)
    }

    /// The edits re-applied onto a source that changed on disk: each edit goes where
    /// its context and replaced text are found (nearest its old place, in order).
    /// Returns the text and how many edits could not be placed.
    pub fn restore_onto(&self, new_original: &str) -> (String, usize) {
        if let Ok(t) = self.restore(new_original) {
            return (t, 0);
        }
        let mut out = String::with_capacity(new_original.len());
        let mut pos = 0;
        let mut lost = 0;
        for e in &self.edits {
            match locate(new_original, pos, e) {
                Some(at) => {
                    out.push_str(&new_original[pos..at]);
                    out.push_str(&e.new);
                    pos = at + e.old.len();
                }
                None => lost += 1,
            }
        }
        out.push_str(&new_original[pos..]);
        (out, lost)
    }

    /// The ignores placed in `text` (the restored current text): each where its
    /// text still is, else at the nearest place that text is found; unknown rules
    /// (a newer version's) and ignores whose text is gone are left out.
    pub fn placed_ignores(&self, text: &str) -> Vec<(RuleId, std::ops::Range<usize>)> {
        let mut out = Vec::new();
        for i in &self.ignores {
            let Some(rule) = RuleId::ALL.into_iter().find(|r| r.as_str() == i.rule) else {
                continue;
            };
            let here =
                i.at.checked_add(i.text.len())
                    .and_then(|end| text.get(i.at..end))
                    == Some(i.text.as_str());
            let at = if here {
                Some(i.at)
            } else if i.text.is_empty() {
                None
            } else {
                text.match_indices(i.text.as_str())
                    .map(|(k, _)| k)
                    .min_by_key(|k| k.abs_diff(i.at))
            };
            if let Some(at) = at {
                out.push((rule, at..at + i.text.len()));
            }
        }
        out
    }

    /// The ignores of a session older than placed ignores (`ignores` empty): their
    /// fingerprints, which findings are matched by; empty for a newer session.
    pub fn legacy_ignored(&self) -> std::collections::HashSet<u64> {
        if self.ignores.is_empty() {
            self.ignored().collect()
        } else {
            std::collections::HashSet::new()
        }
    }

    /// Fingerprints the editor chose to ignore.
    pub fn ignored(&self) -> impl Iterator<Item = u64> + '_ {
        self.decisions
            .iter()
            .filter(|(_, d)| **d == Decision::Ignored)
            .map(|(f, _)| *f)
    }

    pub fn to_ron(&self) -> String {
        let config = ron::ser::PrettyConfig::default().depth_limit(3);
        // Serializing plain data (strings, numbers, maps with integer keys) cannot
        // fail; an empty string would be caught as damaged on the next load.
        ron::ser::to_string_pretty(self, config).unwrap_or_default()
    }

    /// Parses a session file's text; `path` is only for messages.
    pub fn from_ron(text: &str, path: &Path) -> Result<Session, SessionError> {
        #[derive(Deserialize)]
        struct Probe {
            #[serde(default)]
            version: u32,
        }
        let damaged = |e: ron::error::SpannedError| SessionError::Damaged {
            path: path.to_owned(),
            message: e.to_string(),
        };
        let probe: Probe = ron::from_str(text).map_err(damaged)?;
        if probe.version > FORMAT_VERSION {
            return Err(SessionError::NewerVersion {
                path: path.to_owned(),
                found: probe.version,
                supported: FORMAT_VERSION,
            });
        }
        let s: Session = ron::from_str(text).map_err(damaged)?;
        // Checked: `at` comes from the file and may be anything up to u64::MAX.
        if s.edits.windows(2).any(|w| {
            w[0].at
                .checked_add(w[0].old.len())
                .is_none_or(|end| w[1].at < end)
        }) {
            return Err(SessionError::Damaged {
                path: path.to_owned(),
                message: "edits overlap or are out of order".into(),
            });
        }
        Ok(s)
    }

    /// Reads the session at `path`: `Ok(None)` when there is none.
    pub fn load(path: &Path) -> Result<Option<Session>, SessionError> {
        if let Ok(meta) = fs::metadata(path)
            && meta.is_file()
            && meta.len() > MAX_FILE_BYTES
        {
            return Err(SessionError::Damaged {
                path: path.to_owned(),
                message: format!(
                    "too large for a session file ({} bytes, at most {MAX_FILE_BYTES})",
                    meta.len()
                ),
            });
        }
        let bytes = match crate::fsio::read_bounded(path, MAX_FILE_BYTES, "a session file") {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(SessionError::Read {
                    path: path.to_owned(),
                    source,
                });
            }
        };
        let text = String::from_utf8(bytes).map_err(|_| SessionError::Damaged {
            path: path.to_owned(),
            message: "not UTF-8 text".into(),
        })?;
        Session::from_ron(&text, path).map(Some)
    }

    /// Writes atomically to `path` (a crash mid-write leaves the previous session).
    pub fn save(&mut self, path: &Path) -> Result<(), SessionError> {
        self.version = FORMAT_VERSION;
        self.saved_at = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or(Duration::ZERO)
            .as_secs();
        write_atomic(path, self.to_ron().as_bytes()).map_err(|source| SessionError::Write {
            path: path.to_owned(),
            source,
        })
    }

    /// Saves beside the page, or in the app data folder when the page's folder
    /// cannot be written (a read-only archive). Returns where it went.
    pub fn save_for(&mut self, page: &Path) -> Result<PathBuf, SessionError> {
        let beside = beside_path(page);
        match self.save(&beside) {
            Ok(()) => {
                // A stale fallback copy would shadow nothing (beside wins) but confuse; drop it.
                if let Some(fallback) = fallback_path(page) {
                    let _ = fs::remove_file(fallback);
                }
                Ok(beside)
            }
            Err(first) => {
                let Some(fallback) = fallback_path(page) else {
                    return Err(first);
                };
                if let Some(dir) = fallback.parent() {
                    fs::create_dir_all(dir).map_err(|source| SessionError::Write {
                        path: fallback.clone(),
                        source,
                    })?;
                }
                self.save(&fallback)?;
                Ok(fallback)
            }
        }
    }
}

/// The session file as this desk last read or wrote it (not stored in the file).
/// Two desks on one page (the second opened it anyway) would otherwise overwrite
/// each other's session without a trace.
#[derive(Clone, Debug, Default)]
pub struct SessionOnDisk {
    seen: Option<(PathBuf, crate::stamp::DiskStamp)>,
}

impl SessionOnDisk {
    /// Remembers the session file at `path` as it is now (just read, or absent).
    pub fn seen_at(path: &Path) -> Self {
        SessionOnDisk {
            seen: crate::stamp::DiskStamp::read(path)
                .ok()
                .flatten()
                .map(|s| (path.to_owned(), s)),
        }
    }

    fn is_ours(&self, path: &Path, now: &crate::stamp::DiskStamp) -> bool {
        self.seen
            .as_ref()
            .is_some_and(|(p, s)| p == path && s.len == now.len && s.hash == now.hash)
    }
}

/// Suffix of a session another desk wrote, kept beside ours: `NAME.jiaodui.ron.other-desk`.
pub const OTHER_DESK_SUFFIX: &str = ".other-desk";

impl Session {
    /// [`Session::save_for`], but not last-writer-wins: a session file another desk
    /// wrote since this one read or wrote it (both had the page open) is kept as
    /// `NAME.jiaodui.ron.other-desk` when it holds other work, then ours is written.
    /// Returns where the session went and where the other desk's was kept.
    pub fn save_for_shared(
        &mut self,
        page: &Path,
        disk: &mut SessionOnDisk,
    ) -> Result<(PathBuf, Option<PathBuf>), SessionError> {
        let mut kept = None;
        for candidate in std::iter::once(beside_path(page)).chain(fallback_path(page)) {
            let Ok(Some(now)) = crate::stamp::DiskStamp::read(&candidate) else {
                continue;
            };
            if disk.is_ours(&candidate, &now) {
                continue;
            }
            let other_work = match Session::load(&candidate) {
                Ok(Some(theirs)) => {
                    theirs.edits != self.edits
                        || theirs.ignores != self.ignores
                        || theirs.status != self.status
                }
                // Damaged or unreadable: not ours to judge; kept.
                _ => true,
            };
            if other_work {
                let mut name = candidate.as_os_str().to_owned();
                name.push(OTHER_DESK_SUFFIX);
                let aside = PathBuf::from(name);
                if fs::rename(&candidate, &aside).is_ok() {
                    kept = Some(aside);
                }
            }
        }
        let path = self.save_for(page)?;
        *disk = SessionOnDisk::seen_at(&path);
        Ok((path, kept))
    }
}

/// Finds the session of `page`: beside it first, then in the app data folder.
/// Returns the path it was found at (or would be written to) and its contents.
pub fn find_for(page: &Path) -> (PathBuf, Result<Option<Session>, SessionError>) {
    let beside = beside_path(page);
    let found = Session::load(&beside);
    if !matches!(found, Ok(None)) {
        return (beside, found);
    }
    if let Some(fallback) = fallback_path(page) {
        let f = Session::load(&fallback);
        if !matches!(f, Ok(None)) {
            return (fallback, f);
        }
    }
    (beside, Ok(None))
}

/// `NAME.jiaodui.ron` beside `page.txt` (the page's extension dropped).
pub fn beside_path(page: &Path) -> PathBuf {
    let stem = page
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    page.with_file_name(format!("{stem}{SUFFIX}"))
}

/// The app data folder (`JIAODUI_DATA_DIR` overrides it, for tests and portable use).
pub fn data_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("JIAODUI_DATA_DIR") {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", "jiaodui").map(|d| d.data_dir().to_owned())
}

/// Where the session of a page in a read-only folder goes: the data folder, named
/// by the page's name and a hash of its full path (two `page1.txt` never collide).
pub fn fallback_path(page: &Path) -> Option<PathBuf> {
    let full = fs::canonicalize(page).unwrap_or_else(|_| page.to_owned());
    let stem = page.file_stem()?.to_string_lossy().into_owned();
    let tag = fnv1a64(full.to_string_lossy().as_bytes());
    Some(
        data_dir()?
            .join("sessions")
            .join(format!("{stem}-{tag:016x}{SUFFIX}")),
    )
}

/// Moves an unusable session file aside as `NAME.jiaodui.ron.damaged-<UTC time>`
/// (kept for the editor to inspect, never deleted), returning the new path.
pub fn set_aside(path: &Path) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let stamp = utc_stamp(SystemTime::now());
    let mut target = path.with_file_name(format!("{}.damaged-{stamp}", name.to_string_lossy()));
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = path.with_file_name(format!("{}.damaged-{stamp}-{n}", name.to_string_lossy()));
    }
    fs::rename(path, &target)?;
    Ok(target)
}

/// `YYYYMMDDTHHMMSSZ` for `t`.
pub fn utc_stamp(t: SystemTime) -> String {
    utc_stamp_secs(
        t.duration_since(UNIX_EPOCH)
            .unwrap_or(Duration::ZERO)
            .as_secs(),
    )
}

/// [`utc_stamp`] of `secs` seconds after 1970, for any `u64` (a session file's
/// `saved_at` may hold anything; `UNIX_EPOCH + secs` would panic past year ~2^38).
pub fn utc_stamp_secs(secs: u64) -> String {
    jiaodui_core::report::date::format_utc_compact(secs)
}

/// `YYYY-MM-DD HH:MM:SS (UTC±HH:MM)` of `secs` seconds after 1970 in the machine's
/// time zone — the editor's clock, not UTC — or None where the C library cannot
/// convert it (a time far outside the calendar).
pub fn local_time(secs: u64) -> Option<String> {
    let t = libc::time_t::try_from(secs).ok()?;
    // SAFETY: `tm` is plain data that localtime_r fills in; both pointers are valid
    // for the call, and the _r variant keeps no shared state.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    if unsafe { libc::localtime_r(&t, &mut tm) }.is_null() {
        return None;
    }
    let off = tm.tm_gmtoff / 60;
    let sign = if off < 0 { '-' } else { '+' };
    Some(format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} (UTC{sign}{:02}:{:02})",
        i64::from(tm.tm_year) + 1900,
        tm.tm_mon + 1,
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec,
        off.abs() / 60,
        off.abs() % 60
    ))
}

/// Edits turning `old` into `new`: a line diff (fast on big pages), each changed
/// stretch narrowed to its differing middle so re-applying onto a changed source
/// touches as little as possible.
fn diff_edits(old: &str, new: &str) -> Vec<SavedEdit> {
    if old == new {
        return Vec::new();
    }
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .timeout(Duration::from_millis(200))
        .diff_lines(old, new);
    // Byte offsets of line starts in both texts, to turn line ops into byte ranges.
    let starts = |t: &str| -> Vec<usize> {
        let mut v = vec![0];
        v.extend(t.match_indices('\n').map(|(i, _)| i + 1));
        if *v.last().unwrap_or(&0) != t.len() {
            v.push(t.len());
        }
        v
    };
    let (os, ns) = (starts(old), starts(new));
    let line_at = |v: &[usize], i: usize| v.get(i).copied().unwrap_or(*v.last().unwrap_or(&0));
    let mut edits = Vec::new();
    let mut pending: Option<(usize, usize, usize, usize)> = None; // old a..b, new c..d (lines)
    let flush = |p: (usize, usize, usize, usize), edits: &mut Vec<SavedEdit>| {
        let (a, b) = (line_at(&os, p.0), line_at(&os, p.1));
        let (c, d) = (line_at(&ns, p.2), line_at(&ns, p.3));
        push_narrowed(&old[a..b], &new[c..d], a, old, edits);
    };
    for op in diff.ops() {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal {
            if let Some(p) = pending.take() {
                flush(p, &mut edits);
            }
            continue;
        }
        pending = Some(match pending {
            Some((a, _, c, _)) => (a, o.end, c, n.end),
            None => (o.start, o.end, n.start, n.end),
        });
    }
    if let Some(p) = pending {
        flush(p, &mut edits);
    }
    // The line diff gave up (timeout) or line starts disagree: one edit is always right.
    let check = Session {
        edits,
        ..Default::default()
    };
    if check.restore(old).ok().as_deref() == Some(new) {
        check.edits
    } else {
        let mut whole = Vec::new();
        push_narrowed(old, new, 0, old, &mut whole);
        whole
    }
}

/// One edit `old_part` → `new_part` at byte `base` of `full_old`, common prefix and
/// suffix trimmed (on character boundaries).
fn push_narrowed(
    old_part: &str,
    new_part: &str,
    base: usize,
    full_old: &str,
    edits: &mut Vec<SavedEdit>,
) {
    let cs = jiaodui_core::edit::minimal_change(old_part, new_part);
    for e in cs.edits() {
        let at = base + e.range_bytes.start;
        let before: String = {
            let mut v: Vec<char> = full_old[..at].chars().rev().take(CONTEXT_CHARS).collect();
            v.reverse();
            v.into_iter().collect()
        };
        edits.push(SavedEdit {
            at,
            before,
            old: old_part[e.range_bytes.clone()].to_owned(),
            new: e.insert.clone(),
        });
    }
}

/// Where `e` goes in a changed source: `before + old` found at or after `from`,
/// the occurrence nearest the edit's old position.
fn locate(text: &str, from: usize, e: &SavedEdit) -> Option<usize> {
    let needle = format!("{}{}", e.before, e.old);
    if needle.is_empty() {
        return text
            .is_char_boundary(e.at.clamp(from, text.len()))
            .then_some(e.at.clamp(from, text.len()));
    }
    let hay = text.get(from..)?;
    hay.match_indices(needle.as_str())
        .map(|(i, _)| from + i + e.before.len())
        .min_by_key(|&at| at.abs_diff(e.at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_round_trip() {
        let old = "第一行\n近日， 开发区\n第三行\n第四行 \n";
        let new = "第一行\n近日，开发区新\n第三行\n第四行\n尾";
        let mut s = Session::default();
        s.set_text(old, new);
        assert!(s.edits.len() >= 2, "{:?}", s.edits);
        assert_eq!(s.restore(old).unwrap(), new);
        assert_eq!(s.restore_onto(old), (new.to_owned(), 0));
    }

    #[test]
    fn edits_follow_a_changed_source() {
        let old = "甲乙丙\n近日， 开发区\n";
        let new = "甲乙丙\n近日，开发区\n";
        let mut s = Session::default();
        s.set_text(old, new);
        let moved = "新增一行\n甲乙丙\n近日， 开发区\n";
        let (t, lost) = s.restore_onto(moved);
        assert_eq!(lost, 0);
        assert_eq!(t, "新增一行\n甲乙丙\n近日，开发区\n");
    }

    #[test]
    fn stamp_is_utc_civil_time() {
        let t = UNIX_EPOCH + Duration::from_secs(1_764_105_300); // 2025-11-25 21:15:00 UTC
        assert_eq!(utc_stamp(t), "20251125T211500Z");
    }

    /// Issue #14: a second desk on the same page wrote the session meanwhile; this
    /// desk's write keeps that work as `.other-desk` (it was overwritten). A desk
    /// rewriting its own file keeps no copies.
    #[test]
    fn another_desks_session_is_kept_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("p.txt");
        fs::write(&page, "甲乙丙\n").unwrap();
        let beside = beside_path(&page);
        // Both desks open the page (no session yet).
        let mut disk_a = SessionOnDisk::seen_at(&beside);
        let mut disk_b = SessionOnDisk::seen_at(&beside);
        let mut a = Session::new(&page, b"x");
        let mut b = Session::new(&page, b"x");
        a.set_text("甲乙丙\n", "甲乙丙丁\n");
        a.save_for_shared(&page, &mut disk_a).unwrap();
        a.set_text("甲乙丙\n", "甲乙丙丁戊\n");
        let (_, kept) = a.save_for_shared(&page, &mut disk_a).unwrap();
        assert_eq!(kept, None, "its own file is rewritten in place");
        b.set_text("甲乙丙\n", "子乙丙\n");
        let (path, kept) = b.save_for_shared(&page, &mut disk_b).unwrap();
        assert_eq!(path, beside);
        let kept = kept.expect("desk a's work kept");
        let theirs = Session::load(&kept).unwrap().unwrap();
        assert_eq!(theirs.restore("甲乙丙\n").unwrap(), "甲乙丙丁戊\n");
        let ours = Session::load(&beside).unwrap().unwrap();
        assert_eq!(ours.restore("甲乙丙\n").unwrap(), "子乙丙\n");
    }
}
