//! Hostile input and faults: large and odd files, files that vanish, saves that
//! fail. The text must never be lost and nothing may panic.

use std::process::Command;

use jiaodui::document::{Document, write_atomic};
use jiaodui::engine::{self, Settings};

const SAMPLE: &str = include_str!("../assets/samples/000_39b2f5fd87845c7e.txt");

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
