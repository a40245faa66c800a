//! `jiaodui --screenshot OUT.png`: a real eframe window (under a private Xvfb when
//! there is no display) rendered at 1280×800 and written as PNG.

use std::process::Command;

#[test]
fn screenshot_writes_a_1280x800_png() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shot.png");
    let status = Command::new(env!("CARGO_BIN_EXE_jiaodui"))
        .arg("--screenshot")
        .arg(&out)
        .env("JIAODUI_LANG", "en")
        .status()
        .expect("run jiaodui");
    assert!(status.success(), "jiaodui --screenshot failed: {status}");
    let png = std::fs::read(&out).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((width, height), (1280, 800));
}

#[test]
fn screenshot_of_a_missing_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_jiaodui"))
        .arg("--screenshot")
        .arg(dir.path().join("x.png"))
        .arg(dir.path().join("no-such-page.txt"))
        .output()
        .expect("run jiaodui");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no-such-page.txt"), "{stderr}");
}
