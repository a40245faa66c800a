//! The desktop's file dialogs (rfd), with the one fallback every caller needs:
//! where no dialog can be shown (no XDG portal), rfd answers "nothing chosen" at
//! once, which looks like a cancel. An answer faster than a person can click means
//! the dialog never appeared, and the caller shows its path field instead.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A native dialog that returns this fast was never shown (no portal, no GTK).
const SHOWN_MIN: Duration = Duration::from_millis(250);

/// What the editor asked for.
pub enum Ask<'a> {
    OpenFile,
    OpenFolder,
    /// Save, proposing this path.
    SaveFile(&'a Path),
}

/// The outcome of a dialog.
pub enum Answer {
    Chosen(PathBuf),
    /// The editor closed the dialog: do nothing.
    Cancelled,
    /// No dialog could be shown: offer a path field.
    Unavailable,
}

/// Shows the dialog, starting in `dir`, with `filters` (name, extensions).
pub fn ask(what: Ask<'_>, dir: Option<&Path>, filters: &[(&str, &[&str])]) -> Answer {
    let started = Instant::now();
    let mut dialog = rfd::FileDialog::new();
    for (name, exts) in filters {
        dialog = dialog.add_filter(*name, exts);
    }
    if let Some(dir) = dir {
        dialog = dialog.set_directory(dir);
    }
    let chosen = match what {
        Ask::OpenFile => dialog.pick_file(),
        Ask::OpenFolder => dialog.pick_folder(),
        Ask::SaveFile(proposed) => {
            if let Some(name) = proposed.file_name() {
                dialog = dialog.set_file_name(name.to_string_lossy());
            }
            dialog.save_file()
        }
    };
    match chosen {
        Some(p) => Answer::Chosen(p),
        None if started.elapsed() >= SHOWN_MIN => Answer::Cancelled,
        None => Answer::Unavailable,
    }
}
