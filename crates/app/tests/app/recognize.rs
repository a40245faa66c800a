//! File → Recognize scan: the menu entry, the path field where no file dialog can
//! be shown, the install message when Tesseract is missing (the window carries on),
//! and — where Tesseract and `chi_sim` are installed — a scan recognized in the
//! background and opened as hOCR linked to it.

use std::path::Path;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jiaodui_app::App;
use jiaodui_app::app::Dialog;
use jiaodui_app::command::Command;
use jiaodui_app::desk::DeskCommand;
use jiaodui_app::i18n::Lang;
use jiaodui_app::settings::AppSettings;

fn harness(lang: Lang) -> Harness<'static, App> {
    let app = App::with_sample(AppSettings {
        language: lang,
        ..Default::default()
    });
    crate::harness(app)
}

/// Steps frames until the recognition is over (a worker thread runs it).
fn wait_for_recognition(h: &mut Harness<'static, App>, limit: Duration) {
    h.run_steps(2);
    let started = Instant::now();
    while h.state().desk().recognition.is_some() {
        assert!(started.elapsed() < limit, "recognition never finished");
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.run_steps(3);
}

fn png(dir: &Path) -> std::path::PathBuf {
    let image = dir.join("scan1.png");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../eval/fixtures/tesseract/tune-013/page.png"
        ),
        &image,
    )
    .unwrap();
    image
}

#[test]
fn the_file_menu_offers_recognize_scan_with_a_path_field() {
    for (lang, file, item) in [
        (Lang::En, "File", "Recognize scan…"),
        (Lang::Zh, "文件", "识别扫描图…"),
    ] {
        let mut h = harness(lang);
        h.run();
        h.get_by_label(file).click();
        h.run();
        h.get_by_label(item).click();
        h.run();
        // Tests have no native dialog: the path field.
        assert!(
            matches!(h.state().dialog(), Dialog::RecognizePath { .. }),
            "{:?}",
            h.state().dialog()
        );
    }
}

#[test]
fn a_missing_tesseract_shows_how_to_install_it() {
    let dir = tempfile::tempdir().unwrap();
    let image = png(dir.path());
    for (lang, words) in [
        (Lang::En, "Tesseract (the OCR engine) is not installed"),
        (Lang::Zh, "未安装文字识别引擎 Tesseract"),
    ] {
        let mut h = harness(lang);
        h.state_mut()
            .set_ocr_program("/nonexistent/tesseract".into());
        h.run();
        h.state_mut()
            .push(Command::Desk(DeskCommand::RecognizePath(image.clone())));
        wait_for_recognition(&mut h, Duration::from_secs(10));
        h.get_by_label_contains(words);
        h.get_by_label_contains("apt-get install tesseract-ocr tesseract-ocr-chi-sim");
        // The window carries on with the page it had.
        assert!(h.state().is_sample());
        // Settings says so too.
        h.state_mut().push(Command::CloseDialog);
        h.state_mut().push(Command::ShowSettings(true));
        h.run();
        h.get_by_label_contains(words);
    }
}

#[test]
fn an_image_is_recognized_in_the_background_and_opens_linked_to_its_scan() {
    if jiaodui_desk::recognize::Ocr::default()
        .check_ready()
        .is_err()
    {
        eprintln!("tesseract with chi_sim not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let image = png(dir.path());
    let mut h = harness(Lang::En);
    h.run();
    // An image opened like a page (command line, drop) is recognized first.
    h.state_mut().push(Command::OpenPath(image.clone()));
    h.run_steps(3);
    assert!(h.state().desk().recognition.is_some(), "not started");
    h.get_by_label_contains("Recognizing scan1.png");
    wait_for_recognition(&mut h, Duration::from_secs(120));
    let app = h.state();
    assert_eq!(app.name(), "scan1.hocr", "{:?}", app.dialog());
    assert!(app.doc().structured().is_some());
    assert!(!app.review().findings().is_empty());
    assert_eq!(
        app.desk()
            .scan
            .path
            .as_deref()
            .map(std::fs::canonicalize)
            .and_then(Result::ok),
        Some(std::fs::canonicalize(&image).unwrap())
    );
    assert!(dir.path().join("scan1.hocr").is_file());
}
