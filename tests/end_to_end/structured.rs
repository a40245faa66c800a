//! Structured OCR through the command line: `check` places findings on the scan,
//! `fix` writes text or writes the corrections back into the same format.

use std::path::Path;
use std::process::{Command, Output};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/crates/ocr/tests/fixtures");

fn jiaodui(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jiaodui"))
        .args(args)
        .output()
        .expect("run jiaodui")
}

fn fixture(name: &str) -> String {
    Path::new(FIXTURES).join(name).display().to_string()
}

#[test]
fn check_json_gives_page_and_box_for_structured_input() {
    for name in ["tess1.hocr", "tess1.xml", "tess1.tsv"] {
        let out = jiaodui(&["check", "--format", "json", &fixture(name)]);
        assert_eq!(out.status.code(), Some(1), "{name}: {out:?}");
        crate::findings_with_boxes(&out.stdout, Some((960, 520)));
    }
    // Plain text has no geometry: no keys.
    let out = jiaodui(&["check", "--format", "json", &fixture("tess1.txt")]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f.get("box").is_none())
    );
}

#[test]
fn fix_to_text_joins_each_format_into_the_same_paragraphs() {
    let want = jiaodui(&["fix", &fixture("tess1.txt")]);
    assert_eq!(want.status.code(), Some(0));
    for name in ["tess1.hocr", "tess1.xml", "tess1.tsv"] {
        let out = jiaodui(&["fix", &fixture(name)]);
        assert_eq!(out.status.code(), Some(0), "{name}: {out:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("首日接待读者3200人次。"), "{name}: {text}");
        // The body's two lines are one paragraph.
        assert!(
            text.lines()
                .any(|l| l.contains("新馆正式对外开放") && l.contains("昨天上午")),
            "{name}: {text}"
        );
    }
}

#[test]
fn fix_writes_back_into_the_same_format_and_refuses_another() {
    let dir = tempfile::tempdir().unwrap();
    for (name, to) in [
        ("tess1.hocr", "hocr"),
        ("tess1.xml", "alto"),
        ("tess1.tsv", "tsv"),
    ] {
        let out_path = dir.path().join(name);
        let out = jiaodui(&[
            "fix",
            &fixture(name),
            "--to",
            to,
            "-o",
            &out_path.display().to_string(),
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let written = std::fs::read(&out_path).unwrap();
        let original = std::fs::read(fixture(name)).unwrap();
        assert_ne!(written, original, "{name}: the fixes are written in");
        // What was written reads back, and checking it again finds no layout damage
        // inside lines (its lines are the OCR's lines: no joins there).
        let again = jiaodui(&[
            "check",
            "--format",
            "json",
            "--rules",
            "spurious-space,halfwidth-punct",
            &out_path.display().to_string(),
        ]);
        let v: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
        assert_eq!(
            v["findings"].as_array().map(Vec::len),
            Some(0),
            "{name}: {v}"
        );
    }
    let out = jiaodui(&["fix", &fixture("tess1.hocr"), "--to", "alto"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--to hocr"));
    let out = jiaodui(&["fix", &fixture("tess1.txt"), "--to", "hocr"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("plain text"));
}

#[test]
fn a_broken_structured_file_is_a_clear_error_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("broken.xml");
    let mut bytes = std::fs::read(fixture("tess1.xml")).unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&p, &bytes).unwrap();
    let out = jiaodui(&["check", &p.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line ") && err.contains("column "), "{err}");
}
