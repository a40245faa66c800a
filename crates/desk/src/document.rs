//! A page: where it came from, how it was stored, its original and current text.
//! Loading decodes once; saving encodes back in the same format, atomically.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

use jiaodui_core::edit::{ChangeSet, EditError, History};
use jiaodui_core::text::{self, ByteDetails, DecodeError, EncodeError, TextFormat};

use crate::fsio;
use crate::stamp::{DiskStamp, DiskState};

#[derive(Debug, Error)]
pub enum DocumentError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error("{path}: {source}")]
    Decode { path: PathBuf, source: DecodeError },
    #[error("cannot encode the text for {path}: {source}")]
    Encode { path: PathBuf, source: EncodeError },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
    /// A PDF with no text layer (a scan saved as PDF): OCR it first.
    #[error(
        "{path}: the PDF has no text layer (a scanned image only): recognize it first with `jiaodui ocr {path}` (or File → Recognize scan… in the desk)"
    )]
    ScanOnlyPdf { path: PathBuf },
    #[error("{path}: {source}")]
    Structured {
        path: PathBuf,
        source: crate::structured::StructuredError,
    },
    /// The file the desk loaded or last saved was changed by another program since.
    #[error("{path} was changed by another program since it was opened or saved here")]
    ChangedOnDisk { path: PathBuf },
    /// The file the desk loaded or last saved is gone (removed or renamed away).
    #[error("{path} was deleted or moved by another program since it was opened or saved here")]
    Deleted { path: PathBuf },
    /// A file the desk did not write is already there (a `NAME.corrected.txt` of
    /// another desk or an earlier run).
    #[error("{path} already exists and was not written by this window")]
    Exists { path: PathBuf },
    #[error(transparent)]
    Edit(#[from] EditError),
}

impl DocumentError {
    /// True for the errors that ask the editor before writing over a file
    /// ([`DocumentError::ChangedOnDisk`], [`DocumentError::Deleted`],
    /// [`DocumentError::Exists`]); [`Document::save_as`] writes anyway.
    pub fn needs_confirmation(&self) -> bool {
        matches!(
            self,
            DocumentError::ChangedOnDisk { .. }
                | DocumentError::Deleted { .. }
                | DocumentError::Exists { .. }
        )
    }
}

/// One page being proofread.
#[derive(Clone, Debug)]
pub struct Document {
    /// Where the text was loaded from or last saved to (Ctrl+S writes here).
    pub path: Option<PathBuf>,
    /// The file `original` was read from. Saving elsewhere does not change it:
    /// reports name it as the "before" page.
    pub source: Option<PathBuf>,
    pub format: TextFormat,
    /// The text as loaded: the evidence every diff and report compares against.
    pub original: String,
    text: String,
    /// Bumped on every change; analysis is memoized by it.
    revision: u64,
    /// History position at the last load or save: undoing back to it makes the
    /// document unmodified again. None: no state in this history is on disk
    /// (resumed work that was never saved).
    saved_position: Option<u64>,
    history: History,
    /// What the format does not say about the page's bytes (mixed line endings,
    /// one-byte euros, undecodable bytes), moved along with every edit.
    details: ByteDetails,
    /// `details` at each history position where they had marks, so that undo and
    /// redo give the bytes back as they were (an undone join restores the line's
    /// own ending, which moving marks alone would not know).
    details_at: std::collections::HashMap<u64, ByteDetails>,
    /// Where the page came with geometry (structured OCR, PDF): the source and the
    /// boxes of the original text's lines.
    structured: Option<std::sync::Arc<crate::structured::Structured>>,
    /// Resumed work: the change from the loaded text to the resumed one, and back.
    resumed: Option<(ChangeSet, ChangeSet)>,
    /// The files this document read or wrote, as they were then: [`Document::save`]
    /// writes over one of them only while it is unchanged, and over no other
    /// existing file without asking.
    stamps: Vec<(PathBuf, DiskStamp)>,
}

impl Document {
    pub fn from_text(path: Option<PathBuf>, text: String, format: TextFormat) -> Self {
        Document {
            source: path.clone(),
            path,
            format,
            original: text.clone(),
            text,
            revision: 0,
            saved_position: Some(0),
            history: History::default(),
            details: ByteDetails::default(),
            details_at: Default::default(),
            structured: None,
            resumed: None,
            stamps: Vec::new(),
        }
    }

    /// The structured source (hOCR, ALTO, PAGE, TSV, PaddleOCR, PDF) the page was
    /// read from, if it was not plain text.
    pub fn structured(&self) -> Option<&crate::structured::Structured> {
        self.structured.as_deref()
    }

    /// Where the text at `range_bytes` (of the current text) is on the scan: its
    /// page and the box of its glyphs, or of its line. Follows the text through every
    /// edit since the page was read (offsets are carried back through the history).
    pub fn locate(
        &self,
        range_bytes: std::ops::Range<usize>,
    ) -> Option<(usize, jiaodui_core::page::BBox)> {
        // `original` is `s.text` (set together at load, never reassigned).
        let s = self.structured.as_deref()?;
        let start = self.to_original(range_bytes.start);
        let end = self.to_original(range_bytes.end).max(start);
        s.geometry.locate(s.lines.starts(), start..end)
    }

    /// Every line the text at `range_bytes` (of the current text) covers on the
    /// scan — its page, the line's box, the box and glyph boxes of the text's part
    /// of it — followed back through every edit like [`Document::locate`]. An empty
    /// range gives the line it is in (the cursor's line).
    pub fn span_lines(
        &self,
        range_bytes: std::ops::Range<usize>,
    ) -> Vec<jiaodui_core::page::SpanLine> {
        let Some(s) = self.structured.as_deref() else {
            return Vec::new();
        };
        let start = self.to_original(range_bytes.start);
        let end = self.to_original(range_bytes.end).max(start);
        s.geometry.span_lines(s.lines.starts(), start..end)
    }

    /// Where byte `offset` of the current text was in the text as read.
    fn to_original(&self, offset: usize) -> usize {
        let o = self.history.map_to_start(offset);
        self.resumed
            .as_ref()
            .map_or(o, |(_, inv)| inv.map_offset(o, false))
    }

    /// Where byte `offset` of the text as read is in the current text.
    fn in_current(&self, offset: usize) -> usize {
        let o = self
            .resumed
            .as_ref()
            .map_or(offset, |(fwd, _)| fwd.map_offset(offset, false));
        self.history.map_from_start(o)
    }

    /// The byte offset of the current text at point (`x`, `y`) of page `page`'s
    /// scan: the glyph (or line) under it, carried forward through the edits.
    pub fn offset_at(&self, page: usize, x: f32, y: f32) -> Option<usize> {
        // `original` is `s.text` (set together at load, never reassigned).
        let s = self.structured.as_deref()?;
        let at = s.geometry.offset_at(s.lines.starts(), page, x, y)?;
        Some(self.in_current(at).min(self.text.len()))
    }

    /// The structured source, shared (it outlives edits of the document).
    pub fn structured_source(&self) -> Option<std::sync::Arc<crate::structured::Structured>> {
        self.structured.clone()
    }

    /// The lines' boxes, while the text still has the original's lines (the engine
    /// ignores geometry for another line count anyway; this also keeps the desk from
    /// tinting glyphs whose bytes moved). `None` for plain text.
    pub fn geometry(&self) -> Option<&jiaodui_core::page::Geometry> {
        let s = self.structured.as_deref()?;
        (self.history.position() == 0 && self.text == s.text).then_some(&s.geometry)
    }

    /// What the page's bytes had beyond its format (see [`ByteDetails`]).
    pub fn details(&self) -> &ByteDetails {
        &self.details
    }

    /// Moves the byte details along with `change` (about to be applied to the
    /// current text) and remembers them by history position.
    fn rebase_details(&mut self, change: &ChangeSet) {
        if self.details.other_endings.is_empty() && self.details.one_byte_euros.is_empty() {
            return;
        }
        self.details_at
            .entry(self.history.position())
            .or_insert_with(|| self.details.clone());
        self.move_details(change);
    }

    fn move_details(&mut self, change: &ChangeSet) {
        self.details.rebase(
            &self.text,
            change
                .edits()
                .iter()
                .map(|e| (e.range_bytes.clone(), e.insert.as_str())),
        );
    }

    fn remember_details(&mut self) {
        if !self.details_at.is_empty() {
            self.details_at
                .insert(self.history.position(), self.details.clone());
        }
    }

    pub fn load(path: &Path) -> Result<Self, DocumentError> {
        let bytes = fsio::read_bounded(path, fsio::MAX_PAGE_BYTES, "a page").map_err(|source| {
            DocumentError::Read {
                path: path.to_owned(),
                source,
            }
        })?;
        let mut doc = Self::from_bytes(path, &bytes)?;
        doc.remember_file(path, DiskStamp::of(path, &bytes));
        Ok(doc)
    }

    /// Records that the file at `path` is, as it is now, one this document knows
    /// (read or written by it): saving over it does not ask while it stays so.
    pub fn remember_file(&mut self, path: &Path, stamp: DiskStamp) {
        self.stamps.retain(|(p, _)| p != path);
        self.stamps.push((path.to_owned(), stamp));
    }

    /// Reads the file at `path` now and remembers it (see [`Document::remember_file`]).
    pub fn remember_file_on_disk(&mut self, path: &Path) {
        if let Ok(Some(stamp)) = DiskStamp::read(path) {
            self.remember_file(path, stamp);
        }
    }

    /// How the file at `path` compares with what this document last read from it or
    /// wrote to it; `None` when the document never did.
    pub fn disk_state(&self, path: &Path) -> Option<DiskState> {
        self.stamps
            .iter()
            .find(|(p, _)| p == path || fsio::same_file(p, path))
            .map(|(_, s)| s.check(path))
    }

    /// Whether saving to `path` may go ahead without asking: `Ok` for a file this
    /// document read or wrote and that is unchanged since, or for no file at all;
    /// else the reason to ask ([`DocumentError::needs_confirmation`]).
    pub fn check_save(&self, path: &Path) -> Result<(), DocumentError> {
        match self.disk_state(path) {
            Some(DiskState::Unchanged) => Ok(()),
            Some(DiskState::Changed) => Err(DocumentError::ChangedOnDisk {
                path: path.to_owned(),
            }),
            Some(DiskState::Deleted) => Err(DocumentError::Deleted {
                path: path.to_owned(),
            }),
            None if std::fs::symlink_metadata(path).is_ok() => Err(DocumentError::Exists {
                path: path.to_owned(),
            }),
            None => Ok(()),
        }
    }

    /// Saves to `path` unless another program changed or removed the file since this
    /// document read or wrote it, or `path` is a file this document never wrote:
    /// then nothing is written and the error says which ([`Document::save_as`]
    /// writes anyway, once the editor confirmed).
    pub fn save(&mut self, path: &Path) -> Result<(), DocumentError> {
        self.check_save(path)?;
        self.save_as(path)
    }

    /// Replaces the text with the file at the document's path as it is on disk now,
    /// as one undo step (undo gives the text before the reload back), and makes that
    /// the saved state. For a file another program changed.
    pub fn reload(&mut self) -> Result<(), DocumentError> {
        let path = self.path.clone().ok_or_else(|| DocumentError::Read {
            path: PathBuf::new(),
            source: io::Error::new(io::ErrorKind::NotFound, "the page has no file"),
        })?;
        let bytes =
            fsio::read_bounded(&path, fsio::MAX_PAGE_BYTES, "a page").map_err(|source| {
                DocumentError::Read {
                    path: path.clone(),
                    source,
                }
            })?;
        let fresh = Self::from_bytes(&path, &bytes)?;
        let change = jiaodui_core::edit::minimal_change(&self.text, &fresh.text);
        if !change.is_empty() {
            self.details_at
                .entry(self.history.position())
                .or_insert_with(|| self.details.clone());
            self.history.record(&self.text, change);
            self.text = fresh.text;
            self.revision += 1;
        }
        self.format = fresh.format;
        self.details = fresh.details;
        self.details_at
            .insert(self.history.position(), self.details.clone());
        self.saved_position = Some(self.history.position());
        self.remember_file(&path, DiskStamp::of(&path, &bytes));
        Ok(())
    }

    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Self, DocumentError> {
        let structured =
            crate::structured::Structured::read(path, bytes).map_err(|source| match source {
                crate::structured::StructuredError::Pdf(jiaodui_pdf::PdfError::NoTextLayer) => {
                    DocumentError::ScanOnlyPdf {
                        path: path.to_owned(),
                    }
                }
                source => DocumentError::Structured {
                    path: path.to_owned(),
                    source,
                },
            })?;
        if let Some(s) = structured {
            // The text is the OCR's lines in reading order; saved as text it is UTF-8.
            let mut doc =
                Self::from_text(Some(path.to_owned()), s.text.clone(), TextFormat::default());
            doc.structured = Some(std::sync::Arc::new(s));
            return Ok(doc);
        }
        let decoded = text::decode(bytes).map_err(|source| DocumentError::Decode {
            path: path.to_owned(),
            source,
        })?;
        let mut doc = Self::from_text(Some(path.to_owned()), decoded.text, decoded.format);
        doc.details = decoded.details;
        Ok(doc)
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn is_modified(&self) -> bool {
        self.saved_position != Some(self.history.position())
    }

    /// Continues earlier work (a resumed session): `text` becomes the current text
    /// and the start of the undo history — the first undo must not take back the
    /// whole session in one step. `saved_to`: the file that holds exactly this
    /// text (the work was saved), which becomes the document's path; otherwise the
    /// document is modified (the work is only in the session).
    pub fn continue_work(&mut self, text: String, saved_to: Option<PathBuf>) {
        let change = jiaodui_core::edit::minimal_change(&self.text, &text);
        self.move_details(&change);
        // The link to the scan goes back through this step too (the history that
        // led here is gone).
        self.resumed = Some((change.clone(), change.invert(&self.text)));
        self.details_at.clear();
        self.history.clear();
        self.text = text;
        self.revision += 1;
        self.saved_position = None;
        if let Some(path) = saved_to {
            self.path = Some(path);
            self.saved_position = Some(self.history.position());
        }
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Applies `change` as one undo step.
    pub fn apply(&mut self, change: ChangeSet) -> Result<(), EditError> {
        self.apply_recorded(change, false)
    }

    /// Applies `change` as part of the last undo step (typing joined into words:
    /// see [`jiaodui_core::edit::TypingRun`]); one undo takes both back.
    pub fn apply_joined(&mut self, change: ChangeSet) -> Result<(), EditError> {
        self.apply_recorded(change, true)
    }

    fn apply_recorded(&mut self, change: ChangeSet, joined: bool) -> Result<(), EditError> {
        if change.is_empty() {
            return Ok(());
        }
        let new_text = change.apply(&self.text)?;
        self.rebase_details(&change);
        if joined {
            self.history.record_joined(&self.text, change);
        } else {
            self.history.record(&self.text, change);
        }
        self.text = new_text;
        self.revision += 1;
        self.remember_details();
        Ok(())
    }

    /// Replaces the whole text (free typing) as one undo step, recorded as the
    /// minimal middle edit so undo stays cheap.
    pub fn replace_text(&mut self, new_text: String) {
        if new_text == self.text {
            return;
        }
        let change = jiaodui_core::edit::minimal_change(&self.text, &new_text);
        self.rebase_details(&change);
        self.history.record(&self.text, change);
        self.text = new_text;
        self.revision += 1;
        self.remember_details();
    }

    pub fn undo(&mut self) -> bool {
        self.step(true)
    }

    pub fn redo(&mut self) -> bool {
        self.step(false)
    }

    fn step(&mut self, undo: bool) -> bool {
        let cs = if undo {
            self.history.undo()
        } else {
            self.history.redo()
        };
        let Some(cs) = cs else { return false };
        match cs.apply(&self.text) {
            Ok(t) => {
                match self.details_at.get(&self.history.position()) {
                    Some(d) => self.details = d.clone(),
                    None => self.move_details(&cs),
                }
                self.text = t;
                self.revision += 1;
                true
            }
            Err(_) => false,
        }
    }

    /// Encodes the current text in the page's format.
    pub fn encoded(&self, path: &Path) -> Result<Vec<u8>, DocumentError> {
        text::encode_exact(&self.text, self.format, &self.details).map_err(|source| {
            DocumentError::Encode {
                path: path.to_owned(),
                source,
            }
        })
    }

    /// Saves to `path` atomically and makes it the document's path, whatever is
    /// there (the editor confirmed; [`Document::save`] checks first).
    pub fn save_as(&mut self, path: &Path) -> Result<(), DocumentError> {
        let bytes = self.encoded(path)?;
        write_atomic(path, &bytes).map_err(|source| DocumentError::Write {
            path: path.to_owned(),
            source,
        })?;
        self.remember_file(path, DiskStamp::of(path, &bytes));
        self.path = Some(path.to_owned());
        self.saved_position = Some(self.history.position());
        Ok(())
    }

    /// The structured source (hOCR, ALTO, PAGE XML, TSV, PaddleOCR JSON) with the
    /// current text written into its lines and words, every coordinate and ID as
    /// read. `None` for plain text and PDFs (nothing to write back into).
    pub fn write_back(&self) -> Option<Result<WriteBack, DocumentError>> {
        let s = self.structured.as_deref()?;
        if s.kind == crate::structured::SourceKind::Pdf {
            return None;
        }
        let name = self.source.clone().unwrap_or_default();
        let bytes = match s.write_back(&self.text, |o| self.in_current(o)) {
            Ok(b) => b,
            Err(source) => return Some(Err(DocumentError::Structured { path: name, source })),
        };
        // What a reader of the written file gets: the editor's text, but for the
        // line breaks and spaces that the file's elements decide (a joined line
        // stays two elements). Anything else missing did not fit in an element.
        let written = crate::structured::Structured::read(&name, &bytes)
            .ok()
            .flatten()
            .map(|w| w.text);
        let visible = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let complete = written.is_some_and(|w| visible(&w) == visible(&self.text));
        Some(Ok(WriteBack { bytes, complete }))
    }

    /// Writes `bytes` (a [`Document::write_back`]) to `path` atomically and makes it
    /// the document's path: the document is saved. Unless `confirmed`, refuses as
    /// [`Document::save`] does (a file changed or removed since this document read or
    /// wrote it, or one it never wrote).
    pub fn save_written_back(
        &mut self,
        path: &Path,
        bytes: &[u8],
        confirmed: bool,
    ) -> Result<(), DocumentError> {
        if !confirmed {
            self.check_save(path)?;
        }
        write_atomic(path, bytes).map_err(|source| DocumentError::Write {
            path: path.to_owned(),
            source,
        })?;
        self.remember_file(path, DiskStamp::of(path, bytes));
        self.path = Some(path.to_owned());
        self.saved_position = Some(self.history.position());
        Ok(())
    }

    /// The path proposed for writing back into the source's format:
    /// `NAME.corrected.EXT` beside the source, with the source's extension.
    pub fn proposed_write_back_path(&self) -> Option<PathBuf> {
        let path = self.source.as_ref().or(self.path.as_ref())?;
        let stem = path.file_stem()?.to_string_lossy();
        let stem = stem.strip_suffix(".corrected").unwrap_or(&stem);
        let ext = path
            .extension()
            .map_or_else(|| "hocr".into(), |e| e.to_string_lossy());
        Some(path.with_file_name(format!("{stem}.corrected.{ext}")))
    }

    /// The path proposed on first save: `NAME.corrected.txt` beside the original,
    /// because the raw OCR is evidence and is not overwritten by default.
    pub fn proposed_save_path(&self) -> Option<PathBuf> {
        let path = self.path.as_ref()?;
        let name = path.file_name()?.to_string_lossy();
        if name.contains(".corrected.") {
            return Some(path.clone());
        }
        let stem = path.file_stem()?.to_string_lossy();
        Some(path.with_file_name(format!("{stem}.corrected.txt")))
    }
}

/// The structured source with the editor's text written back.
#[derive(Clone, Debug)]
pub struct WriteBack {
    pub bytes: Vec<u8>,
    /// Every character of the text is in the file. False when some edit cannot be
    /// carried by the file's elements (text typed into the blank line between two
    /// blocks, which belongs to no line): saving it would lose that text.
    pub complete: bool,
}

/// How [`write_atomic_with`] treats what is already at the target.
#[derive(Clone, Copy, Debug, Default)]
pub struct WriteOptions {
    /// Replace a read-only file too (`--force`).
    pub force: bool,
}

/// [`write_atomic_with`] with default options (a read-only target is refused).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, bytes, WriteOptions::default())
}

/// Writes via a temporary file in the same folder, fsync, then rename: the target
/// is either the old file or the complete new one, never a truncated mix.
///
/// What the user has stays what it is: a symbolic link is followed and its target
/// written (the link stays a link); the file's mode and, where permitted, owner are
/// kept; a read-only file is refused unless `options.force`; a FIFO or a device
/// (`/dev/stdout`) is written into, never replaced by a regular file; anything else
/// that is not a regular file is refused. The temporary file is created exclusively
/// (no following of a planted link) under an unpredictable name.
pub fn write_atomic_with(path: &Path, bytes: &[u8], options: WriteOptions) -> io::Result<()> {
    use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
    let existing = match fs::metadata(path) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if let Some(meta) = &existing {
        let t = meta.file_type();
        if t.is_fifo() || t.is_char_device() {
            // (Opened by the name given: `/dev/stdout` → `/proc/self/fd/1` → a pipe.)
            let mut f = fs::OpenOptions::new().write(true).open(path)?;
            f.write_all(bytes)?;
            return f.flush();
        }
    }
    // The file the name leads to: the target of a link (the link stays a link),
    // also of a link whose target does not exist yet.
    let path = &match existing {
        Some(_) => fs::canonicalize(path)?,
        None => follow_links(path)?,
    };
    if let Some(meta) = &existing {
        if !meta.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "not a regular file ({}); not replaced",
                    crate::fsio::kind_of(meta)
                ),
            ));
        }
        if meta.permissions().readonly() && !options.force {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "the file is read-only; not replaced",
            ));
        }
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let mode = existing.as_ref().map_or(0o666, |m| m.mode() & 0o7777);
    let (tmp, mut f) = create_temp(dir, &name.to_string_lossy(), mode)?;
    let result = (|| {
        if let Some(meta) = &existing {
            // The umask applied at creation; the kept mode is set explicitly.
            f.set_permissions(fs::Permissions::from_mode(mode))?;
            // Only root (or the owner, for the group) may; otherwise the saver owns it.
            // SAFETY: a valid open descriptor; fchown has no memory effects.
            let _ = unsafe {
                libc::fchown(std::os::fd::AsRawFd::as_raw_fd(&f), meta.uid(), meta.gid())
            };
        }
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    drop(f);
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    } else {
        remove_stale_temps(dir);
    }
    result
}

/// The file a chain of symbolic links at `path` ends at (which may not exist yet).
fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_owned();
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = fs::read_link(&p)?;
                p = match p.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        "too many levels of symbolic links",
    ))
}

/// Creates `.NAME.jiaodui-PID-RANDOM.tmp` in `dir` exclusively (O_EXCL, and
/// O_NOFOLLOW: a link planted under the name is never followed), with a name no
/// other user can predict.
fn create_temp(dir: &Path, name: &str, mode: u32) -> io::Result<(PathBuf, fs::File)> {
    use std::hash::{BuildHasher, Hasher};
    use std::os::unix::fs::OpenOptionsExt;
    let mut last = None;
    for attempt in 0u32..16 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u32(attempt);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        let tmp = dir.join(format!(
            ".{name}.jiaodui-{}-{:016x}.tmp",
            std::process::id(),
            h.finish()
        ));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode & 0o777 | 0o200)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("cannot create a temporary file")))
}

/// How long a temporary file of [`write_atomic`] must have sat untouched before a
/// later write takes it for the leftover of a process killed mid-save (a write in
/// progress touches its file continuously; even 50 MB take about a second).
const STALE_TEMP_AFTER: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Removes the temporary files that writes into `dir` left behind when their
/// process died between creating and renaming them: nobody else ever cleans them
/// up, and they hold a whole copy of a page each. Once per folder and process: a
/// listing costs about a millisecond per thousand files, too much to repeat for
/// every page of a batch or every autosave.
fn remove_stale_temps(dir: &Path) {
    static CLEANED: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());
    {
        let Ok(mut cleaned) = CLEANED.lock() else {
            return;
        };
        if cleaned.iter().any(|d| d == dir) {
            return;
        }
        cleaned.push(dir.to_owned());
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        // `.NAME.jiaodui-PID-RANDOM.tmp`, as `write_atomic` names them (and
        // `.NAME.jiaodui-PID.tmp`, as earlier versions did).
        let is_ours = file_name
            .to_str()
            .filter(|n| n.starts_with('.'))
            .and_then(|n| n.strip_suffix(".tmp"))
            .and_then(|n| n.rsplit_once(".jiaodui-"))
            .is_some_and(|(_, id)| {
                let (pid, random) = id.split_once('-').unwrap_or((id, "0"));
                !pid.is_empty()
                    && pid.bytes().all(|b| b.is_ascii_digit())
                    && !random.is_empty()
                    && random.bytes().all(|b| b.is_ascii_hexdigit())
            });
        if !is_ours {
            continue;
        }
        let idle = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok());
        if idle.is_some_and(|idle| idle >= STALE_TEMP_AFTER) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_undo_restores_bytes() {
        let mut d = Document::from_text(None, "近日， 开发区".into(), TextFormat::default());
        d.replace_text("近日，开发区新".into());
        assert!(d.is_modified());
        assert!(d.undo());
        assert_eq!(d.text(), "近日， 开发区");
        assert!(d.redo());
        assert_eq!(d.text(), "近日，开发区新");
    }

    #[test]
    fn undo_back_to_the_saved_text_is_unmodified() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.txt");
        let mut d = Document::from_text(None, "近日， 开发区".into(), TextFormat::default());
        d.replace_text("近日，开发区".into());
        d.save_as(&path).unwrap();
        assert!(!d.is_modified());
        d.replace_text("近日，开发区新".into());
        assert!(d.is_modified());
        assert!(d.undo());
        assert!(!d.is_modified(), "back at the saved text");
        assert!(d.undo());
        assert!(d.is_modified(), "before the saved text");
        assert!(d.redo());
        assert!(!d.is_modified());
        // A new edit after undoing past the save cannot come back to it by redo.
        assert!(d.undo());
        d.replace_text("近日，开发区甲".into());
        assert!(d.is_modified());
    }

    /// An hOCR page saved in its own format: the editor's fix is in the words,
    /// the boxes are as read; text typed where no element can hold it is reported.
    #[test]
    fn write_back_carries_the_edits_into_the_hocr() {
        let hocr = include_bytes!("../../ocr/tests/fixtures/tess1.hocr");
        let mut d = Document::from_bytes(Path::new("tess1.hocr"), hocr).unwrap();
        let before = d.structured().unwrap().geometry.clone();
        let at = d.text().find('〈').unwrap();
        d.apply(
            ChangeSet::new(vec![jiaodui_core::edit::Edit::new(
                at..at + '〈'.len_utf8(),
                "（",
            )])
            .unwrap(),
        )
        .unwrap();
        // A second step, so the map runs through the whole history.
        let end = d.text().find("开放").unwrap();
        d.apply(ChangeSet::new(vec![jiaodui_core::edit::Edit::new(end..end, "了")]).unwrap())
            .unwrap();
        let wb = d.write_back().unwrap().unwrap();
        assert!(wb.complete);
        let again = Document::from_bytes(Path::new("out.hocr"), &wb.bytes).unwrap();
        assert!(again.text().contains("本报讯（记者"), "{}", again.text());
        assert!(again.text().contains("新馆了开放"), "{}", again.text());
        let after = &again.structured().unwrap().geometry;
        let boxes = |g: &jiaodui_core::page::Geometry| {
            g.lines.iter().flatten().map(|l| l.bbox).collect::<Vec<_>>()
        };
        assert_eq!(boxes(&before), boxes(after));
        // Text typed into the blank line between two blocks belongs to no element.
        let blank = d.text().find("\n\n").unwrap() + 1;
        d.apply(ChangeSet::new(vec![jiaodui_core::edit::Edit::new(blank..blank, "甲")]).unwrap())
            .unwrap();
        assert!(!d.write_back().unwrap().unwrap().complete);
        // Plain text has nothing to write back into.
        assert!(
            Document::from_text(None, "甲".into(), TextFormat::default())
                .write_back()
                .is_none()
        );
    }

    /// Temporary files left by saves killed before their rename go with the next
    /// save into that folder once they are clearly abandoned; a recent one (perhaps
    /// another process saving right now) and other files stay.
    #[test]
    fn a_later_save_removes_abandoned_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.txt");
        let temp = |name: &str, idle_secs: u64| {
            let p = dir.path().join(name);
            let f = fs::File::create(&p).unwrap();
            let when = std::time::SystemTime::now() - std::time::Duration::from_secs(idle_secs);
            f.set_modified(when).unwrap();
            p
        };
        let abandoned = temp(".p.txt.jiaodui-4242.tmp", 3600);
        let recent = temp(".p.txt.jiaodui-4243.tmp", 5);
        let abandoned_new = temp(".p.txt.jiaodui-4242-00ff12ab34cd56ef.tmp", 3600);
        let recent_new = temp(".p.txt.jiaodui-4243-00ff12ab34cd56ef.tmp", 5);
        let other_page = temp(".q.txt.jiaodui-4242.tmp", 3600);
        let not_a_temp = temp(".p.txt.jiaodui-notes.tmp", 3600);
        let not_hidden = temp("p.txt.jiaodui-4242.tmp", 3600);
        write_atomic(&path, "近日，开发区".as_bytes()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "近日，开发区");
        assert!(!abandoned.exists() && !other_page.exists() && !abandoned_new.exists());
        assert!(recent.exists() && not_a_temp.exists() && not_hidden.exists());
        assert!(recent_new.exists());
    }

    #[test]
    fn proposed_path_keeps_the_original() {
        let d = Document::from_text(
            Some("/x/page.txt".into()),
            String::new(),
            TextFormat::default(),
        );
        assert_eq!(
            d.proposed_save_path().unwrap(),
            PathBuf::from("/x/page.corrected.txt")
        );
    }

    fn fix_all(doc: &mut Document) {
        let settings = jiaodui_core::engine::Settings::default();
        let fixed = jiaodui_core::engine::fix(doc.text(), &settings);
        doc.replace_text(fixed);
    }

    /// 85 LF lines and one CRLF line, nothing to fix: written back byte for byte
    /// (was: every line rewritten as CRLF). A joined line keeps its last part's ending.
    #[test]
    fn mixed_line_endings_are_kept_line_by_line() {
        let mut bytes = Vec::new();
        for i in 0..85 {
            bytes.extend(format!("第{i}段。\n").as_bytes());
        }
        bytes.extend("最后一段。\r\n".as_bytes());
        let mut doc = Document::from_bytes(Path::new("p.txt"), &bytes).unwrap();
        fix_all(&mut doc);
        assert_eq!(doc.encoded(Path::new("p.txt")).unwrap(), bytes);

        // Editing before the CRLF line moves its mark; joining onto it keeps it.
        let bytes = "甲。\r\n乙\n丙。\r\n丁。\n".as_bytes();
        let mut doc = Document::from_bytes(Path::new("p.txt"), bytes).unwrap();
        let join = doc.text().find("乙\n").unwrap() + "乙".len();
        doc.apply(ChangeSet::new(vec![jiaodui_core::edit::Edit::delete(join..join + 1)]).unwrap())
            .unwrap();
        assert_eq!(
            doc.encoded(Path::new("p.txt")).unwrap(),
            "甲。\r\n乙丙。\r\n丁。\n".as_bytes()
        );
        assert!(doc.undo());
        assert_eq!(doc.encoded(Path::new("p.txt")).unwrap(), bytes);
    }

    /// Old Mac files: lone CRs are lines (was: one long line).
    #[test]
    fn lone_cr_files_are_lines() {
        let bytes = "甲乙。\r丙丁。\r".as_bytes();
        let doc = Document::from_bytes(Path::new("p.txt"), bytes).unwrap();
        assert_eq!(doc.text(), "甲乙。\n丙丁。\n");
        assert_eq!(doc.encoded(Path::new("p.txt")).unwrap(), bytes);
    }

    /// A GBK page with the one-byte `€` and nothing to fix is written back as it was
    /// (was: 0x80 became A2 E3); a typed `€` gets GB18030's two bytes.
    #[test]
    fn gbk_one_byte_euro_is_kept() {
        let (mut bytes, _, _) = encoding_rs::GB18030.encode("价格为");
        let mut bytes = bytes.to_mut().clone();
        bytes.push(0x80);
        bytes.extend(encoding_rs::GB18030.encode("五元。\n").0.iter());
        let mut doc = Document::from_bytes(Path::new("p.txt"), &bytes).unwrap();
        assert_eq!(doc.format.encoding, text::TextEncoding::Gb18030);
        fix_all(&mut doc);
        assert_eq!(doc.encoded(Path::new("p.txt")).unwrap(), bytes);
        doc.replace_text(format!("€{}", doc.text()));
        let out = doc.encoded(Path::new("p.txt")).unwrap();
        assert_eq!(&out[..2], &[0xA2, 0xE3]);
        assert_eq!(&out[2..], &bytes[..]);
    }

    /// A UTF-8 page with one bad byte is UTF-8 with damage (was: read as GB18030,
    /// every character elsewhere rewritten); the byte is a `bad-bytes` finding and
    /// comes back as it was.
    #[test]
    fn damaged_utf8_keeps_its_bad_byte() {
        let mut bytes = "近日，开发区太昊路办事处新时代文明实践所开展活动。\n"
            .as_bytes()
            .to_vec();
        bytes.insert(9, 0xFF);
        bytes.extend("本报讯 记者 王晨 ,报道。\n".as_bytes());
        let mut doc = Document::from_bytes(Path::new("p.txt"), &bytes).unwrap();
        assert_eq!(doc.format.encoding, text::TextEncoding::Utf8);
        let findings =
            jiaodui_core::engine::check(doc.text(), &jiaodui_core::engine::Settings::default());
        let bad: Vec<_> = findings
            .iter()
            .filter(|f| f.rule == jiaodui_core::engine::RuleId::BadBytes)
            .collect();
        assert_eq!(bad.len(), 1);
        assert!(
            bad[0].message.to_string().contains("FF"),
            "{}",
            bad[0].message
        );
        assert!(!bad[0].is_fixable());
        assert_eq!(doc.encoded(Path::new("p.txt")).unwrap(), bytes);
        fix_all(&mut doc);
        let out = doc.encoded(Path::new("p.txt")).unwrap();
        assert!(
            out.starts_with(&bytes[..40]),
            "the damaged line is untouched"
        );
        assert_ne!(out, bytes, "the rest was fixed");
    }

    /// Through a symbolic link the target is written and the link stays; the mode
    /// stays 600; a read-only file is refused unless forced.
    #[test]
    fn saving_keeps_links_modes_and_read_only_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.txt");
        let link = dir.path().join("link.txt");
        fs::write(&target, "旧").unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o600)).unwrap();
        std::os::unix::fs::symlink("real.txt", &link).unwrap();
        write_atomic(&link, "新".as_bytes()).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "新");
        let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);

        fs::set_permissions(&target, fs::Permissions::from_mode(0o444)).unwrap();
        let e = write_atomic(&target, b"x").unwrap_err();
        assert!(e.to_string().contains("read-only"), "{e}");
        assert_eq!(fs::read_to_string(&target).unwrap(), "新");
        write_atomic_with(&target, b"x", WriteOptions { force: true }).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "x");
        assert_eq!(
            fs::metadata(&target).unwrap().permissions().mode() & 0o777,
            0o444
        );
    }

    /// A symbolic link planted under a temporary name is never followed (the names
    /// are unpredictable and created exclusively), and no temporary file is left.
    #[test]
    fn planted_temporary_links_are_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "keep").unwrap();
        let out = dir.path().join("out.txt");
        let planted = dir
            .path()
            .join(format!(".out.txt.jiaodui-{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        write_atomic(&out, b"page").unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(fs::read_to_string(&out).unwrap(), "page");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 3, "{names:?}");
    }

    /// A FIFO is written into, never replaced by a regular file; a folder is refused.
    #[test]
    fn non_regular_targets_are_written_into_or_refused() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo).unwrap())
        };
        write_atomic(&fifo, b"page").unwrap();
        assert_eq!(reader.join().unwrap(), b"page");
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        let e = write_atomic(dir.path(), b"x").unwrap_err();
        assert!(
            e.to_string().contains("not a regular file") || e.to_string().contains("no file name"),
            "{e}"
        );
        let sub = dir.path().join("sub");
        fs::create_dir(&sub).unwrap();
        let e = write_atomic(&sub, b"x").unwrap_err();
        assert!(e.to_string().contains("folder"), "{e}");
    }

    /// Issue #14: saving over a page another program changed or removed since it
    /// was opened (or last saved) asks first; so does saving onto an existing file
    /// this document never wrote (another desk's `NAME.corrected.txt`).
    #[test]
    fn save_refuses_files_changed_or_written_elsewhere() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("p.txt");
        fs::write(&page, "近日， 开发区\n").unwrap();
        let mut d = Document::load(&page).unwrap();
        d.replace_text("近日，开发区\n".into());
        // Unchanged on disk: saved.
        d.save(&page).unwrap();
        assert_eq!(fs::read_to_string(&page).unwrap(), "近日，开发区\n");
        // Another program writes the page; the desk's save does not replace it.
        fs::write(&page, "别的程序写的\n").unwrap();
        d.replace_text("近日，开发区新\n".into());
        let e = d.save(&page).unwrap_err();
        assert!(matches!(e, DocumentError::ChangedOnDisk { .. }), "{e}");
        assert!(e.needs_confirmation());
        assert_eq!(fs::read_to_string(&page).unwrap(), "别的程序写的\n");
        // Removed: said so, not recreated silently.
        fs::remove_file(&page).unwrap();
        assert!(matches!(
            d.save(&page).unwrap_err(),
            DocumentError::Deleted { .. }
        ));
        assert!(!page.exists());
        // Confirmed (Overwrite): written, and from then on its own again.
        d.save_as(&page).unwrap();
        d.replace_text("近日，开发区新闻\n".into());
        d.save(&page).unwrap();
        // Someone else's corrected copy: asks; a new file does not.
        let corrected = dir.path().join("p.corrected.txt");
        fs::write(&corrected, "另一个校对台\n").unwrap();
        assert!(matches!(
            d.save(&corrected).unwrap_err(),
            DocumentError::Exists { .. }
        ));
        assert_eq!(fs::read_to_string(&corrected).unwrap(), "另一个校对台\n");
        d.save(&dir.path().join("new.txt")).unwrap();
    }

    /// Reload takes the disk's version as the saved state; undo gives the desk's
    /// text back (the edits are not lost).
    #[test]
    fn reload_keeps_the_edits_one_undo_away() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("p.txt");
        fs::write(&page, "甲乙丙\r\n").unwrap();
        let mut d = Document::load(&page).unwrap();
        d.replace_text("甲乙丙丁\n".into());
        fs::write(&page, "子丑寅\r\n").unwrap();
        d.reload().unwrap();
        assert_eq!(d.text(), "子丑寅\n");
        assert!(!d.is_modified());
        d.save(&page).unwrap(); // the reloaded file is known again
        assert_eq!(fs::read(&page).unwrap(), "子丑寅\r\n".as_bytes());
        assert!(d.undo());
        assert_eq!(d.text(), "甲乙丙丁\n");
        assert!(d.is_modified());
    }
}
