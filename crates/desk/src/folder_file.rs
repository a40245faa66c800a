//! The small RON files the desk keeps beside a folder's project file (house words,
//! learned confusions, corrections waiting for their page): read with a size cap,
//! written atomically, and a damaged one moved aside (never deleted, never
//! overwritten unread) with a message, so the editor loses neither the file nor
//! the work on the page.

use std::io;
use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Largest such file read: thousands of entries of a few dozen bytes.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A file's contents, or the default and why the file could not be used.
#[derive(Debug, Default)]
pub struct Loaded<T> {
    pub value: T,
    /// Shown to the editor: the file, what is wrong, where it was kept.
    pub problem: Option<String>,
}

/// Reads `path` (`what` names it in messages). Missing: the default, no problem.
/// Unreadable: the default and a message, the file left alone. Damaged (not UTF-8,
/// not this RON): moved aside as `NAME.damaged-<UTC time>` and the default.
pub fn load<T: DeserializeOwned + Default>(path: &Path, what: &str) -> Loaded<T> {
    let text = match crate::fsio::read_bounded(path, MAX_FILE_BYTES, what) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => return damaged(path, "not UTF-8 text"),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Loaded::default(),
        Err(e) => {
            return Loaded {
                value: T::default(),
                problem: Some(format!("{}: {e}", path.display())),
            };
        }
    };
    match ron::from_str::<T>(&text) {
        Ok(value) => Loaded {
            value,
            problem: None,
        },
        Err(e) => damaged(path, &e.to_string()),
    }
}

fn damaged<T: Default>(path: &Path, why: &str) -> Loaded<T> {
    let problem = match crate::session::set_aside(path) {
        Ok(kept) => format!("{}: {why} (kept as {})", path.display(), kept.display()),
        Err(e) => format!("{}: {why} (could not keep it aside: {e})", path.display()),
    };
    Loaded {
        value: T::default(),
        problem: Some(problem),
    }
}

/// Writes `value` to `path` atomically.
pub fn save<T: Serialize>(path: &Path, value: &T) -> io::Result<()> {
    let text = ron::ser::to_string_pretty(value, ron::ser::PrettyConfig::default())
        .map_err(io::Error::other)?;
    crate::document::write_atomic(path, text.as_bytes())
}
