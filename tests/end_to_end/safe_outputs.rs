//! Issue #14 through the binary: byte-exact round trips, outputs that may never
//! destroy an input, bounded reads, escaped terminal output, interrupted batches.

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const SAMPLE: &str = include_str!("../../assets/samples/000_39b2f5fd87845c7e.txt");

fn jiaodui(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jiaodui"))
        .args(args)
        .output()
        .expect("run jiaodui")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A UTF-8 page with one invalid byte: `check` reports it (was: exit 0, read as
/// GB18030), `fix` keeps it and every character around it.
#[test]
fn damaged_utf8_is_reported_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("p.txt");
    let mut bytes = "近日，开发区太昊路办事处新时代文明实践所开展活动。\n"
        .as_bytes()
        .to_vec();
    bytes.insert(9, 0xFF);
    fs::write(&page, &bytes).unwrap();
    let out = jiaodui(&["check", s(&page)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(":1:4: bad-bytes: undecodable bytes FF"),
        "{text}"
    );
    let fixed = dir.path().join("f.txt");
    let out = jiaodui(&["fix", s(&page), "-o", s(&fixed)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(fs::read(&fixed).unwrap(), bytes);
}

/// UTF-16 without a BOM is read (was: "not a text file: NUL byte at offset 1").
#[test]
fn utf16_without_bom_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("p.txt");
    let bytes: Vec<u8> = "2022年，社区文明。\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    fs::write(&page, &bytes).unwrap();
    let fixed = dir.path().join("f.txt");
    let out = jiaodui(&["fix", s(&page), "-o", s(&fixed)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(fs::read(&fixed).unwrap(), bytes);
}

/// Mixed endings with nothing to fix: `fix` writes the page back byte for byte
/// (was: every line CRLF).
#[test]
fn mixed_line_endings_survive_fix() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("p.txt");
    let mut bytes = "社区文明。\n".repeat(85).into_bytes();
    bytes.extend("创建。\r\n".as_bytes());
    fs::write(&page, &bytes).unwrap();
    let out = jiaodui(&["fix", s(&page), "-o", "-"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(out.stdout, bytes);
}

/// An output that is an input (by name, hard link or symbolic link) or the other
/// output is refused with exit 2, and nothing is written.
#[test]
fn outputs_never_replace_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("p.txt");
    fs::write(&page, SAMPLE).unwrap();
    let other = dir.path().join("other.txt");
    fs::write(&other, SAMPLE).unwrap();
    let hard = dir.path().join("hard.txt");
    fs::hard_link(&page, &hard).unwrap();
    let soft = dir.path().join("soft.txt");
    std::os::unix::fs::symlink(&page, &soft).unwrap();
    let out_txt = dir.path().join("out.txt");
    let cases: Vec<Vec<&str>> = vec![
        vec!["fix", s(&page), "-o", s(&page)],
        vec!["fix", s(&page), "-o", s(&hard)],
        vec!["fix", s(&page), "-o", s(&soft)],
        vec!["fix", s(&page), "-o", s(&out_txt), "--report", s(&page)],
        vec!["fix", s(&page), "-o", s(&out_txt), "--report", s(&out_txt)],
        vec!["fix", s(&page), "--report", s(&hard)],
        vec!["diff", s(&page), s(&other), "-o", s(&page)],
        vec!["diff", s(&page), s(&other), "-o", s(&other)],
    ];
    for args in cases {
        let out = jiaodui(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?} {}", stderr(&out));
        assert!(
            stderr(&out).contains("refusing") || stderr(&out).contains("same file"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(fs::read_to_string(&page).unwrap(), SAMPLE, "{args:?}");
        assert_eq!(fs::read_to_string(&other).unwrap(), SAMPLE, "{args:?}");
        assert!(!out_txt.exists(), "{args:?}");
    }
    // A hard link of a page inside --out-dir is the page: refused, page intact.
    let pages = dir.path().join("pages");
    let outd = dir.path().join("outd");
    fs::create_dir_all(&pages).unwrap();
    fs::create_dir_all(&outd).unwrap();
    fs::write(pages.join("a.txt"), SAMPLE).unwrap();
    fs::hard_link(pages.join("a.txt"), outd.join("a.txt")).unwrap();
    let out = jiaodui(&["fix", s(&pages), "--out-dir", s(&outd)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(pages.join("a.txt")).unwrap(), SAMPLE);
}

/// A read-only OUT is refused unless --force; `-o /dev/stdout` writes into the
/// stream (was: replaced /dev/stdout's target by a regular file, or failed).
#[test]
fn read_only_and_stream_outputs() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("p.txt");
    fs::write(&page, "近日， 开发区。\n").unwrap();
    let out_path = dir.path().join("o.txt");
    fs::write(&out_path, "old").unwrap();
    fs::set_permissions(&out_path, fs::Permissions::from_mode(0o444)).unwrap();
    let out = jiaodui(&["fix", s(&page), "-o", s(&out_path)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&out_path).unwrap(), "old");
    let out = jiaodui(&["fix", s(&page), "-o", s(&out_path), "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&out_path).unwrap(), "近日，开发区。\n");
    assert_eq!(
        fs::metadata(&out_path).unwrap().permissions().mode() & 0o777,
        0o444
    );

    let out = jiaodui(&["fix", s(&page), "-o", "/dev/stdout"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(out.stdout, "近日，开发区。\n".as_bytes());
}

/// `check /dev/zero` and a FIFO are refused at once (was: read until out of memory;
/// blocked forever).
#[test]
fn non_regular_inputs_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.txt");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    for path in ["/dev/zero", s(&fifo)] {
        let started = Instant::now();
        let out = jiaodui(&["check", path]);
        assert_eq!(out.status.code(), Some(2), "{path}");
        assert!(
            stderr(&out).contains("not a regular file"),
            "{}",
            stderr(&out)
        );
        assert!(started.elapsed() < Duration::from_secs(10));
    }
}

/// ESC in a file name and in page text never reaches the terminal raw.
#[test]
fn control_characters_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("a\u{1b}[31mb.txt");
    fs::write(&page, "近日, 开发区\u{1b}[2J。\n").unwrap();
    let out = jiaodui(&["check", s(&page)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !out.stdout.contains(&0x1b),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("a\\x1b[31mb.txt"));
    let missing = dir.path().join("m\u{1b}]0;x\u{7}.txt");
    let out = jiaodui(&["check", s(&missing)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!out.stderr.contains(&0x1b), "{}", stderr(&out));
    let report = dir.path().join("r.html");
    let fixed = dir.path().join("f.txt");
    let out = jiaodui(&["fix", s(&page), "-o", s(&fixed), "--report", s(&report)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!fs::read(&report).unwrap().contains(&0x1b));
}

/// `check` on one 5 MB line with many findings is linear (was 17.7 s).
#[test]
fn check_on_a_five_megabyte_line_is_quick() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("p.txt");
    let line = "近日, 开发区 ".repeat(5 * 1024 * 1024 / 20);
    fs::write(&page, &line).unwrap();
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_jiaodui"))
        .args(["check", s(&page)])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(out.code(), Some(1));
    let took = started.elapsed();
    assert!(took < Duration::from_secs(6), "check took {took:?}");
}

/// SIGTERM during `fix DIR --out-dir`: the page in progress is finished, no
/// temporary file is left, the count is printed, exit 130.
#[test]
fn sigterm_stops_a_batch_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    let outd = dir.path().join("out");
    fs::create_dir_all(&pages).unwrap();
    let page = SAMPLE.repeat(20);
    for i in 0..400 {
        fs::write(pages.join(format!("{i:04}.txt")), &page).unwrap();
    }
    let child = Command::new(env!("CARGO_BIN_EXE_jiaodui"))
        .args(["fix", s(&pages), "--out-dir", s(&outd)])
        .env("JIAODUI_THREADS", "1")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while fs::read_dir(&outd).map_or(0, |d| d.count()) < 3 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the batch did not start"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    // SAFETY: kill(2) on our own child's pid.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(130), "{err}");
    assert!(err.contains("interrupted"), "{err}");
    let names: Vec<String> = fs::read_dir(&outd)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    assert!(names.len() < 400, "stopped early");
    for n in &names {
        assert!(!fs::read_to_string(outd.join(n)).unwrap().is_empty());
    }
}
