//! SIGTERM and SIGINT to the real window (under a private Xvfb): it closes as a
//! normal close does — the page's session written clean, its lock file removed —
//! and exits 0, instead of dying with the work since the last autosave.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use jiaodui_desk::lock;
use jiaodui_desk::session::{self, PageStatus, Session};

const SAMPLE: &str = include_str!("../../assets/samples/000_39b2f5fd87845c7e.txt");

/// A private X server, stopped on drop.
struct Xvfb(Child, String);

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn xvfb() -> Option<Xvfb> {
    let n = (300..400).find(|n| {
        !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
            && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
    })?;
    let child = Command::new("Xvfb")
        .args([
            &format!(":{n}"),
            "-screen",
            "0",
            "1280x800x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let x = Xvfb(child, format!(":{n}"));
    let start = Instant::now();
    while !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
        if start.elapsed() > Duration::from_secs(10) {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Some(x)
}

fn wait_until(what: &str, mut cond: impl FnMut() -> bool) {
    let start = Instant::now();
    while !cond() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out: {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn close_on(signal: libc::c_int) {
    let Some(x) = xvfb() else {
        eprintln!("skipped: no Xvfb");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("p1.txt");
    std::fs::write(&page, SAMPLE).unwrap();
    // The page's session from an earlier run that was killed (an autosave, not
    // clean); the window adopts it (no work to resume, only the status).
    let mut s = Session::new(&page, SAMPLE.as_bytes());
    s.status = PageStatus::InProgress;
    s.clean = false;
    let beside = session::beside_path(&page);
    s.save(&beside).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_jiaodui"))
        .arg(&page)
        .env("DISPLAY", &x.1)
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("JIAODUI_DATA_DIR", dir.path().join("data"))
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start jiaodui");
    // The page is open once its lock file is there.
    let lock_file = lock::lock_path(&page);
    wait_until("the page opens", || {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("jiaodui exited early: {status}");
        }
        lock_file.is_file()
    });
    std::thread::sleep(Duration::from_millis(300));
    // SAFETY: signalling our own child.
    assert_eq!(unsafe { libc::kill(child.id() as i32, signal) }, 0);
    let mut status = None;
    wait_until("jiaodui exits", || {
        status = child.try_wait().unwrap();
        status.is_some()
    });
    let status = status.unwrap();
    assert!(
        status.success(),
        "closed normally, not killed by the signal: {status}"
    );
    let s = Session::load(&beside).unwrap().unwrap();
    assert!(s.clean, "the session was written as on a normal close");
    assert_eq!(s.status, PageStatus::InProgress);
    assert!(!lock_file.exists(), "the lock file is removed");
    assert_eq!(std::fs::read_to_string(&page).unwrap(), SAMPLE);
}

#[test]
fn sigterm_closes_the_window_and_writes_the_session() {
    close_on(libc::SIGTERM);
}

#[test]
fn sigint_closes_the_window_and_writes_the_session() {
    close_on(libc::SIGINT);
}
