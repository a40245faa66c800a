//! A page: where it came from, how it was stored, its original and current text.
//! Loading decodes once; saving encodes back in the same format, atomically.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

use jiaodui_core::edit::{ChangeSet, EditError, History};
use jiaodui_core::text::{self, DecodeError, EncodeError, TextFormat};

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
    #[error(transparent)]
    Edit(#[from] EditError),
}

/// One page being proofread.
#[derive(Clone, Debug)]
pub struct Document {
    pub path: Option<PathBuf>,
    pub format: TextFormat,
    /// The text as loaded: the evidence every diff and report compares against.
    pub original: String,
    text: String,
    /// Bumped on every change; analysis is memoized by it.
    revision: u64,
    /// History position at the last load or save: undoing back to it makes the
    /// document unmodified again.
    saved_position: u64,
    history: History,
}

impl Document {
    pub fn from_text(path: Option<PathBuf>, text: String, format: TextFormat) -> Self {
        Document {
            path,
            format,
            original: text.clone(),
            text,
            revision: 0,
            saved_position: 0,
            history: History::default(),
        }
    }

    pub fn load(path: &Path) -> Result<Self, DocumentError> {
        let bytes = fs::read(path).map_err(|source| DocumentError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::from_bytes(path, &bytes)
    }

    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Self, DocumentError> {
        let decoded = text::decode(bytes).map_err(|source| DocumentError::Decode {
            path: path.to_owned(),
            source,
        })?;
        Ok(Self::from_text(
            Some(path.to_owned()),
            decoded.text,
            decoded.format,
        ))
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn is_modified(&self) -> bool {
        self.history.position() != self.saved_position
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Applies `change` as one undo step.
    pub fn apply(&mut self, change: ChangeSet) -> Result<(), EditError> {
        if change.is_empty() {
            return Ok(());
        }
        let new_text = change.apply(&self.text)?;
        self.history.record(&self.text, change);
        self.text = new_text;
        self.revision += 1;
        Ok(())
    }

    /// Replaces the whole text (free typing) as one undo step, recorded as the
    /// minimal middle edit so undo stays cheap.
    pub fn replace_text(&mut self, new_text: String) {
        if new_text == self.text {
            return;
        }
        let change = jiaodui_core::edit::minimal_change(&self.text, &new_text);
        self.history.record(&self.text, change);
        self.text = new_text;
        self.revision += 1;
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
                self.text = t;
                self.revision += 1;
                true
            }
            Err(_) => false,
        }
    }

    /// Encodes the current text in the page's format.
    pub fn encoded(&self, path: &Path) -> Result<Vec<u8>, DocumentError> {
        text::encode(&self.text, self.format).map_err(|source| DocumentError::Encode {
            path: path.to_owned(),
            source,
        })
    }

    /// Saves to `path` atomically and makes it the document's path.
    pub fn save_as(&mut self, path: &Path) -> Result<(), DocumentError> {
        let bytes = self.encoded(path)?;
        write_atomic(path, &bytes).map_err(|source| DocumentError::Write {
            path: path.to_owned(),
            source,
        })?;
        self.path = Some(path.to_owned());
        self.saved_position = self.history.position();
        Ok(())
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

/// Writes via a temporary file in the same folder, fsync, then rename: the target
/// is either the old file or the complete new one, never a truncated mix.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let tmp = dir.join(format!(
        ".{}.jiaodui-{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    } else {
        remove_stale_temps(dir);
    }
    result
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
        // `.NAME.jiaodui-PID.tmp`, as `write_atomic` names them.
        let is_ours = file_name
            .to_str()
            .filter(|n| n.starts_with('.'))
            .and_then(|n| n.strip_suffix(".tmp"))
            .and_then(|n| n.rsplit_once(".jiaodui-"))
            .is_some_and(|(_, pid)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()));
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
        let other_page = temp(".q.txt.jiaodui-4242.tmp", 3600);
        let not_a_temp = temp(".p.txt.jiaodui-notes.tmp", 3600);
        let not_hidden = temp("p.txt.jiaodui-4242.tmp", 3600);
        write_atomic(&path, "近日，开发区".as_bytes()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "近日，开发区");
        assert!(!abandoned.exists() && !other_page.exists());
        assert!(recent.exists() && not_a_temp.exists() && not_hidden.exists());
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
}
