//! `jiaodui ocr`: Tesseract on a committed scan writes hOCR that `check` places on
//! the scan; a scan-only PDF is recognized page by page; a missing Tesseract says
//! how to install it (exit 2). The recognizing tests are skipped, with a note,
//! where Tesseract or its `chi_sim` data is not installed (CI installs both).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn jiaodui(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jiaodui"))
        .args(args)
        .output()
        .expect("run jiaodui")
}

/// Tesseract with Simplified Chinese is installed.
fn tesseract_ready() -> bool {
    let ready = jiaodui_desk::recognize::Ocr::default()
        .check_ready()
        .is_ok();
    if !ready {
        eprintln!("tesseract with chi_sim not installed: skipped");
    }
    ready
}

fn scan_fixture() -> PathBuf {
    Path::new(ROOT).join("eval/fixtures/tesseract/tune-013/page.png")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn ocr_writes_hocr_beside_the_scan_and_check_finds_boxes() {
    if !tesseract_ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let image = dir.path().join("p1.png");
    std::fs::copy(scan_fixture(), &image).unwrap();
    let out = jiaodui(&["ocr", s(&image)]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let hocr = dir.path().join("p1.hocr");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        hocr.display().to_string()
    );
    let text = std::fs::read_to_string(&hocr).unwrap();
    assert!(
        text.contains("ocr_page") && text.contains("p1.png"),
        "{text}"
    );

    let out = jiaodui(&["check", "--format", "json", s(&hocr)]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    crate::findings_with_boxes(&out.stdout, None);

    // A folder expands to its images; --out-dir takes the hOCR.
    let out_dir = dir.path().join("out");
    let out = jiaodui(&["ocr", s(dir.path()), "--out-dir", s(&out_dir), "--psm", "6"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out_dir.join("p1.hocr").is_file());

    // Two scans of one name would write one hOCR: refused before any work.
    std::fs::copy(&image, dir.path().join("p1.tif")).unwrap();
    let out = jiaodui(&["ocr", s(dir.path()), "--out-dir", s(&out_dir)]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("each output needs its own"),
        "{out:?}"
    );
}

#[test]
fn a_scan_only_pdf_points_to_ocr_and_ocr_reads_it_page_by_page() {
    let pdf = Path::new(ROOT).join("crates/pdf/tests/fixtures/scan.pdf");
    let out = jiaodui(&["check", s(&pdf)]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("jiaodui ocr {}", pdf.display())),
        "{stderr}"
    );
    if !tesseract_ready() {
        return;
    }
    if Command::new("pdftoppm").arg("-v").output().is_err() {
        eprintln!("pdftoppm not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = jiaodui(&["ocr", s(&pdf), "--out-dir", s(dir.path())]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let hocr = dir.path().join("scan-p1.hocr");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        hocr.display().to_string()
    );
    assert!(dir.path().join("scan-p1.png").is_file());
    let out = jiaodui(&["check", "--format", "json", s(&hocr)]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["page"] == 1 && f.get("box").is_some()),
        "{v}"
    );
}

#[test]
fn a_missing_tesseract_says_how_to_install_it() {
    let empty = tempfile::tempdir().unwrap();
    for (lang, package) in [
        (
            "chi_sim",
            "apt-get install tesseract-ocr tesseract-ocr-chi-sim",
        ),
        (
            "chi_tra",
            "apt-get install tesseract-ocr tesseract-ocr-chi-tra",
        ),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_jiaodui"))
            .args(["ocr", s(&scan_fixture()), "--lang", lang])
            .env("PATH", empty.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(package), "{stderr}");
        assert!(stderr.contains("not installed"), "{stderr}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn ocr_never_writes_onto_an_input() {
    if !tesseract_ready() {
        return;
    }
    // An hOCR given as an "image" is refused as not an image, and left alone.
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("p.hocr");
    std::fs::write(&fake, "<html/>").unwrap();
    let out = jiaodui(&["ocr", s(&fake)]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a PNG, JPEG or TIFF"));
    assert_eq!(std::fs::read_to_string(&fake).unwrap(), "<html/>");
}
