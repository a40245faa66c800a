//! `check DIR` and `fix DIR --out-dir OUT`: every page in parallel, one bad file
//! reported without stopping the batch, summary on stderr, stdout formats unchanged.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const SAMPLE: &str = include_str!("../../assets/samples/000_39b2f5fd87845c7e.txt");

fn jiaodui(args: &[&str], threads: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jiaodui"))
        .args(args)
        .env("JIAODUI_THREADS", threads)
        .output()
        .expect("run jiaodui")
}

/// Four pages, a clean one, an undecodable one, and files that are not pages.
fn folder(dir: &Path) {
    for i in 1..=4 {
        fs::write(dir.join(format!("p{i}.txt")), SAMPLE).unwrap();
    }
    fs::write(dir.join("clean.txt"), "近日，开发区召开会议。\n").unwrap();
    fs::write(dir.join("bad.txt"), b"\xff\x00\xfe not text").unwrap();
    fs::write(dir.join("p1.corrected.txt"), "已校对\n").unwrap();
    fs::write(dir.join("p1.png"), b"\x89PNG").unwrap();
}

#[test]
fn check_folder_with_one_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path());
    let d = dir.path().to_str().unwrap();
    let out = jiaodui(&["check", d], "2");
    assert_eq!(
        out.status.code(),
        Some(2),
        "a failed file makes the batch exit 2"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    // All four sample pages were checked, in file order, in the single-file format.
    let per_page: Vec<usize> = (1..=4)
        .map(|i| {
            stdout
                .lines()
                .filter(|l| l.starts_with(&format!("{d}/p{i}.txt:")))
                .count()
        })
        .collect();
    assert!(
        per_page.iter().all(|&n| n > 100 && n == per_page[0]),
        "{per_page:?}"
    );
    assert!(
        stdout
            .lines()
            .next()
            .unwrap()
            .starts_with(&format!("{d}/p1.txt:1:1: spurious-space: "))
    );
    assert!(
        !stdout.contains("corrected"),
        "corrected pages are output, not pages"
    );
    assert!(stderr.contains("bad.txt"), "{stderr}");
    assert!(stderr.contains("6 pages checked"), "{stderr}");
    assert!(stderr.contains("1 failed"), "{stderr}");
    assert!(
        stderr
            .lines()
            .any(|l| l.trim_start().starts_with("doubled-glyph") && l.trim_end().ends_with(" 4")),
        "{stderr}"
    );

    // Same output with one thread: order does not depend on scheduling.
    let one = jiaodui(&["check", d], "1");
    assert_eq!(String::from_utf8(one.stdout).unwrap(), stdout);

    // Mixed with a file; JSON Lines stays one object per file, bad file skipped.
    let clean = dir.path().join("clean.txt");
    let out = jiaodui(
        &["check", "--format", "json", clean.to_str().unwrap(), d],
        "2",
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 6);
    assert_eq!(lines[0]["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn clean_folder_exits_zero_and_findings_exit_one() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "近日，开发区召开会议。\n").unwrap();
    assert_eq!(
        jiaodui(&["check", dir.path().to_str().unwrap()], "2")
            .status
            .code(),
        Some(0)
    );
    fs::write(dir.path().join("b.txt"), SAMPLE).unwrap();
    assert_eq!(
        jiaodui(&["check", dir.path().to_str().unwrap()], "2")
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn fix_folder_into_out_dir() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path());
    let out_dir = dir.path().join("out");
    let out = jiaodui(
        &[
            "fix",
            dir.path().to_str().unwrap(),
            "--out-dir",
            out_dir.to_str().unwrap(),
        ],
        "2",
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("6 pages fixed"), "{stderr}");
    let mut names: Vec<String> = fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["clean.txt", "p1.txt", "p2.txt", "p3.txt", "p4.txt"]);
    let fixed = fs::read_to_string(out_dir.join("p3.txt")).unwrap();
    assert!(fixed.contains("8 月 26日，"));
    // The originals are untouched.
    assert_eq!(
        fs::read_to_string(dir.path().join("p3.txt")).unwrap(),
        SAMPLE
    );

    // Without --out-dir a folder is an error, not a guess.
    let out = jiaodui(&["fix", dir.path().to_str().unwrap()], "2");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("--out-dir"));
}
