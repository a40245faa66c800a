//! The desk around a page, driven through the real UI (egui_kittest) and the real
//! binary: crash recovery after SIGKILL, resume with ignored findings, a page
//! changed on disk, a damaged session file, the folder's page list, the scan panel.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use jiaodui_app::App;
use jiaodui_app::app::Dialog;
use jiaodui_app::command::Command;
use jiaodui_app::i18n::Lang;
use jiaodui_app::settings::AppSettings;
use jiaodui_desk::project::Project;
use jiaodui_desk::session::{self, PageStatus, Session};

pub(crate) const SAMPLE: &str = include_str!("../../../../assets/samples/000_39b2f5fd87845c7e.txt");

pub(crate) fn harness() -> Harness<'static, App> {
    let app = App::with_sample(AppSettings {
        language: Lang::En,
        ..Default::default()
    });
    crate::harness(app)
}

pub(crate) fn open(path: &Path) -> Harness<'static, App> {
    let mut h = harness();
    h.run();
    h.state_mut().push(Command::OpenPath(path.to_owned()));
    h.run();
    h
}

pub(crate) fn page(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, text).unwrap();
    p
}

#[test]
fn ignored_findings_stay_ignored_after_resume() {
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path(), "p2.txt", SAMPLE);
    let mut h = open(&path);
    assert!(h.state().desk().offer.is_none(), "no session yet");
    let before = h.state().review().findings().len();
    h.key_press(Key::F8);
    h.run();
    let ignored_start = h.state().review().findings()[h.state().selected().unwrap()]
        .span_bytes
        .start;
    h.key_press(Key::Delete); // ignore the first finding
    h.run();
    // Fix the doubled caption too (an applied decision and a text edit).
    h.get_by_label_contains("2266日").click();
    h.run();
    h.get_by_label("Apply").click();
    h.run();
    let text = h.state().text().to_owned();
    let left = h.state().review().findings().len();
    assert_eq!(left, before - 2);
    h.state_mut().leave_page();
    drop(h);

    let mut h = open(&path);
    h.get_by_label_contains("saved proofreading work");
    h.get_by_label("Resume").click();
    h.run();
    assert_eq!(h.state().text(), text);
    assert_eq!(
        h.state().review().findings().len(),
        left,
        "the ignored finding is not back"
    );
    assert!(
        h.state()
            .review()
            .findings()
            .iter()
            .all(|f| f.span_bytes.start != ignored_start
                || f.rule != jiaodui_core::engine::RuleId::SpuriousSpace)
    );

    // Start over: the page as on disk, the old work no longer offered.
    drop(h);
    let mut h = open(&path);
    h.get_by_label("Start over").click();
    h.run();
    assert_eq!(h.state().text(), SAMPLE);
    drop(h);
    let h = open(&path);
    assert!(h.state().desk().offer.is_none());
}

/// Resuming a page brings back the view as it was left: the same scroll offset,
/// not the top of the page, and the cursor where it was.
#[test]
fn resume_restores_the_scroll_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path(), "p3.txt", SAMPLE);
    let mut h = open(&path);
    assert_eq!(h.state().text_scroll_offset(), 0.0);
    // Go to a finding two thirds down: the text scrolls down to it.
    let pick = h.state().review().findings().len() * 2 / 3;
    let start = h.state().review().findings()[pick].span_bytes.start;
    h.state_mut().push(Command::Select(pick));
    h.run();
    h.key_press(Key::Delete); // ignore it: work worth a session
    h.run();
    // Then scroll down a little with the wheel: the cursor stays, no longer centred
    // (so centring the cursor on resume would not land here).
    let centred = h.state().text_scroll_offset();
    let at = h.state().text_rect_of(start).expect("drawn").center();
    h.hover_at(at);
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -120.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    });
    h.run();
    let left_at = h.state().text_scroll_offset();
    assert!(centred > 200.0, "scrolled down to the finding: {centred}");
    assert!(
        (centred - left_at).abs() > 50.0,
        "the wheel moved the view: {centred} → {left_at}"
    );
    h.state_mut().leave_page();
    drop(h);
    let saved = Session::load(&session::beside_path(&path))
        .unwrap()
        .unwrap();
    assert_eq!(saved.scroll, left_at);

    let mut h = open(&path);
    assert_eq!(h.state().text_scroll_offset(), 0.0, "not resumed yet");
    h.get_by_label("Resume").click();
    h.run();
    let restored = h.state().text_scroll_offset();
    assert!(
        (restored - left_at).abs() < 1.0,
        "left at {left_at}, resumed at {restored} (centred on the cursor: about {centred})"
    );
}

#[test]
fn source_changed_on_disk_lets_the_editor_choose() {
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path(), "p3.txt", SAMPLE);
    let mut h = open(&path);
    h.get_by_label_contains("2266日").click();
    h.run();
    h.get_by_label("Apply").click();
    h.run();
    h.state_mut().leave_page();
    drop(h);
    // A re-scan replaced the page: one more line on top.
    fs::write(&path, format!("第一版 要闻\n{SAMPLE}")).unwrap();
    let mut h = open(&path);
    assert!(
        h.state()
            .desk()
            .offer
            .as_ref()
            .is_some_and(|o| o.source_changed)
    );
    h.get_by_label_contains("changed on disk");
    h.get_by_label_contains("Cancel");
    h.get_by_label("Resume anyway").click();
    h.run();
    let text = h.state().text().to_owned();
    assert!(text.starts_with("第一版 要闻\n"));
    assert!(
        text.contains("8 月 26日，"),
        "the fix followed the new source"
    );
}

#[test]
fn damaged_session_is_reported_and_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path(), "p4.txt", SAMPLE);
    let session_path = session::beside_path(&path);
    fs::write(&session_path, "(version: 1, edits: [(at: ").unwrap();
    let h = open(&path);
    let Dialog::Error { message, .. } = &h.state().dialog() else {
        panic!("an error dialog, got {:?}", h.state().dialog())
    };
    assert!(message.contains("damaged"), "{message}");
    assert!(message.contains(".damaged-"), "{message}");
    assert!(!session_path.exists());
    let kept: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("p4.jiaodui.ron.damaged-")
        })
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(h.state().text(), SAMPLE, "the page itself opened");
}

/// A crafted session with values at the edge (save time and cursor u64::MAX,
/// scroll NaN): the resume offer shows, and resuming restores the text with the
/// cursor clamped — no overflow in the UI.
#[test]
fn crafted_session_with_extreme_values_resumes() {
    // Scroll offsets no view has: not a number, infinite, the largest f32, negative.
    for (k, scroll) in ["NaN", "inf", "3.4e38", "-5.0"].into_iter().enumerate() {
        let dir = tempfile::tempdir().unwrap();
        let path = page(dir.path(), &format!("p5-{k}.txt"), SAMPLE);
        let edited = SAMPLE.replacen("近日", "近日近日", 1);
        let mut s = Session::new(&path, SAMPLE.as_bytes());
        s.set_text(SAMPLE, &edited);
        s.save(&session::beside_path(&path)).unwrap();
        let ron = fs::read_to_string(session::beside_path(&path)).unwrap();
        let crafted = ron
            .lines()
            .map(|l| match l.trim_start().split(':').next() {
                Some("saved_at") => "    saved_at: 18446744073709551615,".to_owned(),
                Some("cursor") => "    cursor: 18446744073709551615,".to_owned(),
                Some("scroll") => format!("    scroll: {scroll},"),
                _ => l.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            crafted.contains("saved_at: 18446744073709551615"),
            "{crafted}"
        );
        fs::write(session::beside_path(&path), crafted).unwrap();
        let mut h = open(&path);
        assert!(h.state().desk().offer.is_some());
        h.get_by_label_contains("UTC");
        h.get_by_label("Resume").click();
        h.run();
        assert_eq!(h.state().text(), edited);
        // The view lands inside the page (at its end for the cursor past it).
        let y = h.state().text_scroll_offset();
        assert!(
            y.is_finite() && (0.0..1e6).contains(&y),
            "scroll {scroll} → {y}"
        );
    }
}

#[test]
fn folder_page_list_next_page_and_mark_done() {
    let dir = tempfile::tempdir().unwrap();
    for n in ["a.txt", "b.txt", "c.txt"] {
        page(dir.path(), n, SAMPLE);
    }
    page(dir.path(), "a.corrected.txt", "done");
    let mut h = open(dir.path());
    h.run();
    assert_eq!(h.state().current_page(), Some(0));
    h.get_by_label_contains("b.txt");
    h.get_by_label_contains("c.txt");
    assert!(h.query_by_label_contains("a.corrected.txt").is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    assert_eq!(h.state().current_page(), Some(1));
    h.get_by_label_contains("Mark done").click();
    h.run();
    assert_eq!(
        Project::load(dir.path())
            .unwrap()
            .entry(&dir.path().join("b.txt"))
            .status,
        PageStatus::Done
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    h.run();
    assert_eq!(h.state().current_page(), Some(0));
    // Pages only looked at leave no session file beside them.
    assert!(!dir.path().join("c.jiaodui.ron").exists());
    assert!(dir.path().join("b.jiaodui.ron").exists());
    // Reopening the folder starts at the first page not done.
    drop(h);
    let mut p = Project::load(dir.path()).unwrap();
    p.entry_mut(&dir.path().join("a.txt")).unwrap().status = PageStatus::Done;
    p.save(dir.path()).unwrap();
    let mut h = open(dir.path());
    h.run();
    assert_eq!(h.state().current_page(), Some(2));
}

#[test]
fn scan_panel_shows_a_generated_png() {
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path(), "p5.txt", SAMPLE);
    let img = image::RgbImage::from_fn(600, 900, |x, y| {
        if (x / 40 + y / 40) % 2 == 0 {
            image::Rgb([30, 30, 30])
        } else {
            image::Rgb([240, 235, 220])
        }
    });
    img.save_with_format(dir.path().join("p5.png"), image::ImageFormat::Png)
        .unwrap();
    let mut h = harness();
    h.run();
    h.state_mut().push(Command::OpenPath(path.clone()));
    // Not `run` until the scan is in: the loading spinner keeps asking for frames,
    // and the worker's wake-up may land in any frame.
    h.run_steps(2);
    let started = Instant::now();
    while h.state().desk().scan.texture.is_none() {
        assert!(
            h.state().desk().scan.error.is_none(),
            "{:?}",
            h.state().desk().scan.error
        );
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "scan never loaded"
        );
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.run();
    assert_eq!(h.state().desk().scan.original_size, Some([600, 900]));
    h.get_by_label_contains("p5.png");
    h.get_by_label("Fit width");
    h.get_by_label("+").click();
    h.run();
    assert!(!h.state().desk().scan.fit_width);
    h.get_by_label("Hide").click();
    h.run();
    assert!(!h.state().desk().show_scan);
    assert!(h.query_by_label("Fit width").is_none());
}

/// A 5000×7000 scan decodes on a worker thread: the window keeps drawing frames
/// (each one quick) while it loads.
#[test]
fn a_big_scan_does_not_block_frames() {
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path(), "big.txt", SAMPLE);
    let img = image::GrayImage::from_fn(5000, 7000, |x, y| {
        image::Luma([if (x / 50 + y / 30) % 3 == 0 { 40 } else { 235 }])
    });
    img.save_with_format(dir.path().join("big.png"), image::ImageFormat::Png)
        .unwrap();
    let mut h = harness();
    h.run();
    h.state_mut().push(Command::OpenPath(path.clone()));
    // Not `run`: the loading spinner keeps asking for frames.
    h.run_steps(2);
    let started = Instant::now();
    let mut frames_while_loading = 0;
    let mut slowest = Duration::ZERO;
    while h.state().desk().scan.texture.is_none() {
        assert!(
            h.state().desk().scan.error.is_none(),
            "{:?}",
            h.state().desk().scan.error
        );
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "scan never loaded"
        );
        let loading = h.state().desk().scan.loading.is_some();
        let t = Instant::now();
        h.step();
        if loading && h.state().desk().scan.loading.is_some() {
            frames_while_loading += 1;
            slowest = slowest.max(t.elapsed());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        frames_while_loading >= 3,
        "only {frames_while_loading} frames while decoding"
    );
    assert!(
        slowest < Duration::from_millis(500),
        "a frame took {slowest:?} while the scan loaded"
    );
    assert_eq!(h.state().desk().scan.original_size, Some([5000, 7000]));
    let side = h.state().desk().scan.texture.as_ref().unwrap().size();
    assert!(side[0].max(side[1]) <= 8192);
}

/// File → Export folder report… writes the same summary as `jiaodui report DIR`:
/// through the path field (no file dialog in tests), after saving the open page's
/// work, with a report per page beside it.
#[test]
fn export_folder_report_from_the_menu() {
    let dir = tempfile::tempdir().unwrap();
    for n in ["a.txt", "b.txt"] {
        page(dir.path(), n, SAMPLE);
    }
    let mut h = open(dir.path());
    h.run();
    assert_eq!(h.state().current_page(), Some(0));
    h.state_mut().push(Command::ApplyEverything);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export folder report…").click();
    h.run();
    let proposed = match &h.state().dialog() {
        Dialog::FolderReportPath { path, .. } => path.clone(),
        other => panic!("no path field: {other:?}"),
    };
    assert!(proposed.ends_with("-report.html"), "{proposed}");
    let target = dir.path().join("summary.json");
    if let Dialog::FolderReportPath { path, .. } = &mut h.state_mut().dialog_mut() {
        *path = target.display().to_string();
    }
    h.run();
    h.get_by_label("Export").click();
    h.run();
    assert_eq!(*h.state().dialog(), Dialog::None);
    let v: serde_json::Value = serde_json::from_slice(&fs::read(&target).unwrap()).unwrap();
    assert_eq!(v["kind"], "jiaodui-folder-report");
    assert_eq!(v["summary"]["pages"], 2);
    // The open page's fixes were in its session before the summary read it.
    let applied: u64 = v["pages"][0]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["applied"].as_u64().unwrap())
        .sum();
    assert!(applied > 100, "{}", v["pages"][0]);
    assert_eq!(v["pages"][1]["source"], "raw");
    assert!(dir.path().join("summary-pages/a.json").is_file());
    assert!(dir.path().join("summary-pages/b.json").is_file());
    assert!(
        h.state()
            .status()
            .as_deref()
            .is_some_and(|s| s.contains("summary.json"))
    );
    // Outside folder mode the item is there but disabled.
    let mut single = harness();
    single.run();
    single.get_by_label("File").click();
    single.run();
    assert!(
        single
            .get_by_label("Export folder report…")
            .accesskit_node()
            .is_disabled()
    );
}

/// Help → About names the version, in both languages.
#[test]
fn about_shows_the_version() {
    for (lang, help, about, version) in [
        (Lang::En, "Help", "About", "Version"),
        (Lang::Zh, "帮助", "关于", "版本"),
    ] {
        let app = App::with_sample(AppSettings {
            language: lang,
            ..Default::default()
        });
        let mut h = crate::harness(app);
        h.run();
        h.get_by_label(help).click();
        h.run();
        h.get_by_label(about).click();
        h.run();
        h.get_by_label(&format!("{version} {}", env!("CARGO_PKG_VERSION")));
    }
}

/// The scan's zoom is the folder's: set on one page, the next page opens at it,
/// and so does the folder when it is opened again.
#[test]
fn the_scan_zoom_is_kept_for_the_folder() {
    use jiaodui_app::desk::{DeskCommand, ScanZoom};
    let dir = tempfile::tempdir().unwrap();
    page(dir.path(), "a.txt", SAMPLE);
    page(dir.path(), "b.txt", SAMPLE);
    let open_folder = || {
        let mut h = harness();
        h.run();
        h.state_mut().push(Command::OpenPath(dir.path().to_owned()));
        h.run();
        h.run();
        h
    };
    let mut h = open_folder();
    assert!(
        h.state().desk().scan.fit_width,
        "a new folder fits to width"
    );
    h.state_mut()
        .push(Command::Desk(DeskCommand::ScanZoom(ScanZoom::Set(1.5))));
    h.run();
    h.state_mut().push(Command::Desk(DeskCommand::NextPage));
    h.run();
    h.run();
    assert!(h.state().name().starts_with('b'), "{}", h.state().name());
    assert!(!h.state().desk().scan.fit_width);
    assert_eq!(h.state().desk().scan.zoom, 1.5);
    h.state_mut().leave_page();
    drop(h);
    assert_eq!(
        Project::load(dir.path()).unwrap().scan_zoom_percent,
        Some(150)
    );
    let h = open_folder();
    assert_eq!(
        (h.state().desk().scan.fit_width, h.state().desk().scan.zoom),
        (false, 1.5)
    );
}

/// Apply all on a long page keeps the text that was in sight in sight. It used to
/// jump to the end: joining lines shrinks the page, and the old scroll offset fell
/// past its new end.
#[test]
fn apply_all_keeps_the_view_on_the_same_text() {
    let dir = tempfile::tempdir().unwrap();
    let text: String = (1..=8).map(|k| format!("第{k}版\n{SAMPLE}\n")).collect();
    let path = page(dir.path(), "long.txt", &text);
    let mut h = open(&path);
    // The sixth copy's marker, scrolled into the middle of the view.
    let marker = "第6版";
    let at = h.state().text().find(marker).unwrap();
    let pick = h
        .state()
        .review()
        .findings()
        .iter()
        .position(|f| f.span_bytes.start > at)
        .expect("a finding after the marker");
    h.state_mut().push(Command::Select(pick));
    h.run();
    // The text view scrolls to the selection in the frame after it is drawn.
    h.run_steps(2);
    h.run();
    let view = |h: &Harness<'static, App>, byte: usize| {
        let r = h.state().text_rect_of(byte).expect("laid out");
        r.center().y
    };
    let before = view(&h, h.state().text().find(marker).unwrap());
    assert!(
        (0.0..800.0).contains(&before) && h.state().text_scroll_offset() > 1000.0,
        "the marker is in sight, far down: {before}"
    );
    h.state_mut().push(Command::ApplyEverything);
    h.run();
    assert!(h.state().text().len() < text.len(), "fixed");
    let after = view(&h, h.state().text().find(marker).unwrap());
    assert!(
        (40.0..760.0).contains(&after),
        "the marker stays in sight: y {before} → {after}, offset {}",
        h.state().text_scroll_offset()
    );
}
