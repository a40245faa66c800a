//! The desktop app driven through its real UI with egui_kittest: clicks on the
//! findings panel, keyboard review, undo, the unsaved-changes prompt, saving, and
//! rendered snapshots (wgpu, headless).

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, SnapshotOptions};
use jiaodui_app::App;
use jiaodui_app::app::{Dialog, SAMPLE_TEXT};
use jiaodui_app::i18n::Lang;
use jiaodui_app::settings::{AppSettings, Theme};
use jiaodui_core::engine::RuleId;
use jiaodui_desk::document::Document;

fn english() -> AppSettings {
    AppSettings {
        language: Lang::En,
        ..Default::default()
    }
}

use crate::harness;

fn sample() -> Harness<'static, App> {
    harness(App::with_sample(english()))
}

/// The caption line of the sample page (the one with the photo's date).
fn caption(text: &str) -> &str {
    text.lines()
        .find(|l| l.contains("月 26日") || l.contains("2266日"))
        .expect("caption line")
}

#[test]
fn doubled_glyph_fixed_from_the_findings_panel() {
    let mut h = sample();
    assert!(caption(h.state().text()).starts_with("88 月 2266日，，"));
    h.get_by_label_contains("2266日").click();
    h.run();
    assert!(h.state().selected().is_some());
    h.get_by_label("Apply").click();
    h.run();
    let text = h.state().text().to_owned();
    assert!(
        caption(&text).starts_with("8 月 26日，"),
        "caption is {:?}",
        caption(&text)
    );
    assert!(!text.contains("2266"));
    assert!(h.state().doc().is_modified());
    assert!(h.state().title().starts_with("● "));
}

/// The "Apply all" button in the row of `rule`'s group header.
fn apply_all_of(h: &Harness<'_, App>, header: &str) -> egui::Rect {
    let header_rect = h.get_by_label_contains(header).rect();
    h.get_all_by_label("Apply all")
        .map(|n| n.rect())
        .min_by(|a, b| {
            (a.center().y - header_rect.center().y)
                .abs()
                .total_cmp(&(b.center().y - header_rect.center().y).abs())
        })
        .expect("an Apply all button")
}

#[test]
fn apply_all_spurious_space_is_one_undo_step() {
    let mut h = sample();
    let spaces_before = h
        .state()
        .review()
        .counts()
        .get(&RuleId::SpuriousSpace)
        .copied()
        .unwrap_or(0);
    assert!(spaces_before > 100);
    // Fold the long broken-line group so the spurious-space group is in view.
    h.get_by_label_contains("Broken line ·").click();
    h.run();
    let rect = apply_all_of(&h, "Spurious space ·");
    h.get_all_by_label("Apply all")
        .find(|n| n.rect() == rect)
        .expect("button")
        .click();
    h.run();
    let after = h.state().text().to_owned();
    assert!(after.contains("近日，开发区"));
    assert!(!after.contains("近日， 开发区"));
    assert_eq!(
        h.state().review().counts().get(&RuleId::SpuriousSpace),
        None
    );
    // Other rules untouched: the doubled caption is still there.
    assert!(after.contains("2266"));

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().text(), SAMPLE_TEXT, "one undo restores the page");
    assert_eq!(
        h.state()
            .review()
            .counts()
            .get(&RuleId::SpuriousSpace)
            .copied(),
        Some(spaces_before)
    );

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(h.state().text(), after, "redo applies it again");
}

#[test]
fn keyboard_review_next_apply_ignore() {
    let mut h = sample();
    let total = h.state().review().findings().len();
    h.key_press(Key::F8);
    h.run();
    assert_eq!(h.state().selected(), Some(0));
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(
        h.state().review().findings().len(),
        total - 1,
        "Delete ignores"
    );
    assert_eq!(h.state().text(), SAMPLE_TEXT);
    h.key_press(Key::F8);
    h.run();
    let selected = h.state().selected().expect("a finding is selected");
    assert!(h.state().review().findings()[selected].is_fixable());
    h.key_press(Key::Enter);
    h.run();
    assert_ne!(h.state().text(), SAMPLE_TEXT, "Enter applies");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().text(), SAMPLE_TEXT);
    // The ignored finding stays ignored after the re-check.
    assert_eq!(h.state().review().findings().len(), total - 1);
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut h = sample();
    h.get_by_label_contains("2266日").click();
    h.run();
    h.get_by_label("Apply").click();
    h.run();
    let edited = h.state().text().to_owned();

    // The window manager's close button.
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
    assert!(matches!(h.state().dialog(), Dialog::Unsaved(_)));
    h.get_by_label("Unsaved changes");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(*h.state().dialog(), Dialog::None);
    assert!(!h.state().is_closing());
    assert_eq!(h.state().text(), edited);

    // File → Quit asks too; Discard closes.
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Quit").click();
    h.run();
    h.get_by_label("Unsaved changes");
    h.get_by_label("Discard").click();
    h.run();
    assert!(h.state().is_closing());
}

#[test]
fn first_save_proposes_corrected_copy_and_failed_save_keeps_text() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    std::fs::write(&page, SAMPLE_TEXT).unwrap();
    let doc = Document::load(&page).unwrap();
    let mut h = harness(App::new(doc, english()));
    h.get_by_label_contains("2266日").click();
    h.run();
    h.get_by_label("Apply").click();
    h.run();
    let edited = h.state().text().to_owned();

    // A folder that does not exist: the save fails, says why, keeps the text.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let Dialog::SavePath { path, .. } = &h.state().dialog() else {
        panic!("Save As dialog expected")
    };
    assert!(path.ends_with("page.corrected.txt"), "proposed {path}");
    let bad = dir.path().join("missing").join("x.txt");
    if let Dialog::SavePath { path, .. } = &mut h.state_mut().dialog_mut() {
        *path = bad.display().to_string();
    }
    h.run();
    h.get_by_label("Save").click();
    h.run();
    assert!(matches!(h.state().dialog(), Dialog::Error { .. }));
    h.get_by_label("Cannot save");
    assert_eq!(h.state().text(), edited);
    assert!(h.state().doc().is_modified());
    h.get_by_label("Close").click();
    h.run();

    // Again, accepting the proposed NAME.corrected.txt.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Save").click();
    h.run();
    let saved = std::fs::read_to_string(dir.path().join("page.corrected.txt")).unwrap();
    assert_eq!(saved, edited);
    assert_eq!(
        std::fs::read_to_string(&page).unwrap(),
        SAMPLE_TEXT,
        "the raw OCR is untouched"
    );
    assert!(!h.state().doc().is_modified());
    assert!(!h.state().title().starts_with("●"));
}

#[test]
fn typing_shifts_findings_until_the_recheck() {
    let mut h = sample();
    let before = h.state().review().findings().len();
    h.state_mut().focus_editor();
    h.run();
    h.get_by_role(egui::accesskit::Role::MultilineTextInput)
        .type_text("甲");
    h.step();
    assert!(h.state().text().len() > SAMPLE_TEXT.len());
    assert_eq!(
        h.state().review().findings().len(),
        before,
        "typing far from every finding keeps them all"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().text(), SAMPLE_TEXT);
}

fn click_at(h: &mut Harness<'_, App>, pos: egui::Pos2) {
    h.event(egui::Event::PointerMoved(pos));
    let button = |pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    h.event(button(true));
    h.step();
    h.event(button(false));
    h.run();
}

#[test]
fn clicking_a_highlight_opens_its_popup() {
    let mut h = sample();
    let at = SAMPLE_TEXT.find("近日， 开发区").unwrap() + "近日，".len();
    let rect = h.state().text_rect_of(at).expect("laid out");
    click_at(&mut h, rect.center());
    let popup = h.state().popup().expect("popup open");
    let f = &h.state().review().findings()[popup.finding];
    assert_eq!(f.rule, RuleId::SpuriousSpace);
    // In the popup and in the findings panel's card of the (now selected) finding.
    assert_eq!(h.get_all_by_label("Apply all of this rule").count(), 2);
    // Apply from the popup: that one space goes, nothing else changes.
    // The popup sits by the text (left); the findings panel's card is on the right.
    let apply = h
        .get_all_by_label("Apply")
        .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .unwrap();
    apply.click();
    h.run();
    assert!(h.state().text().contains("近日，开发区太昊路"));
    assert_eq!(h.state().text().len(), SAMPLE_TEXT.len() - 1);
    assert!(h.state().popup().is_none());
}

fn snapshot_options() -> SnapshotOptions {
    // Software rasterizers differ by a few anti-aliased pixels between machines.
    SnapshotOptions::new()
        .threshold(2.0)
        .max_failed_pixels(2000)
}

#[test]
fn snapshot_sample_page_light() {
    let mut h = sample();
    h.key_press(Key::F8);
    h.run();
    h.snapshot_options("sample_page_light", &snapshot_options());
}

#[test]
fn snapshot_sample_page_dark_chinese() {
    let settings = AppSettings {
        theme: Theme::Dark,
        ..Default::default()
    };
    let mut h = harness(App::with_sample(settings));
    h.get_by_label_contains("2266日").click();
    h.run();
    h.snapshot_options("sample_page_dark_zh", &snapshot_options());
}

/// The Settings window stays where the editor put it when the language changes
/// (its title changes with the language; the window is the same window).
#[test]
fn the_settings_window_stays_put_when_the_language_changes() {
    let mut h = sample();
    h.run();
    h.state_mut()
        .push(jiaodui_app::command::Command::ShowSettings(true));
    h.run();
    h.step();
    h.run();
    // The window (its node carries the title): grab its title bar, right of the title.
    let title = h.get_by_label("Settings").rect();
    let from = egui::pos2(title.center().x + 60.0, title.min.y + 12.0);
    let to = from + egui::vec2(120.0, 50.0);
    // While the button is held the window repaints every frame: step, not run.
    h.hover_at(from);
    h.drag_at(from);
    h.run_steps(2);
    h.hover_at(to);
    h.run_steps(2);
    h.drop_at(to);
    h.run_steps(2);
    h.run();
    let moved = h.get_by_label("Settings").rect();
    assert!(
        (moved.min - (title.min + (to - from))).length() < 8.0,
        "dragged: {:?} → {:?}",
        title.min,
        moved.min
    );
    h.get_by_label("中文").click();
    h.run();
    h.step();
    h.run();
    let after = h.get_by_label("设置").rect();
    assert!(
        (after.min - moved.min).length() < 2.0,
        "stays put: {:?} → {:?}",
        moved.min,
        after.min
    );
}
