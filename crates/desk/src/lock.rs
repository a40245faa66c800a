//! "This page is open in another window": a lock file beside the page,
//! `.NAME.jiaodui-lock`, holding the owner's process id, host and start time.
//! Created exclusively (O_EXCL), removed when the page is closed. A lock whose
//! process is gone (killed, crashed) on this host is stale and taken over.
//! Where the page's folder cannot be written the lock goes to the app data folder.

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// Who holds a page's lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockOwner {
    pub pid: u32,
    pub host: String,
    /// Unix seconds when the page was opened there.
    pub since: u64,
}

/// A held lock; dropping it removes the file (if it is still ours).
#[derive(Debug)]
pub struct PageLock {
    path: PathBuf,
    content: String,
}

/// What trying to lock a page found.
#[derive(Debug)]
pub enum Locked {
    /// This process holds the page now.
    Mine(PageLock),
    /// Another live process (or another host) has the page open.
    Elsewhere(LockOwner),
    /// No lock could be made (no writable place): the page opens unlocked.
    Unavailable(io::Error),
}

/// `.NAME.jiaodui-lock` beside `page`.
pub fn lock_path(page: &Path) -> PathBuf {
    let name = page
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    page.with_file_name(format!(".{name}.jiaodui-lock"))
}

/// The lock's place in the data folder, for a page in a read-only folder.
fn fallback_lock_path(page: &Path) -> Option<PathBuf> {
    let full = fs::canonicalize(page).unwrap_or_else(|_| page.to_owned());
    let name = page.file_name()?.to_string_lossy().into_owned();
    let tag = jiaodui_core::hash::fnv1a64(full.to_string_lossy().as_bytes());
    Some(
        crate::session::data_dir()?
            .join("locks")
            .join(format!("{name}-{tag:016x}.jiaodui-lock")),
    )
}

/// This machine's name (for telling another host's lock from a stale one).
pub fn host_name() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its length; gethostname writes within it.
    let r = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if r != 0 {
        return String::new();
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    String::from_utf8_lossy(&buf[..end]).into_owned()
}

/// Whether process `pid` exists on this machine.
fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 only checks that the process exists and may be signalled.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

impl LockOwner {
    fn parse(text: &str) -> Option<LockOwner> {
        let mut pid = None;
        let mut host = None;
        let mut since = 0;
        for line in text.lines() {
            let (k, v) = line.split_once('=')?;
            match k.trim() {
                "pid" => pid = v.trim().parse().ok(),
                "host" => host = Some(v.trim().to_owned()),
                "since" => since = v.trim().parse().unwrap_or(0),
                _ => {}
            }
        }
        Some(LockOwner {
            pid: pid?,
            host: host.unwrap_or_default(),
            since,
        })
    }

    /// True when this lock can no longer be anyone's: its process on this host is gone.
    fn is_stale(&self) -> bool {
        self.host == host_name() && !alive(self.pid)
    }
}

impl PageLock {
    /// Locks `page` for this process: beside the page, or in the data folder where
    /// the page's folder cannot be written.
    pub fn acquire(page: &Path) -> Locked {
        match Self::acquire_at(&lock_path(page)) {
            Locked::Unavailable(e) => match fallback_lock_path(page) {
                Some(fallback) => {
                    if let Some(dir) = fallback.parent() {
                        let _ = fs::create_dir_all(dir);
                    }
                    match Self::acquire_at(&fallback) {
                        Locked::Unavailable(_) => Locked::Unavailable(e),
                        other => other,
                    }
                }
                None => Locked::Unavailable(e),
            },
            other => other,
        }
    }

    /// Locks with the lock file at `path`.
    pub fn acquire_at(path: &Path) -> Locked {
        let since = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let content = format!(
            "pid={}\nhost={}\nsince={since}\n",
            std::process::id(),
            host_name()
        );
        // Twice: once more after removing a stale lock.
        for _ in 0..2 {
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o644)
                .custom_flags(libc::O_NOFOLLOW)
                .open(path)
            {
                Ok(mut f) => {
                    if let Err(e) = f.write_all(content.as_bytes()) {
                        let _ = fs::remove_file(path);
                        return Locked::Unavailable(e);
                    }
                    return Locked::Mine(PageLock {
                        path: path.to_owned(),
                        content,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    let text = crate::fsio::read_bounded(path, 4096, "a lock file")
                        .map(|b| String::from_utf8_lossy(&b).into_owned())
                        .unwrap_or_default();
                    match LockOwner::parse(&text) {
                        // Our own lock (the page opened again in this window).
                        Some(o) if o.pid == std::process::id() && o.host == host_name() => {
                            return Locked::Mine(PageLock {
                                path: path.to_owned(),
                                content: text,
                            });
                        }
                        Some(o) if !o.is_stale() => return Locked::Elsewhere(o),
                        // Stale, or unreadable (a crash mid-write): taken over.
                        _ => {
                            if let Err(e) = fs::remove_file(path)
                                && e.kind() != io::ErrorKind::NotFound
                            {
                                return Locked::Unavailable(e);
                            }
                        }
                    }
                }
                Err(e) => return Locked::Unavailable(e),
            }
        }
        Locked::Unavailable(io::Error::other("the lock file keeps coming back"))
    }

    /// Where the lock file is.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for PageLock {
    fn drop(&mut self) {
        // Only our own: a lock taken over meanwhile belongs to someone else now.
        let ours = fs::read_to_string(&self.path).is_ok_and(|t| t == self.content);
        if ours {
            let _ = fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_open_is_told_and_close_removes_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("p1.txt");
        fs::write(&page, "甲").unwrap();
        let Locked::Mine(lock) = PageLock::acquire(&page) else {
            panic!("first open locks");
        };
        assert_eq!(lock.path(), lock_path(&page));
        assert!(dir.path().join(".p1.txt.jiaodui-lock").is_file());
        // Another process (pid 1 is always alive) holding it.
        drop(lock);
        assert!(!lock_path(&page).exists(), "removed on close");
        fs::write(
            lock_path(&page),
            format!("pid=1\nhost={}\nsince=5\n", host_name()),
        )
        .unwrap();
        match PageLock::acquire(&page) {
            Locked::Elsewhere(o) => assert_eq!((o.pid, o.since), (1, 5)),
            other => panic!("{other:?}"),
        }
        // A process that is gone: stale, taken over.
        let gone = {
            let mut c = std::process::Command::new("true").spawn().unwrap();
            let pid = c.id();
            c.wait().unwrap();
            pid
        };
        fs::write(
            lock_path(&page),
            format!("pid={gone}\nhost={}\nsince=5\n", host_name()),
        )
        .unwrap();
        let Locked::Mine(lock) = PageLock::acquire(&page) else {
            panic!("stale lock taken over");
        };
        // Another host's lock is never taken for stale.
        drop(lock);
        fs::write(lock_path(&page), format!("pid={gone}\nhost=elsewhere\n")).unwrap();
        assert!(matches!(PageLock::acquire(&page), Locked::Elsewhere(_)));
    }
}
