//! A page that is one line of megabytes (an export that lost its line breaks)
//! took 2.2 GB in the window: the editor laid out every glyph. Now it lays out a
//! window of the page around what is in sight; jumps, clicks and typing still
//! land on the right bytes, and nothing else of the page changes.

use eframe::egui::{self, Modifiers};
use egui_kittest::Harness;
use jiaodui_app::App;
use jiaodui_app::command::Command;
use jiaodui_app::i18n::Lang;
use jiaodui_app::panels::text_window::{BLOCK_MAX_BYTES, MAX_WINDOW_BLOCKS};
use jiaodui_app::settings::AppSettings;
use jiaodui_desk::document::Document;

use crate::harness;

/// A clean sentence of the sample page (no findings: a click opens no popup)
/// repeated past `bytes`, without a line break.
fn one_line_page(bytes: usize) -> String {
    let line = "近日开发区太昊路办事处新时代文明实践所迎来了十多名朝气蓬勃的青少年。\
                在新时代文明实践所各具特色的功能室内，工作人员带领他们开展丰富多彩的主题活动。";
    line.repeat(bytes / line.len() + 1)
}

fn open(text: &str) -> Harness<'static, App> {
    let settings = AppSettings {
        language: Lang::En,
        ..Default::default()
    };
    let doc = Document::from_text(None, text.to_owned(), Default::default());
    let mut h = harness(App::new(doc, settings));
    h.run();
    h
}

/// At most this much of the page is laid out at once.
const BOUND: usize = MAX_WINDOW_BLOCKS * BLOCK_MAX_BYTES;

/// A character boundary at or after `at`.
fn boundary(text: &str, at: usize) -> usize {
    (at..text.len())
        .find(|&b| text.is_char_boundary(b))
        .unwrap_or(text.len())
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
fn a_huge_one_line_page_lays_out_only_a_window() {
    let text = one_line_page(3_000_000);
    let mut h = open(&text);
    let laid = h.state().laid_text_bytes();
    assert!(
        laid.start == 0 && !laid.is_empty() && laid.len() <= BOUND,
        "laid out {laid:?} of {} bytes",
        text.len()
    );
    // A jump to the middle (a click on the scan) lays out the middle and shows it.
    let mid = boundary(&text, text.len() / 2);
    h.state_mut().push(Command::GoToOffset(mid));
    h.step();
    h.run();
    let laid = h.state().laid_text_bytes();
    assert!(laid.contains(&mid) && laid.len() <= BOUND, "{laid:?}");
    let r = h.state().text_rect_of(mid).expect("drawn");
    assert!(r.min.y > 0.0 && r.max.y < 800.0, "{r:?}");
    assert!(h.state().text_scroll_offset() > 100_000.0);
}

#[test]
fn typing_on_a_huge_page_changes_only_what_is_typed() {
    let text = one_line_page(3_000_000);
    let mut h = open(&text);
    let at = boundary(&text, text.len() * 2 / 3);
    h.state_mut().push(Command::GoToOffset(at));
    h.step();
    h.run();
    let r = h.state().text_rect_of(at).expect("drawn");
    click_at(&mut h, r.left_center() + egui::vec2(1.0, 0.0));
    h.event(egui::Event::Text("甲".to_owned()));
    h.run();
    let typed = h.state().text();
    assert_eq!(typed.len(), text.len() + "甲".len());
    assert_eq!(&typed[..at], &text[..at]);
    assert_eq!(&typed[at..at + 3], "甲");
    assert_eq!(&typed[at + 3..], &text[at..]);
    h.key_press(egui::Key::Backspace);
    h.run();
    assert!(h.state().text() == text, "backspace took back more than 甲");
}

fn wheel(h: &mut Harness<'_, App>, at: egui::Pos2, dy: f32) {
    h.event(egui::Event::PointerMoved(at));
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, dy),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    });
    h.run();
}

#[test]
fn scrolling_a_huge_page_moves_the_window_and_nothing_jumps() {
    let text = one_line_page(3_000_000);
    let mut h = open(&text);
    let mid = boundary(&text, text.len() / 2);
    h.state_mut().push(Command::GoToOffset(mid));
    h.step();
    h.run();
    let before = h.state().text_rect_of(mid).expect("drawn");
    let laid_before = h.state().laid_text_bytes();
    // Up by more than the window reaches (blocks above get laid out, their
    // heights become real), then back down by as much.
    let steps = 60;
    for _ in 0..steps {
        wheel(&mut h, before.center(), 120.0);
    }
    let laid_up = h.state().laid_text_bytes();
    assert!(
        laid_up.start < laid_before.start,
        "{laid_up:?} {laid_before:?}"
    );
    assert!(laid_up.len() <= BOUND);
    crate::shot(&mut h, "huge_page_scrolled");
    for _ in 0..steps {
        wheel(&mut h, before.center(), -120.0);
    }
    let after = h.state().text_rect_of(mid).expect("drawn again");
    assert!(
        (after.min.y - before.min.y).abs() < 2.0 && (after.min.x - before.min.x).abs() < 1.0,
        "{before:?} became {after:?}"
    );
}

#[test]
fn find_on_a_huge_page_shows_and_selects_a_match_far_down() {
    let mut text = one_line_page(3_000_000);
    let at = boundary(&text, text.len() * 4 / 5);
    text.insert_str(at, "校对标记");
    let mut h = open(&text);
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.event(egui::Event::Text("校对标记".to_owned()));
    h.run();
    assert_eq!(
        h.state().find().current_range(),
        Some(at..at + "校对标记".len())
    );
    let r = h.state().text_rect_of(at).expect("the match is laid out");
    assert!(r.min.y > 0.0 && r.max.y < 800.0, "{r:?}");
    // Esc gives the editor the keyboard with the match selected: typing replaces it.
    h.key_press(egui::Key::Escape);
    h.run();
    h.event(egui::Event::Text("甲".to_owned()));
    h.run();
    assert!(h.state().text() == text.replacen("校对标记", "甲", 1));
}
