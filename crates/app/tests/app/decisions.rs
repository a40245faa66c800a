//! The editor's decisions and progress are kept (issue 15): an ignore sticks to
//! its text through Apply all, re-checks, save and resume, and is undoable and
//! restorable; saved work reopens as saved and no dialog answer wipes it; reports
//! name the raw page as the original after Save As; a damaged-settings warning is
//! not lost when a file is opened at start; previews show line breaks as ⏎.

use std::fs;
use std::path::Path;

use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jiaodui_app::App;
use jiaodui_app::app::Dialog;
use jiaodui_app::command::Command;
use jiaodui_app::panels::diff::DiffCommand;
use jiaodui_core::engine::RuleId;
use jiaodui_desk::project::Project;
use jiaodui_desk::session::PageStatus;

use crate::desk::{SAMPLE, open, page};

/// Index of the doubled-glyph finding of the caption (`2266日`), if pending.
fn caption_ghost(h: &Harness<'_, App>) -> Option<usize> {
    let text = h.state().text();
    h.state()
        .review()
        .findings()
        .iter()
        .position(|f| f.rule == RuleId::DoubledGlyph && f.original(text).contains("2266"))
}

/// Exports the JSON report to `path` and returns (ignored, left) of `rule`.
fn report_counts(
    h: &mut Harness<'_, App>,
    path: &Path,
    rule: &str,
) -> (u64, u64, serde_json::Value) {
    h.state_mut()
        .push(Command::Diff(DiffCommand::ExportTo(path.to_owned())));
    h.run();
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    let row = json["summary"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == rule)
        .cloned()
        .unwrap_or_default();
    (
        row["ignored"].as_u64().unwrap_or(0),
        row["left"].as_u64().unwrap_or(0),
        json,
    )
}

/// Defect 1: ignore the doubled-glyph finding, then Apply all — it must not come
/// back, the report must count it ignored, and it stays ignored after save and resume.
#[test]
fn ignored_finding_survives_apply_all_save_and_resume() {
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path(), "p.txt", SAMPLE);
    let mut h = open(&path);
    let ix = caption_ghost(&h).expect("the caption's doubled glyph is found");
    let ghost = h.state().review().findings()[ix]
        .original(h.state().text())
        .to_owned();
    h.state_mut().push(Command::Select(ix));
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(caption_ghost(&h), None, "ignored");

    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Apply every fix").click();
    h.run();
    assert!(h.state().text().contains(&ghost), "Apply all left it alone");
    assert_eq!(
        caption_ghost(&h),
        None,
        "the ignored finding is not pending again after Apply all"
    );
    let (ignored, left, _) = report_counts(&mut h, &dir.path().join("r.json"), "doubled-glyph");
    assert_eq!((ignored, left), (1, 0), "the report counts it ignored");

    // Saved and resumed: still ignored.
    h.state_mut()
        .push(Command::SaveTo(dir.path().join("p.corrected.txt")));
    h.run();
    h.state_mut().leave_page();
    drop(h);
    let mut h = open(&path);
    h.get_by_label("Resume").click();
    h.run();
    assert!(h.state().text().contains(&ghost));
    assert_eq!(caption_ghost(&h), None, "still ignored after resume");
    assert_eq!(h.state().review().ignored().len(), 1);
}

/// Ignoring is an undoable step, and the Ignored group lists it with Restore.
#[test]
fn ignore_is_undoable_and_restorable() {
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path(), "u.txt", SAMPLE);
    let mut h = open(&path);
    let before = h.state().review().findings().len();
    let ix = caption_ghost(&h).unwrap();
    h.state_mut().push(Command::Select(ix));
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(h.state().review().findings().len(), before - 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        caption_ghost(&h).is_some(),
        "Ctrl+Z brings the ignored finding back"
    );
    assert_eq!(h.state().text(), SAMPLE, "and changes no text");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(caption_ghost(&h), None, "redo ignores it again");

    // The Ignored group lists it; Restore puts it back under review.
    h.get_by_label_contains("Ignored · 1").click();
    h.run();
    h.get_by_label_contains("Restore").click();
    h.run();
    assert!(caption_ghost(&h).is_some(), "restored");
    assert!(h.state().review().ignored().is_empty());
    // Restoring is a step too.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(caption_ghost(&h), None);
}

/// Defect 2: in a folder, a page fixed, saved to NAME.corrected.txt and marked
/// done reopens as saved; an unsaved edit on top, discarded with Don't save,
/// leaves the saved work in the session.
#[test]
fn saved_work_reopens_as_saved_and_dont_save_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let a = page(dir.path(), "a.txt", SAMPLE);
    page(dir.path(), "b.txt", SAMPLE);
    let mut h = open(dir.path());
    h.run();
    assert_eq!(h.state().current_page(), Some(0));
    h.state_mut().push(Command::ApplyEverything);
    h.run();
    let fixed = h.state().text().to_owned();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let Dialog::SavePath { path, .. } = &h.state().dialog() else {
        panic!("Save As dialog expected, got {:?}", h.state().dialog())
    };
    assert!(path.ends_with("a.corrected.txt"), "{path}");
    h.get_by_label("Save").click();
    h.run();
    assert_eq!(
        fs::read_to_string(dir.path().join("a.corrected.txt")).unwrap(),
        fixed
    );
    h.get_by_label_contains("Mark done").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    assert_eq!(h.state().current_page(), Some(1));
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    h.run();
    assert_eq!(h.state().current_page(), Some(0));
    if h.state().desk().offer.is_some() {
        h.get_by_label("Resume").click();
        h.run();
    }
    assert_eq!(h.state().text(), fixed);
    assert!(
        !h.state().doc().is_modified(),
        "saved work reopens as saved, not unsaved"
    );

    // An unsaved edit on top, then leave and answer Don't save.
    h.state_mut().focus_editor();
    h.run();
    h.get_by_role(eframe::egui::accesskit::Role::MultilineTextInput)
        .type_text("甲");
    h.run();
    assert!(h.state().doc().is_modified());
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    h.get_by_label("Unsaved changes");
    h.get_by_label("Discard").click();
    h.run();
    assert_eq!(h.state().current_page(), Some(1));
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    h.run();
    if h.state().desk().offer.is_some() {
        h.get_by_label("Resume").click();
        h.run();
    }
    assert_eq!(h.state().text(), fixed, "the saved work, not the raw OCR");
    assert!(!h.state().doc().is_modified());
    assert_eq!(
        Project::load(dir.path()).unwrap().entry(&a).status,
        PageStatus::Done
    );
}

/// Defect 3: after Save As, the report's "before" is still the raw page.
#[test]
fn report_names_the_raw_page_as_original_after_save_as() {
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path(), "raw.txt", SAMPLE);
    let mut h = open(&path);
    h.state_mut().push(Command::ApplyEverything);
    h.run();
    let corrected = dir.path().join("raw.corrected.txt");
    h.state_mut().push(Command::SaveTo(corrected.clone()));
    h.run();
    let (_, _, json) = report_counts(&mut h, &dir.path().join("raw.report.json"), "broken-line");
    assert_eq!(json["before"]["path"], path.display().to_string());
    assert_eq!(json["after"]["path"], corrected.display().to_string());
    let diff = dir.path().join("raw.report.diff");
    h.state_mut()
        .push(Command::Diff(DiffCommand::ExportTo(diff.clone())));
    h.run();
    let unified = fs::read_to_string(diff).unwrap();
    assert!(
        unified.starts_with(&format!(
            "--- {}\n+++ {}\n",
            path.display(),
            corrected.display()
        )),
        "{}",
        unified.lines().take(2).collect::<Vec<_>>().join("\n")
    );
    let html = dir.path().join("raw.report.html");
    h.state_mut()
        .push(Command::Diff(DiffCommand::ExportTo(html.clone())));
    h.run();
    let html = fs::read_to_string(html).unwrap();
    assert!(html.contains(&path.display().to_string()));
}

/// Defect 6: settings damaged and a FILE on the command line: the warning is
/// still on screen once the file has opened.
#[test]
fn damaged_settings_warning_survives_opening_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path(), "f.txt", SAMPLE);
    let settings_file = dir.path().join("settings.ron");
    fs::write(&settings_file, "(font_size: ").unwrap();
    let loaded = jiaodui_app::settings::load(&settings_file);
    assert!(loaded.problem.is_some());
    let app = jiaodui_app::window_app(loaded, Some(&path), None);
    let mut h = crate::harness(app);
    h.run();
    h.run();
    assert_eq!(
        h.state().doc().path.as_deref(),
        Some(path.as_path()),
        "the file opened"
    );
    let Dialog::Error { message, .. } = &h.state().dialog() else {
        panic!("the settings warning, got {:?}", h.state().dialog())
    };
    assert!(message.contains("settings"), "{message}");
}

/// Item 7: the findings list shows a joined line break as ⏎, as the text does.
#[test]
fn previews_mark_line_breaks_as_in_the_text() {
    let h = open(&page(tempfile::tempdir().unwrap().path(), "q.txt", SAMPLE));
    let text = h.state().text();
    let previews: Vec<String> = h
        .state()
        .review()
        .findings()
        .iter()
        .filter(|f| f.original(text).contains('\n'))
        .flat_map(|f| {
            let (before, after) = jiaodui_app::panels::findings::preview(text, f);
            [before].into_iter().chain(after)
        })
        .collect();
    assert!(previews.iter().any(|p| p.contains('⏎')), "{previews:?}");
    assert!(previews.iter().all(|p| !p.contains('¶')), "{previews:?}");
}

/// Item 7: the first Ctrl+Z after Resume undoes one step, not the whole session.
#[test]
fn undo_after_resume_does_not_revert_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path(), "r.txt", SAMPLE);
    let mut h = open(&path);
    h.state_mut().push(Command::ApplyEverything);
    h.run();
    let fixed = h.state().text().to_owned();
    h.state_mut().leave_page();
    drop(h);
    let mut h = open(&path);
    h.get_by_label("Resume").click();
    h.run();
    assert_eq!(h.state().text(), fixed);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        h.state().text() != SAMPLE,
        "one Ctrl+Z does not undo the whole session"
    );
}
