//! All occurrences (concordance) and learning from the editor (issue #17): every
//! place a suspect string stands in the page and the folder, corrected at once —
//! one undo step on the open page, the other pages' corrections in their sessions
//! (offered for resume), only where their context still stands — and corrections (a candidate chosen, a glyph typed over)
//! learned into the folder's confusion table, which flags the same string on
//! pages where the language model alone does not.

use std::time::Duration;

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jiaodui_app::App;
use jiaodui_core::engine::RuleId;
use jiaodui_desk::confusions::Confusions;
use jiaodui_desk::document::Document;
use jiaodui_desk::session::{self, Session};

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
    // b.txt's raw file is not written: the correction is in its session.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("b.txt")).unwrap(),
        B
    );
    assert_eq!(resumed(&dir.path().join("b.txt")), "人们展望未来的日子。\n");
    assert!(!dir.path().join("jiaodui-pending.ron").exists());
    h.get_by_label_contains("made on other pages");
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

    // Opening b.txt offers the corrected work for resume.
    next_page(&mut h);
    assert_eq!(h.state().current_page(), Some(1));
    h.get_by_label("Resume").click();
    h.run();
    assert_eq!(h.state().text(), "人们展望未来的日子。\n");
}

/// The other pages' corrections go through their sessions as a folder replace
/// does: on top of the page's unsaved work, only where the context still stands
/// (the rest left and named), never into the raw page or its corrected file; a
/// page open in another window is skipped and named.
#[test]
fn other_pages_are_corrected_in_their_sessions_where_the_context_stands() {
    let dir = tempfile::tempdir().unwrap();
    page(dir.path(), "a.txt", A);
    let b = page(
        dir.path(),
        "b.txt",
        "人们展望末来的日子，我们充满信心和希望。明天的末来更好。\n",
    );
    let c = page(dir.path(), "c.txt", B);
    std::fs::write(dir.path().join("b.corrected.txt"), "saved earlier").unwrap();
    let mut h = open(dir.path());
    h.run();
    h.key_press(Key::F8);
    h.run();
    h.get_by_label("All occurrences…").click();
    h.run();
    h.step();
    assert_eq!(h.state().concordance().expect("the window").rows.len(), 5);
    // Meanwhile: b's second occurrence is edited in its session (unsaved work),
    // and c is opened in another window.
    let mut s = Session::new(&b, &std::fs::read(&b).unwrap());
    s.set_text(
        "人们展望末来的日子，我们充满信心和希望。明天的末来更好。\n",
        "人们展望末来的日子，我们充满信心和希望。今天的末来更好。\n",
    );
    s.save_for(&b).unwrap();
    std::fs::write(
        jiaodui_desk::lock::lock_path(&c),
        "pid=1\nhost=elsewhere.example\nsince=0\n",
    )
    .unwrap();
    h.get_by_label("Apply to checked").click();
    h.run();
    crate::shot(&mut h, "concordance-other-pages");
    assert_eq!(
        resumed(&b),
        "人们展望未来的日子，我们充满信心和希望。今天的末来更好。\n",
        "made where the context stands, on top of the unsaved work"
    );
    assert_eq!(
        std::fs::read_to_string(&b).unwrap(),
        "人们展望末来的日子，我们充满信心和希望。明天的末来更好。\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("b.corrected.txt")).unwrap(),
        "saved earlier"
    );
    assert!(
        !session::beside_path(&c).exists(),
        "open elsewhere: not written"
    );
    assert_eq!(std::fs::read_to_string(&c).unwrap(), B);
    let done = h.state().concordance().expect("the window");
    assert_eq!(done.done, Some((2, 1)));
    h.get_by_label_contains("b.txt: 1 left as they are");
    h.get_by_label_contains("c.txt: open in another window");
    // c's row stays for another try.
    assert_eq!(done.rows.len(), 1);
    assert_eq!(done.rows[0].name, "c.txt");
}

/// A folder page's work as the desk would resume it (its session on its raw text).
fn resumed(page: &std::path::Path) -> String {
    let s = Session::load(&session::beside_path(page)).unwrap().unwrap();
    s.restore(&Document::load(page).unwrap().original).unwrap()
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
