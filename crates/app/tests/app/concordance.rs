//! All occurrences (concordance) and learning from the editor (issue #17): every
//! place a suspect string stands in the page and the folder, corrected at once —
//! one undo step on the open page, corrections for the other pages applied when
//! each is opened — and corrections (a candidate chosen, a glyph typed over)
//! learned into the folder's confusion table, which flags the same string on
//! pages where the language model alone does not.

use std::time::Duration;

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jiaodui_app::App;
use jiaodui_core::engine::RuleId;
use jiaodui_desk::concordance::Pending;
use jiaodui_desk::confusions::Confusions;

use crate::desk::{open, page};
use jiaodui_app::command::{Command, UnsavedChoice};

/// Next page of the folder; the work on this one stays in its session.
fn next_page(h: &mut Harness<'static, App>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    if *h.state().dialog() != jiaodui_app::app::Dialog::None {
        h.state_mut().push(Command::Unsaved(UnsavedChoice::Discard));
        h.run();
    }
}

const A: &str = "我们对末来充满信心。他说，，好。我们对末来充满信心。\n";
const B: &str = "人们展望末来的日子。\n";
/// `杜会` twice: a pair repeated on a page reads as real text, nothing is flagged.
const C: &str = "推动杜会发展。人们关心杜会问题。\n";

fn suspects(h: &Harness<'static, App>) -> Vec<String> {
    let text = h.state().text();
    h.state()
        .review()
        .findings()
        .iter()
        .filter(|f| f.rule == RuleId::SuspectGlyph)
        .map(|f| text[f.span_bytes.clone()].to_owned())
        .collect()
}

#[test]
fn all_occurrences_applies_to_the_checked_ones_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    page(dir.path(), "a.txt", A);
    page(dir.path(), "b.txt", B);
    let mut h = open(dir.path());
    h.run();
    assert_eq!(h.state().current_page(), Some(0));
    h.key_press(Key::F8);
    h.run();
    h.get_by_label("All occurrences…").click();
    h.run();
    h.step();
    crate::shot(&mut h, "concordance");
    let c = h.state().concordance().expect("the window");
    assert_eq!(c.pattern, "末来");
    assert_eq!(c.rows.len(), 3, "two here, one on b.txt");
    h.get_by_label_contains("末来 → 未来");
    // The second on this page stays as it is.
    h.get_by_label_contains("好。我们对【末来】").click();
    h.run();
    h.get_by_label("Apply to checked").click();
    h.run();
    crate::shot(&mut h, "concordance-applied");
    let fixed = "我们对未来充满信心。他说，，好。我们对末来充满信心。\n";
    assert_eq!(h.state().text(), fixed);
    // b.txt is not written: its correction waits beside the project file.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("b.txt")).unwrap(),
        B
    );
    let pending = Pending::load(dir.path()).value.corrections;
    assert_eq!(pending.len(), 1, "{pending:?}");
    assert_eq!(pending[0].page, "b.txt");
    // Learned once.
    let learned = Confusions::load(dir.path()).value.learned();
    assert_eq!(learned, vec![("末来".into(), "未来".into(), 1)]);
    // One undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().text(), A);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(h.state().text(), fixed);

    // Opening b.txt applies its correction, as an undo step of its own.
    next_page(&mut h);
    assert_eq!(h.state().current_page(), Some(1));
    assert_eq!(h.state().text(), "人们展望未来的日子。\n");
    assert!(Pending::load(dir.path()).value.corrections.is_empty());
    assert!(
        dir.path().join("b.jiaodui.ron").exists(),
        "in the page's session at once"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().text(), B);
}

/// A candidate chosen teaches the folder: `杜会` → `社会` is then flagged on a page
/// where the model alone flags nothing, with 社 first.
#[test]
fn a_chosen_candidate_is_learned_for_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    page(dir.path(), "a.txt", "推动杜会发展，我们对末来充满信心。\n");
    page(dir.path(), "c.txt", C);
    let mut h = open(dir.path());
    h.run();
    assert_eq!(suspects(&h), ["杜", "末"]);
    h.key_press(Key::F8);
    h.run();
    h.get_by_label("1 社").click();
    h.run();
    assert_eq!(h.state().text(), "推动社会发展，我们对末来充满信心。\n");
    let learned = Confusions::load(dir.path()).value.learned();
    assert_eq!(learned, vec![("杜会".into(), "社会".into(), 1)]);
    next_page(&mut h);
    assert_eq!(h.state().current_page(), Some(1));
    assert_eq!(suspects(&h), ["杜", "杜"]);
    let f = &h.state().review().findings()[0];
    assert_eq!(f.suggest.as_ref().unwrap().candidates[0].text, "社");
}

/// A look-alike typed over a glyph (select it, type the right one) is learned
/// after the typing pause.
#[test]
fn a_glyph_typed_over_is_learned() {
    let dir = tempfile::tempdir().unwrap();
    page(dir.path(), "a.txt", "推动杜会发展，我们对末来充满信心。\n");
    page(dir.path(), "c.txt", C);
    let mut h = open(dir.path());
    h.run();
    h.state_mut().focus_editor();
    h.run();
    let id = jiaodui_app::panels::text_view::editor_id();
    let mut state = egui::text_edit::TextEditState::load(&h.ctx, id).expect("the editor");
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::two(
            egui::text::CCursor::new(2),
            egui::text::CCursor::new(3),
        )));
    state.store(&h.ctx, id);
    h.event(egui::Event::Text("社".into()));
    h.run();
    assert_eq!(h.state().text(), "推动社会发展，我们对末来充满信心。\n");
    std::thread::sleep(Duration::from_millis(450));
    h.run();
    let learned = Confusions::load(dir.path()).value.learned();
    assert_eq!(learned, vec![("杜会".into(), "社会".into(), 1)]);
    next_page(&mut h);
    assert_eq!(suspects(&h), ["杜", "杜"]);
}
