//! What a file on disk was when the desk last read or wrote it: its size, its
//! modification time and a hash of its bytes. Before the desk writes over a file it
//! compares: a file another program changed or removed meanwhile is not replaced
//! silently (the editor decides).

use std::fs;
use std::io;
use std::path::Path;
use std::time::SystemTime;

use jiaodui_core::hash::fnv1a64;

/// A file as the desk last saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiskStamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
    /// FNV-1a 64 of the bytes.
    pub hash: u64,
}

/// How the file at a path compares with a stamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiskState {
    /// The same bytes (a touched file whose bytes did not change is the same).
    Unchanged,
    /// Other bytes: another program wrote it.
    Changed,
    /// Nothing there any more (removed or renamed away).
    Deleted,
}

impl DiskStamp {
    /// The stamp of the file at `path` whose bytes (just read or written) are `bytes`.
    pub fn of(path: &Path, bytes: &[u8]) -> Self {
        DiskStamp {
            len: bytes.len() as u64,
            modified: fs::metadata(path).and_then(|m| m.modified()).ok(),
            hash: fnv1a64(bytes),
        }
    }

    /// Reads the file at `path` now (bounded, regular files only). `Ok(None)` when
    /// there is none.
    pub fn read(path: &Path) -> io::Result<Option<Self>> {
        match crate::fsio::read_bounded(path, crate::fsio::MAX_PAGE_BYTES, "a page") {
            Ok(bytes) => Ok(Some(Self::of(path, &bytes))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Compares the file at `path` now with this stamp. Size first (no read when it
    /// differs), then the bytes: a time stamp alone is not a change (a `touch`, a
    /// copy that kept the bytes), and equal times do not prove equal bytes (a
    /// second write within the file system's time resolution).
    pub fn check(&self, path: &Path) -> DiskState {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return DiskState::Deleted,
            Err(_) => return DiskState::Changed,
        };
        if !meta.is_file() {
            return DiskState::Changed;
        }
        if meta.len() != self.len {
            return DiskState::Changed;
        }
        match crate::fsio::read_bounded(path, crate::fsio::MAX_PAGE_BYTES, "a page") {
            Ok(bytes) if fnv1a64(&bytes) == self.hash && bytes.len() as u64 == self.len => {
                DiskState::Unchanged
            }
            Ok(_) => DiskState::Changed,
            Err(e) if e.kind() == io::ErrorKind::NotFound => DiskState::Deleted,
            Err(_) => DiskState::Changed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_deleted_and_touched_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.txt");
        fs::write(&p, "甲乙丙").unwrap();
        let s = DiskStamp::read(&p).unwrap().unwrap();
        assert_eq!(s.check(&p), DiskState::Unchanged);
        // Same size, other bytes.
        fs::write(&p, "甲乙丁").unwrap();
        assert_eq!(s.check(&p), DiskState::Changed);
        fs::write(&p, "甲乙丙丁").unwrap();
        assert_eq!(s.check(&p), DiskState::Changed);
        // Rewritten with the same bytes (a new mtime): unchanged.
        fs::write(&p, "甲乙丙").unwrap();
        assert_eq!(s.check(&p), DiskState::Unchanged);
        fs::remove_file(&p).unwrap();
        assert_eq!(s.check(&p), DiskState::Deleted);
        assert_eq!(DiskStamp::read(&p).unwrap(), None);
    }
}
