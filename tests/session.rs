//! Session files: round trip with applied and ignored findings, a source changed on
//! disk, damaged and newer-format files (kept aside with a clear error), and the
//! read-only-folder fallback.

use std::fs;
use std::path::Path;

use jiaodui::document::Document;
use jiaodui::engine::{self, RuleId, Settings};
use jiaodui::session::{self, Decision, PageStatus, Session, SessionError, SourceMatch};

const PAGE: &str = "近日， 开发区举行活动。\n88 月 2266日，，记者 王晨\n会上, 大家发言\n";

fn page(dir: &Path) -> std::path::PathBuf {
    let p = dir.join("page1.txt");
    fs::write(&p, PAGE).unwrap();
    p
}

#[test]
fn round_trip_keeps_text_decisions_cursor_and_status() {
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path());
    let bytes = fs::read(&path).unwrap();
    let mut doc = Document::load(&path).unwrap();
    let settings = Settings::default();

    // Apply the doubled-glyph fix, ignore the half-width comma.
    let findings = engine::check(doc.text(), &settings);
    let doubled = findings
        .iter()
        .find(|f| f.rule == RuleId::DoubledGlyph)
        .expect("doubled glyph");
    let comma = findings
        .iter()
        .find(|f| f.rule == RuleId::HalfwidthPunct)
        .expect("half-width comma");
    let ignored_fp = comma.fingerprint(doc.text());
    let applied_fp = doubled.fingerprint(doc.text());
    doc.apply(doubled.change_set()).unwrap();

    let mut s = Session::new(&path, &bytes);
    s.set_text(&doc.original, doc.text());
    s.decisions.insert(applied_fp, Decision::Applied);
    s.decisions.insert(ignored_fp, Decision::Ignored);
    s.cursor = 7;
    s.scroll = 120.5;
    s.status = PageStatus::InProgress;
    s.clean = false;
    let saved_at = s.save_for(&path).unwrap();
    assert_eq!(saved_at, dir.path().join("page1.jiaodui.ron"));

    let (found_at, loaded) = session::find_for(&path);
    assert_eq!(found_at, saved_at);
    let loaded = loaded.unwrap().expect("a session");
    assert_eq!(loaded.check_source(&bytes), SourceMatch::Same);
    let text = loaded.restore(&doc.original).unwrap();
    assert_eq!(text, doc.text());
    assert!(text.contains("8 月 26日，"));
    assert_eq!(
        (loaded.cursor, loaded.scroll, loaded.status, loaded.clean),
        (7, 120.5, PageStatus::InProgress, false)
    );
    assert_eq!(loaded.decisions.get(&applied_fp), Some(&Decision::Applied));

    // The ignored comma is recognized again after re-checking the restored text.
    let again = engine::check(&text, &settings);
    let ignored: Vec<u64> = loaded.ignored().collect();
    let comma_again = again
        .iter()
        .find(|f| f.rule == RuleId::HalfwidthPunct)
        .expect("still found by the engine");
    assert!(
        ignored.contains(&comma_again.fingerprint(&text)),
        "fingerprint survives re-checking"
    );
}

#[test]
fn changed_source_is_detected_and_edits_can_follow_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path());
    let bytes = fs::read(&path).unwrap();
    let mut s = Session::new(&path, &bytes);
    s.set_text(PAGE, &PAGE.replace("近日， 开发区", "近日，开发区"));
    s.save_for(&path).unwrap();

    // The raw OCR is replaced on disk by a re-scan with one more line on top.
    let rescan = format!("第一版\n{PAGE}");
    fs::write(&path, &rescan).unwrap();
    let loaded = session::find_for(&path).1.unwrap().unwrap();
    assert_eq!(loaded.check_source(rescan.as_bytes()), SourceMatch::Changed);
    // "Resume anyway": the edit lands where its context is.
    let (text, lost) = loaded.restore_onto(&rescan);
    assert_eq!(lost, 0);
    assert!(text.starts_with("第一版\n近日，开发区举行活动。"));
}

#[test]
fn damaged_session_is_an_error_and_is_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path());
    let session_path = session::beside_path(&path);
    fs::write(&session_path, "(version: 1, edits: [(at: \"oops\"").unwrap();
    let (at, found) = session::find_for(&path);
    let err = found.expect_err("damaged");
    assert!(matches!(err, SessionError::Damaged { .. }), "{err}");
    assert!(err.is_unusable_file());
    assert!(err.to_string().contains("damaged"));
    let kept = session::set_aside(&at).unwrap();
    assert!(!session_path.exists());
    assert!(
        kept.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("page1.jiaodui.ron.damaged-")
    );
    assert_eq!(
        fs::read_to_string(&kept).unwrap(),
        "(version: 1, edits: [(at: \"oops\""
    );
    // The next look finds no session: a fresh start.
    assert!(session::find_for(&path).1.unwrap().is_none());

    // Not UTF-8 at all.
    fs::write(&session_path, [0xff, 0xfe, 0x00]).unwrap();
    assert!(matches!(
        session::find_for(&path).1,
        Err(SessionError::Damaged { .. })
    ));
}

#[test]
fn newer_format_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path());
    fs::write(
        session::beside_path(&path),
        "(version: 99, future_field: [1, 2])",
    )
    .unwrap();
    let err = session::find_for(&path).1.expect_err("newer");
    assert!(
        matches!(err, SessionError::NewerVersion { found: 99, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("newer"));
}

#[test]
fn older_files_with_missing_fields_load() {
    let s = Session::from_ron("(version: 1, status: done)", Path::new("x")).unwrap();
    assert_eq!(s.status, PageStatus::Done);
    assert!(s.edits.is_empty());
    assert_eq!(s.restore("原文").unwrap(), "原文");
}

#[test]
fn read_only_folder_falls_back_to_the_data_folder() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = page(dir.path());
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    // Root writes into read-only folders anyway: then the fallback cannot be provoked.
    let probe = dir.path().join("probe");
    let writable = fs::write(&probe, "x").is_ok();
    if !writable {
        // SAFETY: set before any thread of this test reads it; no other test uses it.
        unsafe { std::env::set_var("JIAODUI_DATA_DIR", data.path()) };
        let mut s = Session::new(&path, PAGE.as_bytes());
        let at = s.save_for(&path).unwrap();
        assert!(at.starts_with(data.path()), "{}", at.display());
        assert_eq!(session::find_for(&path).0, at);
        assert!(session::find_for(&path).1.unwrap().is_some());
    }
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
}
