//! The command line end to end: output formats, exit codes, encodings, bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/samples/000_39b2f5fd87845c7e.txt"
);
const GOLDEN: &str = include_str!("../golden/000_39b2f5fd87845c7e.fixed.txt");

fn jiaodui(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jiaodui"))
        .args(args)
        .output()
        .expect("run jiaodui")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn check_text_output_and_exit_code() {
    let out = jiaodui(&["check", SAMPLE]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let first = stdout.lines().next().unwrap();
    // path:line:col: rule: message
    assert!(
        first.starts_with(&format!("{SAMPLE}:1:1: spurious-space: ")),
        "{first}"
    );
    assert!(stdout.contains(":346:1: doubled-glyph: "), "{stdout}");
    assert!(stdout.contains(": broken-line: "));
}

#[test]
fn check_json_lines_contract() {
    let dir = tempfile::tempdir().unwrap();
    let clean = write(
        dir.path(),
        "clean.txt",
        "近日，开发区召开会议。\n".as_bytes(),
    );
    let out = jiaodui(&["check", "--format", "json", SAMPLE, clean.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "one object per file");
    assert_eq!(lines[0]["path"], SAMPLE);
    let caption = lines[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "doubled-glyph")
        .unwrap();
    assert_eq!(caption["line"], 346);
    assert_eq!(caption["column"], 1);
    assert!(
        caption["text"]
            .as_str()
            .unwrap()
            .starts_with("88 月 2266日，，")
    );
    assert!(
        caption["replacement"]
            .as_str()
            .unwrap()
            .starts_with("8 月 26日，")
    );
    assert!(caption["message"].is_string());
    for f in lines[0]["findings"].as_array().unwrap() {
        let keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
        // The six contract keys; findings the editor decides add candidates and confidence.
        let extra = if f["rule"] == "suspect-glyph" {
            assert!(
                f["candidates"].is_array() && f["confidence"].is_f64(),
                "{f}"
            );
            2
        } else {
            0
        };
        assert_eq!(keys.len(), 6 + extra, "{keys:?}");
    }
    assert_eq!(lines[1]["findings"].as_array().unwrap().len(), 0);
    // A clean file alone exits 0.
    assert_eq!(
        jiaodui(&["check", clean.to_str().unwrap()]).status.code(),
        Some(0)
    );
}

#[test]
fn check_rules_filter() {
    let out = jiaodui(&["check", "--rules", "doubled-glyph", SAMPLE]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    let bad = jiaodui(&["check", "--rules", "no-such-rule", SAMPLE]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown rule"));
}

#[test]
fn fix_writes_golden_to_stdout_and_file() {
    let out = jiaodui(&["fix", SAMPLE]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), GOLDEN);
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.txt");
    let out = jiaodui(&["fix", SAMPLE, "-o", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), GOLDEN);
}

#[test]
fn fix_keeps_encoding_and_line_endings() {
    let dir = tempfile::tempdir().unwrap();
    let raw = std::fs::read_to_string(SAMPLE).unwrap();
    let crlf = raw.replace('\n', "\r\n");
    let golden_crlf = GOLDEN.replace('\n', "\r\n");
    let (gbk, _, _) = encoding_rs::GB18030.encode(&crlf);
    let cases: Vec<(&str, Vec<u8>, Vec<u8>)> = vec![
        (
            "gbk-crlf.txt",
            gbk.to_vec(),
            encoding_rs::GB18030.encode(&golden_crlf).0.to_vec(),
        ),
        (
            "bom.txt",
            [&[0xEF, 0xBB, 0xBF][..], raw.as_bytes()].concat(),
            [&[0xEF, 0xBB, 0xBF][..], GOLDEN.as_bytes()].concat(),
        ),
        (
            "utf16le.txt",
            [
                vec![0xFF, 0xFE],
                raw.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            ]
            .concat(),
            [
                vec![0xFF, 0xFE],
                GOLDEN.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            ]
            .concat(),
        ),
        (
            "utf16be.txt",
            [
                vec![0xFE, 0xFF],
                raw.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            ]
            .concat(),
            [
                vec![0xFE, 0xFF],
                GOLDEN.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            ]
            .concat(),
        ),
    ];
    for (name, input, want) in cases {
        let p = write(dir.path(), name, &input);
        let out = jiaodui(&["fix", p.to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout == want, "{name}: output differs");
    }
}

#[test]
fn bad_input_is_a_clear_error_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let binary = write(dir.path(), "scan.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let invalid = write(dir.path(), "bad.txt", &[0xFF, 0xFF, 0xFF, 0x81]);
    let empty = write(dir.path(), "empty.txt", b"");
    let missing = dir.path().join("missing.txt");
    for (p, needle) in [
        (&binary, "not a text file"),
        (&invalid, "cannot decode"),
        (&missing, "cannot read"),
    ] {
        for cmd in ["check", "fix"] {
            let out = jiaodui(&[cmd, p.to_str().unwrap()]);
            assert_eq!(out.status.code(), Some(2), "{cmd} {}", p.display());
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains(needle), "{cmd} {}: {err}", p.display());
            assert!(!err.contains("panicked"), "{err}");
        }
    }
    assert_eq!(
        jiaodui(&["check", empty.to_str().unwrap()]).status.code(),
        Some(0)
    );
    let out = jiaodui(&["fix", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    // One bad file among good ones: the others are still checked, exit 2.
    let out = jiaodui(&["check", binary.to_str().unwrap(), SAMPLE]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("doubled-glyph"));
}

#[test]
fn paths_with_spaces_and_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("周口 日报");
    std::fs::create_dir(&sub).unwrap();
    let p = write(
        &sub,
        "第 3 版.txt",
        std::fs::read(SAMPLE).unwrap().as_slice(),
    );
    let out = jiaodui(&["check", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with(p.to_str().unwrap()));
}

#[test]
fn help_explains_every_rule() {
    let out = jiaodui(&["--help"]);
    let help = String::from_utf8(out.stdout).unwrap();
    for rule in [
        "broken-line",
        "doubled-glyph",
        "unbalanced-quote",
        "spurious-space",
        "halfwidth-punct",
        "cjk-latin-spacing",
    ] {
        assert!(help.contains(rule), "{rule} missing from --help");
    }
    assert!(help.contains("2266"), "examples are shown");
    let check_help = String::from_utf8(jiaodui(&["check", "--help"]).stdout).unwrap();
    assert!(check_help.contains("broken-line"));
}

/// `jiaodui check BIG | head -1`: the reader leaves early; the command ends quietly
/// with the code its output implies (findings: 1), not an error message and 2.
#[test]
fn closed_stdout_ends_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let page = std::fs::read_to_string(SAMPLE).unwrap();
    // Far more findings than a pipe buffers, so the writer is still writing.
    let big = write(dir.path(), "big.txt", page.repeat(40).as_bytes());
    let mut child = Command::new(env!("CARGO_BIN_EXE_jiaodui"))
        .arg("check")
        .arg(&big)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run jiaodui");
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("spurious-space"), "{first}");
    // The reader is dropped here: the pipe closes with most findings unwritten.
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn score_a_page_and_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let truth = write(
        dir.path(),
        "truth.txt",
        "春天来了。\n花开了，鸟叫了。\n".as_bytes(),
    );
    // One break missed, one false; a space left beside `，`; GB18030 decodes like any input.
    let (cand_gb, _, _) = encoding_rs::GB18030.encode("春天\n来了。花开了 ，鸟叫了。\n");
    let cand = write(dir.path(), "cand.txt", &cand_gb);
    let out = jiaodui(&[
        "score",
        truth.to_str().unwrap(),
        cand.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            "cer",
            "glyphs",
            "paragraph_f1",
            "paragraph_precision",
            "paragraph_recall",
            "spaces_left"
        ]
    );
    assert_eq!(v["glyphs"], 13);
    assert_eq!(v["cer"], 0.0);
    assert_eq!(v["paragraph_precision"], 0.5);
    assert_eq!(v["paragraph_recall"], 0.5);
    assert_eq!(v["spaces_left"], 1);
    let text = jiaodui(&["score", truth.to_str().unwrap(), cand.to_str().unwrap()]);
    assert!(
        String::from_utf8(text.stdout)
            .unwrap()
            .contains("paragraph F1         0.500")
    );

    // Folders: pairs by name, one row each and a mean row.
    let (t, c) = (dir.path().join("t"), dir.path().join("c"));
    std::fs::create_dir_all(&t).unwrap();
    std::fs::create_dir_all(&c).unwrap();
    write(&t, "a.txt", "一段。\n".as_bytes());
    write(&c, "a.txt", "一段。\n".as_bytes());
    write(&t, "b.txt", "两段。\n第二。\n".as_bytes());
    write(&c, "b.txt", "两段。第二。\n".as_bytes());
    let out = jiaodui(&[
        "score",
        t.to_str().unwrap(),
        c.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let rows: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["file"], "a.txt");
    assert_eq!(rows[1]["paragraph_recall"], 0.5);
    assert_eq!(rows[2]["file"], serde_json::Value::Null);
    assert_eq!(rows[2]["pages"], 2);
    assert_eq!(rows[2]["paragraph_recall"], 0.75);
    // A truth file without its candidate is an error; the others are still scored.
    write(&t, "z.txt", "多。\n".as_bytes());
    let out = jiaodui(&["score", t.to_str().unwrap(), c.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 4);
    // A missing file: exit 2.
    let out = jiaodui(&["score", "/nonexistent/truth.txt", cand.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}
