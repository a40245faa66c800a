//! Session files: round trip with applied and ignored findings, a source changed on
//! disk, damaged and newer-format files (kept aside with a clear error), and the
//! read-only-folder fallback.

use std::fs;
use std::path::Path;

use jiaodui_core::engine::{self, RuleId, Settings};
use jiaodui_desk::document::Document;
use jiaodui_desk::session::{self, Decision, PageStatus, Session, SessionError, SourceMatch};

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

fn damaged(text: &str) -> String {
    match Session::from_ron(text, Path::new("crafted.jiaodui.ron")) {
        Err(e @ SessionError::Damaged { .. }) => e.to_string(),
        other => panic!("expected a damaged-file error, got {other:?} for {text:.80}"),
    }
}

/// Offsets and times at the edge of u64 (2^63, u64::MAX) load or are refused with
/// a message; nothing overflows, later use included (restoring the text, showing
/// the save time, comparing the source).
#[test]
fn crafted_huge_numbers_are_refused_or_harmless() {
    // Two edits whose first ends past u64::MAX: refused as out of order (this
    // overflowed while checking the order before).
    let msg = damaged(
        r#"(version: 1, edits: [(at: 18446744073709551615, old: "x", new: "y"), (at: 0, old: "a")])"#,
    );
    assert!(msg.contains("overlap or are out of order"), "{msg}");
    let msg = damaged(
        r#"(version: 1, edits: [(at: 9223372036854775808, old: "x"), (at: 9223372036854775808, old: "y")])"#,
    );
    assert!(msg.contains("overlap or are out of order"), "{msg}");

    // One far-away edit, a cursor and a save time at the limit: the file loads,
    // and using it fails cleanly or works.
    let s = Session::from_ron(
        r#"(version: 1, source_len: 18446744073709551615, cursor: 18446744073709551615,
            saved_at: 18446744073709551615, scroll: inf,
            edits: [(at: 9223372036854775808, old: "x", new: "y")])"#,
        Path::new("x"),
    )
    .unwrap();
    let err = s.restore("原文").unwrap_err();
    assert!(matches!(err, SessionError::EditsDoNotFit { .. }), "{err}");
    assert!(err.to_string().contains("do not fit"), "{err}");
    assert_eq!(s.restore_onto("原文"), ("原文".to_owned(), 1));
    assert_eq!(s.check_source("原文".as_bytes()), SourceMatch::Changed);
    // The resume offer shows the save time: no SystemTime overflow.
    assert!(session::utc_stamp_secs(u64::MAX).ends_with('Z'));
    assert!(session::utc_stamp_secs(1 << 63).ends_with('Z'));
    assert_eq!(session::utc_stamp_secs(1_764_105_300), "20251125T211500Z");

    // Numbers that do not fit their field.
    for text in [
        "(version: 18446744073709551616)",
        "(version: 4294967296)",
        "(cursor: 99999999999999999999999999)",
        "(cursor: -1)",
        "(edits: [(at: 1e300)])",
        "(decisions: {18446744073709551616: ignored})",
    ] {
        let msg = damaged(text);
        assert!(msg.contains("is damaged"), "{msg}");
    }
    // The largest version number is a newer format, said so.
    let err = Session::from_ron("(version: 4294967295)", Path::new("x")).unwrap_err();
    assert!(matches!(err, SessionError::NewerVersion { .. }), "{err}");
}

/// 100 000 nested brackets, in a known field and in an unknown one: refused by
/// the parser's depth limit, not a stack overflow.
#[test]
fn crafted_deep_nesting_is_refused() {
    let deep =
        |open: &str, close: &str| format!("{}{}", open.repeat(100_000), close.repeat(100_000));
    for text in [
        format!("(version: 1, edits: {})", deep("[", "]")),
        format!("(version: 1, future_field: {})", deep("[", "]")),
        format!("(version: 1, future_field: {})", deep("(", ")")),
        format!("(version: 1, future_field: {})", deep("{", "}")),
        format!("(version: 1, future_field: {})", deep("Some(", ")")),
        deep("(", ")"),
        deep("[", "]"),
    ] {
        let msg = damaged(&text);
        assert!(msg.contains("is damaged"), "{msg}");
    }
}

/// Values of the wrong type anywhere: a damaged file, with the parser's position.
#[test]
fn crafted_wrong_types_are_refused() {
    for text in [
        "(version: \"1\")",
        "(edits: \"all of them\")",
        "(edits: [(at: \"3\")])",
        "(edits: [3, 4])",
        "(decisions: {\"abc\": ignored})",
        "(decisions: {1: maybe})",
        "(status: finished)",
        "(clean: 1)",
        "(scroll: \"far\")",
        "[1, 2, 3]",
        "42",
        "",
        "\u{feff}(version: 1",
    ] {
        let msg = damaged(text);
        assert!(msg.contains("is damaged"), "{msg}");
    }
}

/// A session file far bigger than any session: refused before it is read, kept
/// aside like any damaged file.
#[test]
fn crafted_huge_session_file_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path());
    let session_path = session::beside_path(&path);
    // Sparse: 4 GiB on paper, nothing on disk.
    let f = fs::File::create(&session_path).unwrap();
    f.set_len(4 << 30).unwrap();
    drop(f);
    let started = std::time::Instant::now();
    let (at, found) = session::find_for(&path);
    let err = found.unwrap_err();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "not read"
    );
    assert!(err.is_unusable_file());
    assert!(err.to_string().contains("too large"), "{err}");
    let kept = session::set_aside(&at).unwrap();
    assert_eq!(fs::metadata(kept).unwrap().len(), 4 << 30);
    assert!(session::find_for(&path).1.unwrap().is_none());
    // Just under the limit is read as usual (here: a valid file padded with spaces).
    let mut text = String::from("(version: 1, status: done)");
    text.push_str(&" ".repeat(1 << 20));
    fs::write(&session_path, text).unwrap();
    let s = session::find_for(&path).1.unwrap().unwrap();
    assert_eq!(s.status, PageStatus::Done);
}
