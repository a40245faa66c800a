//! Hostile input and faults: large and odd files, files that vanish, saves that
//! fail. The text must never be lost and nothing may panic.

use std::process::Command;

use jiaodui_core::engine::{self, Settings};
use jiaodui_desk::document::{Document, write_atomic};
use jiaodui_desk::session::{self, Session};

const SAMPLE: &str = include_str!("../../assets/samples/000_39b2f5fd87845c7e.txt");

fn jiaodui(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jiaodui"))
        .args(args)
        .output()
        .expect("run jiaodui")
}

#[test]
fn one_five_megabyte_line() {
    let line: String = SAMPLE
        .replace('\n', "")
        .repeat(5 * 1024 * 1024 / SAMPLE.len() + 1);
    let fixed = engine::fix(&line, &Settings::default());
    assert!(!fixed.contains('\n'));
    assert_eq!(engine::fix(&fixed, &Settings::default()), fixed);
}

#[test]
fn fifty_megabyte_file_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, SAMPLE.repeat(50 * 1024 * 1024 / SAMPLE.len() + 1)).unwrap();
    let out_path = dir.path().join("big.fixed.txt");
    let out = jiaodui(&[
        "fix",
        big.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::metadata(&out_path).unwrap().len() > 40 * 1024 * 1024);
}

#[test]
fn a_directory_or_a_vanished_file_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let out = jiaodui(&[
        "check",
        dir.path().to_str().unwrap(),
        "--rules",
        "broken-line",
    ]);
    // A folder is checked page by page (none here) or refused — never a panic.
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    let gone = dir.path().join("gone.txt");
    std::fs::write(&gone, "近日，开发区。").unwrap();
    std::fs::remove_file(&gone).unwrap();
    let out = jiaodui(&["fix", gone.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}

#[test]
fn failed_save_keeps_the_text_and_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    std::fs::write(&page, SAMPLE).unwrap();
    let mut doc = Document::load(&page).unwrap();
    let fixed = engine::fix(doc.text(), &Settings::default());
    doc.replace_text(fixed.clone());
    // The target folder does not exist: the save fails, says why, loses nothing.
    let err = doc
        .save_as(&dir.path().join("no-such-folder/page.txt"))
        .unwrap_err();
    assert!(err.to_string().contains("cannot write"), "{err}");
    assert_eq!(doc.text(), fixed);
    assert!(doc.is_modified());
    // Writing over a folder fails too, and leaves no temporary file behind.
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    assert!(write_atomic(&folder, b"x").is_err());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert_eq!(
        std::fs::read_to_string(&page).unwrap(),
        SAMPLE,
        "the original is untouched"
    );
    // A good save replaces the file whole.
    let target = doc.proposed_save_path().unwrap();
    doc.save_as(&target).unwrap();
    assert_eq!(std::fs::read_to_string(&target).unwrap(), fixed);
    assert!(!doc.is_modified());
}

/// A small tmpfs mounted for one test (we run as root in CI containers); `None`
/// where mounting is not allowed, and the test says it was skipped.
struct Tmpfs(std::path::PathBuf);

impl Tmpfs {
    fn mount(dir: &std::path::Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(dir).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(dir.to_owned()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A full disk, for real: a 64 KiB tmpfs with a page, its session and a filler
/// leaving less room than the edited page needs. Saving the page (app), writing a
/// fixed copy (CLI) and autosaving the session all fail with the system's reason;
/// the original and the previous session stay byte for byte, no temporary file is
/// left, the document keeps its text and stays unsaved, and it can be saved
/// elsewhere — or in place once there is room again.
#[test]
fn full_disk_save_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let disk_dir = dir.path().join("disk");
    let Some(_disk) = Tmpfs::mount(&disk_dir, "64k") else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    };
    let page = disk_dir.join("page.txt");
    std::fs::write(&page, SAMPLE).unwrap();
    let session_path = session::beside_path(&page);
    let mut previous = Session::new(&page, SAMPLE.as_bytes());
    previous.save(&session_path).unwrap();
    let previous_session = std::fs::read(&session_path).unwrap();
    let fixed_copy = disk_dir.join("page.fixed.txt");
    std::fs::write(&fixed_copy, "an older fixed copy").unwrap();
    // Fill the disk, leaving a few KiB: less than any of the saves below needs.
    let filler = disk_dir.join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    let chunk = vec![b'x'; 1024];
    while std::io::Write::write_all(&mut f, &chunk).is_ok() {}
    drop(f);
    let len = std::fs::metadata(&filler).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&filler)
        .unwrap()
        .set_len(len.saturating_sub(8 * 1024))
        .unwrap();
    let before = names_in(&disk_dir);

    // The app: Save.
    let mut doc = Document::load(&page).unwrap();
    let edited = format!("{}{SAMPLE}", engine::fix(doc.text(), &Settings::default()));
    doc.replace_text(edited.clone());
    let err = doc.save_as(&page).unwrap_err().to_string();
    assert!(err.contains("cannot write"), "{err}");
    assert!(err.contains("page.txt"), "names the file: {err}");
    assert!(err.contains("No space left on device"), "says why: {err}");
    assert_eq!(std::fs::read(&page).unwrap(), SAMPLE.as_bytes());
    assert_eq!(doc.text(), edited, "the edited text is kept");
    assert!(doc.is_modified(), "still marked unsaved");
    assert_eq!(names_in(&disk_dir), before, "no temporary file left");

    // The autosave of the session.
    let mut s = Session::new(&page, SAMPLE.as_bytes());
    s.set_text(&doc.original, doc.text());
    let err = s.save(&session_path).unwrap_err().to_string();
    assert!(err.contains("cannot write the session file"), "{err}");
    assert_eq!(std::fs::read(&session_path).unwrap(), previous_session);
    assert_eq!(names_in(&disk_dir), before);

    // The CLI: fix -o onto the full disk.
    let big = dir.path().join("big.txt");
    std::fs::write(&big, edited.repeat(2)).unwrap();
    let out = jiaodui(&[
        "fix",
        big.to_str().unwrap(),
        "-o",
        fixed_copy.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot write"), "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&fixed_copy).unwrap(),
        "an older fixed copy"
    );
    assert_eq!(names_in(&disk_dir), before);

    // The text is not lost: it saves elsewhere, and in place once there is room.
    let rescue = dir.path().join("rescue.txt");
    doc.save_as(&rescue).unwrap();
    assert_eq!(std::fs::read_to_string(&rescue).unwrap(), edited);
    assert!(!doc.is_modified());
    std::fs::remove_file(&filler).unwrap();
    doc.save_as(&page).unwrap();
    assert_eq!(std::fs::read_to_string(&page).unwrap(), edited);
}

/// `kill -9` while `jiaodui fix -o TARGET` runs on a large page, at many moments:
/// spread over the whole run, and right after the temporary file appears (while
/// the new bytes are being written and synced). TARGET is always the old content
/// or the complete new content, never truncated or mixed. A kill during the write
/// may leave the temporary file (`.NAME.jiaodui-PID.tmp`) behind: never TARGET.
#[test]
fn kill_9_during_fix_output_leaves_old_or_new() {
    use std::time::{Duration, Instant};
    // ~50 MB with optimisations; a debug build is ~10× slower, so a smaller page.
    let size = if cfg!(debug_assertions) { 8 } else { 50 } * 1024 * 1024;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.txt");
    std::fs::write(&input, SAMPLE.repeat(size / SAMPLE.len() + 1)).unwrap();
    let target = dir.path().join("big.fixed.txt");
    let old = b"the previous fixed page\n".repeat(1000);
    let fix = || {
        Command::new(env!("CARGO_BIN_EXE_jiaodui"))
            .arg("fix")
            .arg(&input)
            .arg("-o")
            .arg(&target)
            .spawn()
            .expect("start jiaodui")
    };

    // One full run: the new content and how long a run takes.
    std::fs::write(&target, &old).unwrap();
    let started = Instant::now();
    assert!(fix().wait().unwrap().success());
    let full = started.elapsed();
    let new = std::fs::read(&target).unwrap();
    assert!(new.len() > size / 2);

    let is_temp =
        |name: &str| name.starts_with(".big.fixed.txt.jiaodui-") && name.ends_with(".tmp");
    let (mut saw_old, mut saw_new, mut during_write) = (0, 0, 0);
    // Moments: fractions of a full run, then "the temporary file exists" plus a delay.
    let mut plan: Vec<(bool, Duration)> = [0.0, 0.2, 0.5, 0.8, 0.9, 0.95, 1.0]
        .iter()
        .map(|f| (false, full.mul_f64(*f)))
        .collect();
    plan.extend([0, 0, 1, 2, 5, 10, 20, 50].map(|ms| (true, Duration::from_millis(ms))));
    for (after_temp, delay) in plan {
        std::fs::write(&target, &old).unwrap();
        let mut child = fix();
        let start = Instant::now();
        if after_temp {
            // Wait for the temporary file (the write has begun), or the end.
            loop {
                let writing = names_in(dir.path()).iter().any(|n| is_temp(n));
                if writing {
                    during_write += 1;
                    break;
                }
                if child.try_wait().unwrap().is_some() || start.elapsed() > full * 3 {
                    break;
                }
                std::thread::sleep(Duration::from_micros(200));
            }
        }
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL; an error means it had already exited
        let _ = child.wait();
        let now = std::fs::read(&target).unwrap();
        if now == old {
            saw_old += 1;
        } else if now == new {
            saw_new += 1;
        } else {
            panic!(
                "TARGET is neither old nor new after kill -9 ({} bytes; old {}, new {})",
                now.len(),
                old.len(),
                new.len()
            );
        }
        for name in names_in(dir.path()) {
            assert!(
                ["big.txt", "big.fixed.txt"].contains(&name.as_str()) || is_temp(&name),
                "unexpected file {name}"
            );
            if is_temp(&name) {
                std::fs::remove_file(dir.path().join(name)).unwrap();
            }
        }
    }
    eprintln!(
        "kill -9: {saw_old} old, {saw_new} new; {during_write} kills during the write ({full:?} per run)"
    );
    assert!(saw_old > 0, "some kills landed before the rename");
    assert!(
        during_write > 0,
        "some kills landed while the temporary file was written"
    );
}

/// Crafted settings files: the app starts with defaults, says what was wrong, and
/// keeps the bad file aside (`settings.ron.damaged-<time>`); values that parse but
/// are out of range are clamped instead.
#[test]
fn crafted_settings_files_fall_back_to_defaults() {
    use jiaodui_app::settings::{self, AppSettings, MAX_RECENT};
    let deep = |n: usize| format!("(future: {}{})", "[".repeat(n), "]".repeat(n));
    let cases: Vec<(&str, String, &str)> = vec![
        ("wrong type", "(theme: 5)".into(), "1:9"),
        ("unknown variant", "(language: klingon)".into(), "klingon"),
        ("deep nesting", deep(100_000), "recursion limit"),
        ("deep nesting, unclosed", "(".repeat(100_000), ""),
        ("not RON", "<?xml version=\"1.0\"?>".into(), ""),
        ("truncated", "(engine: (severity: {".into(), ""),
    ];
    for (what, text, says) in cases {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.ron");
        std::fs::write(&path, &text).unwrap();
        let loaded = settings::load(&path);
        assert_eq!(loaded.settings, AppSettings::default(), "{what}");
        let problem = loaded
            .problem
            .unwrap_or_else(|| panic!("{what}: no message"));
        assert!(problem.contains("settings.ron"), "{what}: {problem}");
        assert!(problem.contains(says), "{what}: {problem}");
        assert!(problem.contains("kept as"), "{what}: {problem}");
        let kept: Vec<_> = names_in(dir.path())
            .into_iter()
            .filter(|n| n.starts_with("settings.ron.damaged-"))
            .collect();
        assert_eq!(kept.len(), 1, "{what}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join(&kept[0])).unwrap(),
            text,
            "{what}: kept byte for byte"
        );
        // Replaced by defaults: the next start is clean.
        assert!(settings::load(&path).problem.is_none(), "{what}");
    }

    // Too big to be settings: refused unread (sparse, 2 GiB on paper).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.ron");
    std::fs::File::create(&path)
        .unwrap()
        .set_len(2 << 30)
        .unwrap();
    let loaded = settings::load(&path);
    assert_eq!(loaded.settings, AppSettings::default());
    let problem = loaded.problem.unwrap();
    assert!(problem.contains("too large"), "{problem}");
    assert!(problem.contains("kept as"), "{problem}");

    // In range after clamping: loads without a problem.
    for (text, font) in [
        ("(font_size: NaN)", 16.0),
        ("(font_size: inf)", 16.0),
        ("(font_size: -1e30)", 10.0),
        ("(font_size: 1e39)", 16.0),
        ("(font_size: 18446744073709551616)", 32.0),
    ] {
        let s = settings::parse(text).unwrap();
        assert_eq!(s.font_size, font, "{text}");
    }
    let many = format!(
        "(recent: [{}])",
        (0..10_000)
            .map(|i| format!("\"/p/{i}.txt\""))
            .collect::<Vec<_>>()
            .join(",")
    );
    assert_eq!(settings::parse(&many).unwrap().recent.len(), MAX_RECENT);
}
