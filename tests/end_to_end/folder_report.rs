//! `jiaodui report DIR -o OUT`: the folder summary from the pages' sessions, the page
//! reports beside it, and the refusals (not a folder, no pages, output is an input).

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use jiaodui_core::engine::{self, Settings};
use jiaodui_desk::session::{Decision, PageStatus, Session};

const SAMPLE: &str = include_str!("../../assets/samples/000_39b2f5fd87845c7e.txt");

fn jiaodui(args: &[&str], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jiaodui"))
        .args(args)
        .env("JIAODUI_DATA_DIR", data)
        .output()
        .expect("run jiaodui")
}

/// p1: every fix applied, done; p2: one finding ignored, in progress; p3: untouched.
fn desk_folder(dir: &Path) {
    let settings = Settings::default();
    for n in ["p1.txt", "p2.txt", "p3.txt"] {
        fs::write(dir.join(n), SAMPLE).unwrap();
    }
    let p1 = dir.join("p1.txt");
    let mut s = Session::new(&p1, SAMPLE.as_bytes());
    s.set_text(SAMPLE, &engine::fix(SAMPLE, &settings));
    s.status = PageStatus::Done;
    s.save_for(&p1).unwrap();
    let p2 = dir.join("p2.txt");
    let mut s = Session::new(&p2, SAMPLE.as_bytes());
    let first = &engine::check(SAMPLE, &settings)[0];
    s.decisions
        .insert(first.fingerprint(SAMPLE), Decision::Ignored);
    s.status = PageStatus::InProgress;
    s.save_for(&p2).unwrap();
}

fn total(v: &serde_json::Value, key: &str) -> u64 {
    v["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[key].as_u64().unwrap())
        .sum()
}

#[test]
fn json_summary_reads_the_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    desk_folder(dir.path());
    let out = dir.path().join("summary.json");
    let o = jiaodui(
        &[
            "report",
            dir.path().to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        data.path(),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["kind"], "jiaodui-folder-report");
    assert_eq!(v["summary"]["pages"], 3);
    assert_eq!(v["summary"]["done"], 1);
    assert_eq!(v["summary"]["in_progress"], 1);
    assert_eq!(v["summary"]["not_started"], 1);
    let pages = v["pages"].as_array().unwrap();
    let names: Vec<&str> = pages.iter().map(|p| p["file"].as_str().unwrap()).collect();
    assert_eq!(names, ["p1.txt", "p2.txt", "p3.txt"]);
    let (p1, p2, p3) = (&pages[0], &pages[1], &pages[2]);
    assert_eq!(
        (p1["status"].as_str(), p1["source"].as_str()),
        (Some("done"), Some("session"))
    );
    assert_eq!(p3["source"], "raw");
    // p1: fixed; what is left has no safe fix. p2: one ignored, nothing applied.
    assert!(total(p1, "applied") > 100, "{p1}");
    assert_eq!(total(p1, "ignored"), 0);
    assert_eq!(total(p2, "ignored"), 1);
    assert_eq!(total(p2, "applied"), 0);
    assert_eq!(total(p2, "left") + 1, total(p3, "left"));
    assert_eq!(total(&v["summary"], "ignored"), 1);
    // Each page's own report, linked relative to the summary.
    assert_eq!(p1["report"], "summary-pages/p1.json");
    let r: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join("summary-pages/p1.json")).unwrap())
            .unwrap();
    assert_eq!(r["kind"], "jiaodui-diff-report");
    assert!(r["summary"]["changes"].as_u64().unwrap() > 0);
    // The folder was only read.
    assert_eq!(
        fs::read_to_string(dir.path().join("p1.txt")).unwrap(),
        SAMPLE
    );
}

#[test]
fn html_summary_links_each_page_report() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let pages = dir.path().join("issue");
    fs::create_dir(&pages).unwrap();
    desk_folder(&pages);
    let out = dir.path().join("issue.html");
    let o = jiaodui(
        &[
            "report",
            pages.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        data.path(),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let html = fs::read_to_string(&out).unwrap();
    assert!(html.contains("校对汇总"), "{html}");
    for n in ["p1", "p2", "p3"] {
        assert!(
            html.contains(&format!("href=\"issue-pages/{n}.html\"")),
            "{n}"
        );
        let page = fs::read_to_string(dir.path().join(format!("issue-pages/{n}.html"))).unwrap();
        assert!(page.contains("校对报告"));
    }
    assert!(html.contains("● 已完成 done"));
    // --format wins over the extension.
    let o = jiaodui(
        &[
            "report",
            pages.to_str().unwrap(),
            "-o",
            dir.path().join("s.out").to_str().unwrap(),
            "--format",
            "json",
        ],
        data.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(dir.path().join("s-pages/p1.json").is_file());
}

#[test]
fn an_unreadable_page_is_listed_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    desk_folder(dir.path());
    fs::write(dir.path().join("bad.txt"), b"\xff\x00\xfe not text").unwrap();
    let out = dir.path().join("r.json");
    let o = jiaodui(
        &[
            "report",
            dir.path().to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        data.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.txt"));
    let v: serde_json::Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["summary"]["pages"], 4);
    assert_eq!(v["summary"]["errors"], 1);
    assert!(v["pages"][0]["error"].is_string());
    assert!(v["pages"][0]["report"].is_null());
}

#[test]
fn refusals_exit_2_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    desk_folder(dir.path());
    let d = dir.path().to_str().unwrap();
    let err = |args: &[&str]| {
        let o = jiaodui(args, data.path());
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        String::from_utf8(o.stderr).unwrap()
    };
    // Not a folder.
    let page = dir.path().join("p1.txt");
    let e = err(&["report", page.to_str().unwrap(), "-o", "/tmp/never.html"]);
    assert!(e.contains("is not a folder"), "{e}");
    // No pages.
    let empty = tempfile::tempdir().unwrap();
    fs::write(empty.path().join("a.corrected.txt"), "x").unwrap();
    let e = err(&[
        "report",
        empty.path().to_str().unwrap(),
        "-o",
        "/tmp/never.html",
    ]);
    assert!(e.contains("has no pages"), "{e}");
    // The output is an input: a page, a session, the folder itself.
    for input in ["p1.txt", "p1.jiaodui.ron", "."] {
        let out = dir.path().join(input);
        let e = err(&["report", d, "-o", out.to_str().unwrap()]);
        assert!(e.contains("is an input"), "{input}: {e}");
    }
    assert_eq!(fs::read_to_string(&page).unwrap(), SAMPLE);
    assert!(
        Session::load(&dir.path().join("p1.jiaodui.ron"))
            .unwrap()
            .is_some()
    );
    // Missing -o is a usage error (clap: 2).
    err(&["report", d]);
}

#[test]
fn version_is_printed() {
    let data = tempfile::tempdir().unwrap();
    let o = jiaodui(&["--version"], data.path());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap().trim(),
        format!("jiaodui {}", env!("CARGO_PKG_VERSION"))
    );
}
