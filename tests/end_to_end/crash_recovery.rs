//! Crash recovery through the real binary: it types into a page, autosaves, is
//! killed with SIGKILL, and the next start (the app through kittest) offers the work.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jiaodui_app::App;
use jiaodui_app::command::Command;
use jiaodui_app::i18n::Lang;
use jiaodui_desk::session::{self, PageStatus, Session};
use jiaodui_desk::settings::AppSettings;

const SAMPLE: &str = include_str!("../../assets/samples/000_39b2f5fd87845c7e.txt");

fn open(path: &Path) -> Harness<'static, App> {
    let app = App::with_sample(AppSettings {
        language: Lang::En,
        ..Default::default()
    });
    let mut h = Harness::builder()
        .with_size(egui::Vec2::from(jiaodui_app::WINDOW_SIZE))
        .with_context_setup(jiaodui_app::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run();
    h.state_mut().push(Command::OpenPath(path.to_owned()));
    h.run();
    h
}

fn page(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, text).unwrap();
    p
}

/// The real binary types into a page, autosaves on a short timer, and is killed
/// with SIGKILL; the next start offers the typed text.
#[test]
fn kill_9_then_the_next_start_offers_the_autosaved_work() {
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path(), "p1.txt", SAMPLE);
    let typed = "恢复测试XYZ";
    let mut child = Process::new(env!("CARGO_BIN_EXE_jiaodui"))
        .arg(&path)
        .args(["--headless-type", typed])
        .env("JIAODUI_AUTOSAVE_MS", "200")
        .env("JIAODUI_DATA_DIR", dir.path().join("data"))
        .stdout(Stdio::piped())
        .spawn()
        .expect("start jiaodui");
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let done = stdout
        .lines()
        .map_while(Result::ok)
        .any(|l| l == "typing done");
    assert!(done, "the headless app typed the text");
    // Wait for the autosave (≤ 200 ms after the last keystroke), then kill -9.
    let session_path = session::beside_path(&path);
    let started = Instant::now();
    let restored = loop {
        if let Ok(Some(s)) = Session::load(&session_path)
            && let Ok(t) = s.restore(SAMPLE)
            && t.contains(typed)
        {
            break t;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no autosave with the typed text"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    child.kill().expect("SIGKILL");
    let status = child.wait().unwrap();
    assert!(!status.success(), "killed, not exited");
    let s = Session::load(&session_path).unwrap().unwrap();
    assert!(!s.clean, "an autosave, not a clean exit");
    assert_eq!(s.status, PageStatus::InProgress);

    // Next start: the page opens with the offer to resume the autosaved work.
    let mut h = open(&path);
    assert!(h.state().desk().offer.as_ref().is_some_and(|o| o.crashed));
    h.get_by_label_contains("did not close normally");
    h.get_by_label("Resume").click();
    h.run();
    assert!(h.state().desk().offer.is_none());
    assert_eq!(h.state().text(), restored);
    assert!(
        h.state().doc().is_modified(),
        "recovered work is unsaved work"
    );
}
