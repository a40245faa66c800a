//! Diff reports: unified diffs that GNU `patch` applies byte for byte (library and
//! CLI), HTML escaping and self-containedness, a snapshot of the sample page's
//! HTML report, and the JSON report's shape.

use std::collections::BTreeMap;
use std::fs;
use std::process::Command;

use jiaodui_core::engine::{self, Settings};
use jiaodui_core::report::{Page, Report};
use jiaodui_core::text::{self, LineEnding, TextEncoding, TextFormat};

const SAMPLE: &str = include_str!("../../assets/samples/000_39b2f5fd87845c7e.txt");
const DATE: &str = "2026-01-01T08:00:00Z";

fn report<'a>(
    before: &'a str,
    before_bytes: &'a [u8],
    after: &'a str,
    after_bytes: &'a [u8],
    format: TextFormat,
) -> Report<'a> {
    Report::new(
        Page {
            name: "000_39b2f5fd87845c7e.txt".into(),
            text: before,
            bytes: before_bytes.into(),
            format,
        },
        Page {
            name: "000_39b2f5fd87845c7e.corrected.txt".into(),
            text: after,
            bytes: after_bytes.into(),
            format,
        },
        DATE.into(),
        &Settings::default(),
        &BTreeMap::new(),
    )
}

/// GNU patch, or `None` (the caller skips with a message) when it is not installed.
fn patch_available() -> bool {
    let ok = Command::new("patch")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("skipping: GNU patch is not installed (.ci/run installs it)");
    }
    ok
}

/// Applies `diff` to a copy of `original` with `patch`; returns the patched bytes.
fn apply_with_patch(original: &[u8], diff: &[u8]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let (orig, d, out) = (
        dir.path().join("page.txt"),
        dir.path().join("page.diff"),
        dir.path().join("out.txt"),
    );
    fs::write(&orig, original).unwrap();
    fs::write(&d, diff).unwrap();
    let o = Command::new("patch")
        .arg("-s")
        .arg("-o")
        .arg(&out)
        .arg(&orig)
        .arg(&d)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "patch failed: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    fs::read(&out).unwrap()
}

fn round_trip(before: &str, after: &str, format: TextFormat) {
    let bb = text::encode(before, format).unwrap();
    let ab = text::encode(after, format).unwrap();
    let r = report(before, &bb, after, &ab, format);
    let diff = r.unified();
    assert!(
        diff.starts_with(
            b"--- 000_39b2f5fd87845c7e.txt\n+++ 000_39b2f5fd87845c7e.corrected.txt\n@@ "
        )
    );
    if patch_available() {
        assert!(
            apply_with_patch(&bb, &diff) == ab,
            "patched file differs from the corrected file ({format:?})"
        );
    }
}

#[test]
fn patch_turns_the_raw_sample_into_the_fixed_one() {
    let fixed = engine::fix(SAMPLE, &Settings::default());
    round_trip(SAMPLE, &fixed, TextFormat::default());
}

#[test]
fn patch_round_trip_in_other_encodings_and_crlf() {
    let fixed = engine::fix(SAMPLE, &Settings::default());
    round_trip(
        SAMPLE,
        &fixed,
        TextFormat {
            encoding: TextEncoding::Gb18030,
            line_ending: LineEnding::CrLf,
        },
    );
    round_trip(
        SAMPLE,
        &fixed,
        TextFormat {
            encoding: TextEncoding::Utf8Bom,
            line_ending: LineEnding::CrLf,
        },
    );
    // UTF-16 puts 0x0A inside characters (上 is 0A 4E): the byte lines are diffed directly.
    round_trip(
        SAMPLE,
        &fixed,
        TextFormat {
            encoding: TextEncoding::Utf16LeBom,
            line_ending: LineEnding::Lf,
        },
    );
}

#[test]
fn patch_round_trip_of_hand_edits_without_final_newline() {
    let fixed = engine::fix(SAMPLE, &Settings::default());
    // A paragraph deleted, one written in, a word changed, no newline at the end.
    let mut lines: Vec<&str> = fixed.lines().collect();
    lines.remove(5);
    lines.insert(20, "编者按：本版稿件经校对。");
    let edited = lines.join("\n").replacen("迎来", "接待", 1);
    round_trip(SAMPLE, &edited, TextFormat::default());
    round_trip(SAMPLE.trim_end(), &edited, TextFormat::default());
}

#[test]
fn cli_fix_report_is_a_patch_of_the_file_itself() {
    let dir = tempfile::tempdir().unwrap();
    let raw = dir.path().join("page.txt");
    // CRLF and GB18030 on disk: the diff must be of the bytes as written.
    let format = TextFormat {
        encoding: TextEncoding::Gb18030,
        line_ending: LineEnding::CrLf,
    };
    fs::write(&raw, text::encode(SAMPLE, format).unwrap()).unwrap();
    let (out, diff, html) = (
        dir.path().join("page.corrected.txt"),
        dir.path().join("r.diff"),
        dir.path().join("r.html"),
    );
    let bin = env!("CARGO_BIN_EXE_jiaodui");
    let o = Command::new(bin)
        .arg("fix")
        .arg(&raw)
        .arg("-o")
        .arg(&out)
        .arg("--report")
        .arg(&diff)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = Command::new(bin)
        .arg("fix")
        .arg(&raw)
        .arg("-o")
        .arg(&out)
        .arg("--report")
        .arg(&html)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        fs::read_to_string(&html)
            .unwrap()
            .contains("<table class=\"summary\">")
    );
    if patch_available() {
        assert!(
            apply_with_patch(&fs::read(&raw).unwrap(), &fs::read(&diff).unwrap())
                == fs::read(&out).unwrap()
        );
    }

    // `diff` gives the same patch; exit 1 because the files differ, 0 when equal.
    let o = Command::new(bin)
        .arg("diff")
        .arg(&raw)
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(o.stdout, fs::read(&diff).unwrap());
    let o = Command::new(bin)
        .arg("diff")
        .arg(&out)
        .arg(&out)
        .arg("--format")
        .arg("json")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));

    // Bad input: clear message, exit 2, nothing written.
    let o = Command::new(bin)
        .arg("fix")
        .arg(&raw)
        .arg("-o")
        .arg(dir.path().join("x.txt"))
        .arg("--report")
        .arg("r.txt")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains(".html, .diff"));
    assert!(!dir.path().join("x.txt").exists());
    let o = Command::new(bin)
        .arg("fix")
        .arg(dir.path())
        .arg("--out-dir")
        .arg(dir.path().join("out"))
        .arg("--report")
        .arg("r.html")
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(2),
        "--report with a folder is refused"
    );
    let bin_file = dir.path().join("scan.png");
    fs::write(&bin_file, b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
    let o = Command::new(bin)
        .arg("diff")
        .arg(&raw)
        .arg(&bin_file)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a text file"));
    let o = Command::new(bin)
        .arg("diff")
        .arg(&raw)
        .arg(dir.path().join("missing.txt"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn html_shows_markup_in_the_page_as_text() {
    let before = "标题<b>粗</b>\n<script>alert('x&y')</script> 近日， 开发区\n";
    let after =
        "标题<b>粗</b>\n<script>alert('x&y')</script>近日，开发区\"<img src=x onerror=alert(1)>\n";
    let format = TextFormat::default();
    let r = Report::new(
        Page {
            name: "<i>raw</i>.txt".into(),
            text: before,
            bytes: before.as_bytes().into(),
            format,
        },
        Page {
            name: "fixed\".txt".into(),
            text: after,
            bytes: after.as_bytes().into(),
            format,
        },
        "<now>".into(),
        &Settings::default(),
        &BTreeMap::new(),
    );
    let html = r.html();
    for raw in [
        "<script",
        "<b>粗",
        "<img",
        "<i>",
        "<now>",
        "onerror=alert(1)>",
    ] {
        assert!(!html.contains(raw), "unescaped {raw:?} in the report");
    }
    assert!(html.contains("&lt;script&gt;alert(&#39;x&amp;y&#39;)&lt;/script&gt;"));
    assert!(html.contains("&lt;i&gt;raw&lt;/i&gt;.txt"));
    // Self-contained: nothing fetched from anywhere.
    for external in ["http:", "https:", "<link", " src=", "url(", "@import"] {
        assert!(!html.contains(external), "external reference {external:?}");
    }
}

#[test]
fn html_report_of_the_sample_page() {
    let fixed = engine::fix(SAMPLE, &Settings::default());
    let r = report(
        SAMPLE,
        SAMPLE.as_bytes(),
        &fixed,
        fixed.as_bytes(),
        TextFormat::default(),
    );
    let html = r.html();
    assert!(html.contains(DATE));
    insta::assert_snapshot!("sample_page_report_html", html);
}

#[test]
fn json_report_shape() {
    let fixed = engine::fix(SAMPLE, &Settings::default()).replacen("迎来", "接待", 1);
    let r = report(
        SAMPLE,
        SAMPLE.as_bytes(),
        &fixed,
        fixed.as_bytes(),
        TextFormat::default(),
    );
    let v: serde_json::Value = serde_json::from_str(&r.json()).unwrap();
    assert_eq!(v["kind"], "jiaodui-diff-report");
    assert_eq!(v["version"], 1);
    assert_eq!(v["date"], DATE);
    for side in ["before", "after"] {
        for key in ["path", "encoding", "line_ending", "lines", "chars"] {
            assert!(!v[side][key].is_null(), "{side}.{key}");
        }
    }
    assert_eq!(v["before"]["encoding"], "UTF-8");
    assert_eq!(v["before"]["line_ending"], "LF");
    let s = &v["summary"];
    let rules = s["rules"].as_array().unwrap();
    assert_eq!(rules.len(), jiaodui_core::engine::RuleId::ALL.len());
    for r in rules {
        assert!(
            r["rule"].is_string()
                && r["applied"].is_u64()
                && r["ignored"].is_u64()
                && r["left"].is_u64()
        );
    }
    let applied = |id: &str| {
        rules.iter().find(|r| r["rule"] == id).unwrap()["applied"]
            .as_u64()
            .unwrap()
    };
    assert!(
        applied("broken-line") > 0 && applied("doubled-glyph") > 0 && applied("spurious-space") > 0
    );
    assert_eq!(s["by_hand"], 1);
    assert_eq!(s["timed_out"], false);
    let changes = v["changes"].as_array().unwrap();
    assert_eq!(s["changes"].as_u64().unwrap() as usize, changes.len());
    for c in changes {
        for side in ["before", "after"] {
            assert!(
                c[side]["line"].as_u64().unwrap() >= 1 && c[side]["column"].as_u64().unwrap() >= 1
            );
            assert!(c[side]["text"].is_string());
        }
        assert!(c["whitespace_only"].is_boolean());
        assert!(c["rule"].is_string() || c["rule"].is_null());
    }
    let hand: Vec<_> = changes.iter().filter(|c| c["rule"].is_null()).collect();
    assert_eq!(hand.len(), 1);
    // "明实践所迎来了…" is line 5 of the raw page; the change starts at column 5.
    assert_eq!(
        (
            hand[0]["before"]["line"].as_u64(),
            hand[0]["before"]["column"].as_u64()
        ),
        (Some(5), Some(5))
    );
    assert_eq!(hand[0]["after"]["text"], "接待");
    let joins = changes
        .iter()
        .filter(|c| c["whitespace_only"] == true && c["before"]["text"] == "\n")
        .count();
    assert!(
        joins > 100,
        "joined lines are whitespace-only changes: {joins}"
    );
    let paragraphs = v["paragraphs"].as_array().unwrap();
    assert_eq!(
        s["paragraphs_changed"].as_u64().unwrap() as usize,
        paragraphs.len()
    );
    assert!(
        paragraphs[0]["changes"]
            .as_array()
            .is_some_and(|c| !c.is_empty())
    );
}

/// The whole path through the CLI: a page whose file name and text carry markup,
/// `&` and both quotes, fixed with `--report r.html`. Nothing of it reaches the
/// HTML unescaped.
#[test]
fn cli_html_report_escapes_file_names_and_text() {
    let dir = tempfile::tempdir().unwrap();
    // No `/` in a file name: an opening tag and both quotes.
    let name = "a&b \"<script>alert('x')\".txt";
    let raw = dir.path().join(name);
    fs::write(
        &raw,
        "<script>alert(\"&amp;\")</script> 近日， 开发区\n<img src=x onerror='alert(1)'>会上, 大家发言\n",
    )
    .unwrap();
    let out = dir.path().join("o&<b>.txt");
    let html = dir.path().join("r.html");
    let o = Command::new(env!("CARGO_BIN_EXE_jiaodui"))
        .arg("fix")
        .arg(&raw)
        .arg("-o")
        .arg(&out)
        .arg("--report")
        .arg(&html)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = fs::read_to_string(&html).unwrap();
    for raw in ["<script", "<img", "o&<b>", "onerror='", "\"&amp;\""] {
        assert!(!html.contains(raw), "unescaped {raw:?} in the report");
    }
    assert!(html.contains("a&amp;b &quot;&lt;script&gt;alert(&#39;x&#39;)&quot;.txt"));
    assert!(html.contains("o&amp;&lt;b&gt;.txt"));
    assert!(
        html.contains("&amp;amp;"),
        "a literal `&amp;` in the text shows as such"
    );
}
