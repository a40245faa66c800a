//! The readers on what the installed Tesseract writes today (the fixtures are one
//! version's output): OCR the committed scans in every structured format and
//! compare with its own text output. Skipped when Tesseract or `chi_sim` is
//! missing (`apt-get install tesseract-ocr tesseract-ocr-chi-sim`).

use crate::common;

use std::process::Command;

use crate::common::squash;

fn tesseract(image: &std::path::Path, config: &str) -> Option<Vec<u8>> {
    let out = Command::new("tesseract")
        .arg(image)
        .args(["-", "-l", "chi_sim", config])
        .env("OMP_THREAD_LIMIT", "1")
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout)
}

#[test]
fn installed_tesseract_output_reads_as_its_text() {
    let image = common::path("fixtures/tess2.png");
    let Some(txt) = tesseract(&image, "txt") else {
        eprintln!("tesseract with chi_sim not installed: skipped");
        return;
    };
    let want: Vec<String> = String::from_utf8_lossy(&txt)
        .lines()
        .map(squash)
        .filter(|l| !l.is_empty())
        .collect();
    for (config, name) in [("hocr", "t.hocr"), ("alto", "t.xml"), ("tsv", "t.tsv")] {
        let Some(bytes) = tesseract(&image, config) else {
            eprintln!("tesseract has no {config} output: skipped");
            continue;
        };
        let (_, doc, _) = jiaodui_ocr::read(name, &bytes)
            .unwrap_or_else(|e| panic!("{config}: {e}"))
            .unwrap_or_else(|| panic!("{config}: not detected"));
        let (text, _) = doc.to_text();
        let got: Vec<String> = text.lines().map(squash).filter(|l| !l.is_empty()).collect();
        assert_eq!(got, want, "{config}");
    }
}
