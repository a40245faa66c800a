//! "Always correct" (house words, issue #15 and #17): a finding's word joins the
//! house word list — the user's outside a folder, the folder's in one — and no rule
//! flags it again; Ctrl+Z takes it back; Settings lists both lists with Remove and
//! an Add field. Also Apply all's misread threshold (off by default).

use std::fs;

use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use jiaodui_app::command::Command;
use jiaodui_core::engine::RuleId;
use jiaodui_desk::house_words::HouseWords;

use crate::desk::{open, page};

const PAGE: &str = "我们对末来充满信心。他说，，好。\n";

/// Settings open (a window is measured on its first frame, drawn on the next).
fn show_settings(h: &mut egui_kittest::Harness<'static, jiaodui_app::App>) {
    h.state_mut().push(Command::ShowSettings(true));
    h.run();
    h.step();
    h.run();
}

fn suspects(h: &egui_kittest::Harness<'static, jiaodui_app::App>) -> usize {
    h.state()
        .review()
        .findings()
        .iter()
        .filter(|f| f.rule == RuleId::SuspectGlyph)
        .count()
}

#[test]
fn always_correct_hides_the_word_until_it_is_removed_in_settings() {
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path(), "p.txt", PAGE);
    let mut h = open(&path);
    assert_eq!(suspects(&h), 1, "{:?}", h.state().review().findings());
    h.key_press(Key::F8); // select the first finding: 末
    h.run();
    crate::shot(&mut h, "always-correct-card");
    h.get_by_label("Always correct").click();
    h.run();
    assert_eq!(suspects(&h), 0, "gone at once");
    assert!(h.state().settings().house_words.contains("末来"));
    // The status bar says so, in the language chosen now, not the one of the moment
    // the word was added.
    h.get_by_label("Always correct: 末来");
    let mut zh = h.state().settings().clone();
    zh.language = jiaodui_app::i18n::Lang::Zh;
    h.state_mut()
        .push(jiaodui_app::command::Command::SetSettings(Box::new(
            zh.clone(),
        )));
    // The new language's fonts and widths are laid out on the next frame.
    h.run();
    h.step();
    h.run();
    assert_eq!(h.state().status().as_deref(), Some("始终正确：末来"));
    crate::shot(&mut h, "status-message-after-language-switch");
    h.get_by_label("始终正确：末来");
    zh.language = jiaodui_app::i18n::Lang::En;
    h.state_mut()
        .push(jiaodui_app::command::Command::SetSettings(Box::new(zh)));
    h.run();
    assert_eq!(h.state().text(), PAGE, "the text is not touched");
    // An undo step: Ctrl+Z brings it back, Ctrl+Shift+Z takes it away again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(suspects(&h), 1);
    assert!(h.state().settings().house_words.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(suspects(&h), 0);

    // Settings lists it; Remove brings the finding back, Add hides it again.
    show_settings(&mut h);
    crate::shot(&mut h, "settings-house-words");
    h.get_by_label_contains("Always correct (house words)");
    h.get_by_label("末来");
    h.get_by_role_and_label(Role::Button, "Remove").click();
    h.run();
    assert!(h.state().settings().house_words.is_empty());
    assert_eq!(suspects(&h), 1);
    assert!(h.query_by_role_and_label(Role::Button, "Remove").is_none());
    h.get_by_role(Role::TextInput).click();
    h.run();
    h.event(eframe::egui::Event::Text("末来".into()));
    h.run();
    h.get_by_role_and_label(Role::Button, "Add").click();
    h.run();
    assert_eq!(suspects(&h), 0);
    assert!(h.state().settings().house_words.contains("末来"));
}

/// Another rule respects a house word too: `，，` accepted, the doubled glyph is
/// left alone, by the finding list and by Apply all.
#[test]
fn always_correct_on_a_doubled_glyph() {
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path(), "p.txt", PAGE);
    let mut h = open(&path);
    let doubled = h
        .state()
        .review()
        .findings()
        .iter()
        .position(|f| f.rule == RuleId::DoubledGlyph)
        .unwrap();
    h.state_mut().push(Command::Select(doubled));
    h.run();
    h.step();
    h.get_by_label("Always correct").click();
    h.run();
    assert!(
        h.state()
            .review()
            .findings()
            .iter()
            .all(|f| f.rule != RuleId::DoubledGlyph)
    );
    h.state_mut().push(Command::ApplyEverything);
    h.run();
    assert_eq!(h.state().text(), PAGE);
}

/// In a folder the word goes to the folder's list (a file beside the project file),
/// which every page of the folder respects; Settings shows that list too.
#[test]
fn folder_house_words_are_shared_by_its_pages() {
    let dir = tempfile::tempdir().unwrap();
    page(dir.path(), "a.txt", PAGE);
    page(dir.path(), "b.txt", "展望末来的日子。\n");
    let mut h = open(dir.path());
    h.run();
    assert_eq!(h.state().current_page(), Some(0));
    h.key_press(Key::F8);
    h.run();
    h.get_by_label("Always correct").click();
    h.run();
    assert_eq!(suspects(&h), 0);
    assert!(
        h.state().settings().house_words.is_empty(),
        "not the user's"
    );
    let words = HouseWords::load(dir.path());
    assert!(words.value.words.contains("末来"), "{words:?}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    assert_eq!(h.state().current_page(), Some(1));
    assert_eq!(suspects(&h), 0, "the other page respects it");
    show_settings(&mut h);
    h.get_by_label("This folder");
    h.get_by_role_and_label(Role::Button, "Remove").click();
    h.run();
    assert_eq!(suspects(&h), 1);
    assert!(HouseWords::load(dir.path()).value.words.is_empty());
}

/// A damaged folder list: said so, kept aside, the folder opens with an empty list.
#[test]
fn damaged_folder_list_is_reported_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    page(dir.path(), "a.txt", PAGE);
    fs::write(HouseWords::path_in(dir.path()), "(words: [").unwrap();
    let mut h = open(dir.path());
    h.run();
    h.get_by_label_contains("kept as");
    assert!(!HouseWords::path_in(dir.path()).exists());
    let kept = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .any(|e| {
            e.file_name()
                .to_string_lossy()
                .contains("house-words.ron.damaged-")
        });
    assert!(kept);
}

/// Apply all never takes a misread suggestion, unless the setting says from which
/// confidence (末 → 未 at 0.82; 杜 → 社 at 0.67 stays for the editor).
#[test]
fn apply_all_takes_suspects_only_above_the_chosen_confidence() {
    let text = "推动杜会发展，我们对末来充满信心。\n";
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path(), "p.txt", text);
    let mut h = open(&path);
    assert_eq!(suspects(&h), 2);
    h.state_mut().push(Command::ApplyEverything);
    h.run();
    assert_eq!(h.state().text(), text, "off by default");
    show_settings(&mut h);
    h.get_by_label_contains("Apply all also takes misread suggestions")
        .click();
    h.run();
    assert_eq!(h.state().settings().apply_suspects_from_percent, Some(80));
    h.state_mut().push(Command::ShowSettings(false));
    h.run();
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Apply every fix").click();
    h.run();
    assert_eq!(h.state().text(), "推动杜会发展，我们对未来充满信心。\n");
}

/// The user's list in the settings file counts from the first check on.
#[test]
fn the_users_list_counts_from_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path(), "p.txt", PAGE);
    let app = jiaodui_app::App::with_sample(jiaodui_app::settings::AppSettings {
        language: jiaodui_app::i18n::Lang::En,
        house_words: ["末来".to_owned()].into(),
        ..Default::default()
    });
    let mut h = crate::harness(app);
    h.run();
    h.state_mut().push(Command::OpenPath(path));
    h.run();
    assert_eq!(h.state().text(), PAGE);
    assert_eq!(suspects(&h), 0);
}
