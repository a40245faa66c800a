//! Reading the desk's files: bounded, and never blocking on something that is not
//! a regular file. A page, a settings file, a session or a project file given as
//! `/dev/zero` would be read until memory ran out; a FIFO would block the reader
//! (the window, for a settings file) until someone wrote into it.

use std::fs;
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::Path;

/// Largest page read (a newspaper page is tens of kilobytes; 50 MB files are tested).
pub const MAX_PAGE_BYTES: u64 = 512 * 1024 * 1024;

/// What kind of file system object `meta` is, for messages.
pub fn kind_of(meta: &fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_symlink() {
        "a symbolic link"
    } else {
        "a regular file"
    }
}

/// Reads the regular file at `path` (symbolic links followed), at most `limit`
/// bytes; `what` names it in messages ("a page", "a settings file"). Refuses
/// anything else before reading a byte: the open does not wait for a FIFO's
/// writer (O_NONBLOCK), and the file is checked after it is open (no race
/// between a check and the open). A file that grows past `limit` while it is read
/// is refused too.
pub fn read_bounded(path: &Path, limit: u64, what: &str) -> io::Result<Vec<u8>> {
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("not a regular file ({}); expected {what}", kind_of(&meta)),
        ));
    }
    let too_large = |len: u64| {
        io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("too large for {what} ({len} bytes, at most {limit})"),
        )
    };
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Whether `a` and `b` are the same file (device and inode, links followed): a
/// hard link or a bind mount of a file is the file. `false` when either is missing.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_regular_files_are_refused_without_blocking() {
        let e = read_bounded(Path::new("/dev/zero"), 1024, "a page").unwrap_err();
        assert!(e.to_string().contains("character device"), "{e}");
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("settings.ron");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = read_bounded(&fifo, 1024, "a settings file").unwrap_err();
        assert!(e.to_string().contains("FIFO"), "{e}");
        let e = read_bounded(dir.path(), 1024, "a page").unwrap_err();
        assert!(e.to_string().contains("folder"), "{e}");
    }

    #[test]
    fn the_limit_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.txt");
        fs::write(&p, [b'a'; 100]).unwrap();
        assert_eq!(read_bounded(&p, 100, "a page").unwrap().len(), 100);
        let e = read_bounded(&p, 99, "a page").unwrap_err();
        assert!(e.to_string().contains("at most 99"), "{e}");
    }
}
