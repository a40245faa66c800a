//! Find and replace (Ctrl+F, Ctrl+H, F3, Enter in the find field), across the
//! folder with its preview, Go to line (Ctrl+G), the text's right-click menu, and
//! typing undone by word: driven through the real keys and buttons.

use std::fs;
use std::ops::Range;
use std::time::Duration;

use eframe::egui::{self, Key, Modifiers, accesskit::Role};
use egui_kittest::Harness;
use egui_kittest::Node;
use egui_kittest::kittest::{NodeT as _, Queryable};
use jiaodui_app::App;
use jiaodui_app::command::Command;
use jiaodui_app::i18n::Lang;
use jiaodui_app::panels::text_view::editor_id;
use jiaodui_app::settings::AppSettings;
use jiaodui_core::engine::RuleId;
use jiaodui_desk::document::Document;
use jiaodui_desk::session::{self, Session};

use crate::desk::{SAMPLE, page};

fn sample(lang: Lang) -> Harness<'static, App> {
    let app = App::with_sample(AppSettings {
        language: lang,
        ..Default::default()
    });
    let mut h = crate::harness(app);
    h.run();
    h
}

fn ctrl(h: &mut Harness<'_, App>, key: Key) {
    h.key_press_modifiers(Modifiers::COMMAND, key);
    h.run();
}

/// Types into whatever has the keyboard.
fn type_in(h: &mut Harness<'_, App>, s: &str) {
    h.event(egui::Event::Text(s.to_owned()));
    h.run();
}

/// The text field named `label` (the label beside it names it too).
fn field<'h>(h: &'h Harness<'_, App>, label: &'h str) -> Node<'h> {
    h.get_all_by_label(label)
        .find(|n| n.accesskit_node().role() == Role::TextInput)
        .unwrap_or_else(|| panic!("no field {label}"))
}

/// The editor's selection, in bytes of `text`.
fn selection(h: &Harness<'_, App>, text: &str) -> Option<Range<usize>> {
    let r = egui::TextEdit::load_state(&h.ctx, editor_id())?
        .cursor
        .char_range()?;
    let byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(i, _)| i);
    let (a, b) = (r.primary.index.0, r.secondary.index.0);
    Some(byte(a.min(b))..byte(a.max(b)))
}

/// `m` is the current match: outlined, the editor's cursor at its end (an editor
/// without the keyboard shows no selection; closing the bar selects it).
fn at_match(h: &Harness<'_, App>, text: &str, m: Range<usize>) {
    assert_eq!(h.state().find().current_range(), Some(m.clone()));
    assert_eq!(selection(h, text).map(|r| r.end), Some(m.end));
}

fn nth_match(text: &str, pat: &str, n: usize) -> Range<usize> {
    let at = text.match_indices(pat).nth(n).unwrap().0;
    at..at + pat.len()
}

#[test]
fn ctrl_f_counts_selects_and_steps_with_enter_and_f3() {
    let mut h = sample(Lang::En);
    let total = SAMPLE.matches("记者").count();
    ctrl(&mut h, Key::F);
    assert!(h.state().find().open, "Ctrl+F opens the find bar");
    type_in(&mut h, "记者");
    h.get_by_label(&format!("1 / {total}"));
    at_match(&h, SAMPLE, nth_match(SAMPLE, "记者", 0));
    // Enter in the field: the next match, scrolled to and selected.
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label(&format!("2 / {total}"));
    at_match(&h, SAMPLE, nth_match(SAMPLE, "记者", 1));
    // The field keeps the keyboard: Enter again, then Shift+Enter back.
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label(&format!("3 / {total}"));
    h.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    h.run();
    h.get_by_label(&format!("2 / {total}"));
    h.key_press(Key::F3);
    h.run();
    h.get_by_label(&format!("3 / {total}"));
    h.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    h.run();
    h.get_by_label(&format!("2 / {total}"));
    // Previous from the first wraps to the last.
    h.get_by_label("Previous match").click();
    h.run();
    h.get_by_label("Previous match").click();
    h.run();
    h.get_by_label(&format!("{total} / {total}"));
    // The last match is far down the page: the text scrolled there.
    assert!(h.state().text_scroll_offset() > 200.0);
    assert_eq!(h.state().text(), SAMPLE, "finding changes nothing");
    // Esc closes the bar; the editor has the keyboard and the match selected.
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().find().open);
    let last = nth_match(SAMPLE, "记者", total - 1);
    assert_eq!(selection(&h, SAMPLE), Some(last.clone()));
    type_in(&mut h, "作者");
    assert_eq!(
        &h.state().text()[last.start..last.end],
        "作者",
        "typed over the match"
    );
}

#[test]
fn invalid_regex_is_a_message_in_the_bar() {
    let mut h = sample(Lang::En);
    ctrl(&mut h, Key::F);
    h.get_by_label("Regular expression").click();
    h.run();
    h.get_by_role(Role::TextInput).click();
    h.run();
    type_in(&mut h, "(本报");
    h.get_by_label_contains("Invalid regular expression");
    h.get_by_label("No matches");
    // Fixed: the message goes, the matches come.
    type_in(&mut h, ")");
    assert!(
        h.query_by_label_contains("Invalid regular expression")
            .is_none()
    );
    h.get_by_label(&format!("1 / {}", SAMPLE.matches("本报").count()));
}

#[test]
fn replace_all_is_one_undo_step_and_replace_one_moves_on() {
    let mut h = sample(Lang::En);
    ctrl(&mut h, Key::H);
    type_in(&mut h, "记者");
    field(&h, "Replace with").click();
    h.run();
    type_in(&mut h, "记者们");
    // Replace: the current (first) match, then the next one is current.
    h.get_by_label("Replace").click();
    h.run();
    let once = SAMPLE.replacen("记者", "记者们", 1);
    assert_eq!(h.state().text(), once);
    at_match(&h, &once, nth_match(&once, "记者", 1));
    h.get_by_label(&format!("2 / {}", SAMPLE.matches("记者").count()));
    // Replace all: every match (the replaced one too: it still contains 记者).
    h.get_by_label("Replace all").click();
    h.run();
    assert_eq!(h.state().text(), once.replace("记者", "记者们"));
    // One Ctrl+Z takes back all of them, the next the single replace.
    ctrl(&mut h, Key::Z);
    assert_eq!(h.state().text(), once);
    ctrl(&mut h, Key::Z);
    assert_eq!(h.state().text(), SAMPLE);
    assert!(!h.state().doc().can_undo());
}

#[test]
fn regex_replace_expands_groups() {
    let mut h = sample(Lang::En);
    ctrl(&mut h, Key::H);
    h.get_by_label("Regular expression").click();
    h.run();
    field(&h, "Find").click();
    h.run();
    type_in(&mut h, r"(\p{Han})路");
    field(&h, "Replace with").click();
    h.run();
    type_in(&mut h, "${1}街");
    h.get_by_label("Replace all").click();
    h.run();
    let re = regex_lite_free_expected();
    assert_eq!(h.state().text(), re);
}

/// `(\p{Han})路` → `${1}街` done by hand: every 路 after a Han character.
fn regex_lite_free_expected() -> String {
    let mut out = String::new();
    let mut prev: Option<char> = None;
    for c in SAMPLE.chars() {
        if c == '路' && prev.is_some_and(|p| ('\u{4e00}'..='\u{9fff}').contains(&p)) {
            out.push('街');
        } else {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

#[test]
fn go_to_line_moves_the_cursor_and_scrolls_or_says_why_not() {
    let mut h = sample(Lang::En);
    ctrl(&mut h, Key::G);
    type_in(&mut h, "9999");
    h.key_press(Key::Enter);
    h.run();
    let lines = jiaodui_core::text::LineIndex::new(SAMPLE).line_count();
    h.get_by_label_contains(&format!(
        "There is no line 9999: the page has lines 1 to {lines}"
    ));
    assert!(
        h.state().goto_line().open,
        "the dialog stays for another number"
    );
    // The field kept the keyboard: a good number goes there.
    h.key_press(Key::Backspace);
    h.key_press(Key::Backspace);
    h.run();
    let text = field(&h, "Line number").value().unwrap_or_default();
    assert_eq!(text, "99");
    h.get_by_label("Go").click();
    h.run();
    assert!(!h.state().goto_line().open);
    let at = jiaodui_core::text::LineIndex::new(SAMPLE).line_start(98);
    assert_eq!(selection(&h, SAMPLE), Some(at..at));
    assert!(
        h.state().text_scroll_offset() > 200.0,
        "scrolled to line 99"
    );
    // The editor has the keyboard at that line.
    type_in(&mut h, "甲");
    assert_eq!(&h.state().text()[at..at + 3], "甲");
}

fn right_click(h: &mut Harness<'_, App>, pos: egui::Pos2) {
    h.event(egui::Event::PointerMoved(pos));
    let button = |pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Secondary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    h.event(button(true));
    h.step();
    h.event(button(false));
    h.run();
}

/// The menu entry named `label` nearest `pos` (the findings panel has buttons of
/// the same names further right).
fn menu_entry<'h>(h: &'h Harness<'_, App>, label: &'h str, pos: egui::Pos2) -> Node<'h> {
    h.get_all_by_label(label)
        .min_by(|a, b| {
            let d = |n: &Node<'_>| {
                let r = n.rect();
                (r.center().x - pos.x).abs() + (r.center().y - pos.y).abs()
            };
            d(a).total_cmp(&d(b))
        })
        .unwrap()
}

#[test]
fn right_click_menu_ignores_a_finding_copies_and_finds_this() {
    let mut h = sample(Lang::En);
    let before = h.state().review().findings().len();
    let space = SAMPLE.find("近日， 开发区").unwrap() + "近日，".len();
    let pos = h.state().text_rect_of(space).expect("laid out").center();
    right_click(&mut h, pos);
    for label in ["Apply", "Ignore", "Always correct", "Copy", "Find this"] {
        assert!(h.query_all_by_label(label).next().is_some(), "{label}");
        // In the menu by the pointer, not only on the side panel's card.
        assert!(
            menu_entry(&h, label, pos).rect().center().distance(pos) < 200.0,
            "{label}"
        );
    }
    menu_entry(&h, "Ignore", pos).click();
    h.run();
    assert_eq!(h.state().review().findings().len(), before - 1);
    assert!(
        h.state()
            .review()
            .ignored()
            .iter()
            .any(|f| f.rule == RuleId::SpuriousSpace && f.span_bytes.start == space)
    );

    // Plain text: no Apply / Ignore; Find this opens the find bar on the character.
    let review = &h.state().review();
    let in_sight = |i: usize| {
        h.state()
            .text_rect_of(i)
            .is_some_and(|r| r.center().y > 100.0 && r.center().y < 600.0 && r.center().x < 600.0)
    };
    let (plain, ch) = SAMPLE
        .char_indices()
        .skip(1)
        .find(|&(i, c)| {
            ('\u{4e00}'..='\u{9fff}').contains(&c)
                && review.at_byte(i).is_none()
                && review.at_byte(i - 1).is_none()
                && review.at_byte(i + c.len_utf8()).is_none()
                && in_sight(i)
        })
        .expect("a plain character in sight");
    let pos = h.state().text_rect_of(plain).expect("laid out").center();
    right_click(&mut h, pos);
    assert!(
        menu_entry(&h, "Find this", pos)
            .rect()
            .center()
            .distance(pos)
            < 200.0
    );
    let near_apply = h
        .query_all_by_label("Apply")
        .any(|n| n.rect().center().distance(pos) < 120.0);
    assert!(!near_apply, "no Apply off a finding");
    menu_entry(&h, "Find this", pos).click();
    h.run();
    assert!(h.state().find().open);
    assert_eq!(h.state().find().pattern, ch.to_string());
    let n = SAMPLE.matches(ch).count();
    h.get_by_label_contains(&format!(" / {n}"));

    // The bar above the text moved it down.
    let pos = h.state().text_rect_of(plain).expect("laid out").center();
    right_click(&mut h, pos);
    menu_entry(&h, "Copy", pos).click();
    h.run();
    assert_eq!(h.state().status().as_deref(), Some("Copied"));
}

/// Typing joins into one undo step until punctuation ends the word, and a pause
/// starts a new one: Ctrl+Z takes back words, not characters.
#[test]
fn typing_undoes_by_word_and_pause() {
    let mut h = sample(Lang::En);
    h.state_mut().focus_editor();
    h.run();
    let editor = |h: &mut Harness<'_, App>, s: &str| {
        h.get_by_role(Role::MultilineTextInput).type_text(s);
        h.run();
    };
    editor(&mut h, "本报");
    editor(&mut h, "讯");
    editor(&mut h, "，");
    let first_word = h.state().text().to_owned();
    editor(&mut h, "记");
    editor(&mut h, "者");
    std::thread::sleep(Duration::from_millis(1100));
    editor(&mut h, "王");
    assert_eq!(h.state().text().len(), SAMPLE.len() + 7 * 3);
    ctrl(&mut h, Key::Z);
    assert_eq!(
        h.state().text().len(),
        SAMPLE.len() + 6 * 3,
        "the pause ended the step: only 王 goes"
    );
    ctrl(&mut h, Key::Z);
    assert_eq!(h.state().text(), first_word, "记者 went in one step");
    ctrl(&mut h, Key::Z);
    assert_eq!(h.state().text(), SAMPLE, "本报讯， went in one step");
    assert!(!h.state().doc().can_undo());
    // Redo gives the steps back as they were.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(h.state().text(), first_word);
}

#[test]
fn replace_across_the_folder_previews_then_writes_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let a = page(dir.path(), "a.txt", "本报讯 甲\n本报记者\n");
    let b = page(dir.path(), "b.txt", "乙本报\n");
    let c = page(dir.path(), "c.txt", "无\n");
    let mut h = sample(Lang::En);
    h.state_mut().push(Command::OpenPath(dir.path().to_owned()));
    h.run();
    h.run();
    assert_eq!(
        h.state().text(),
        "本报讯 甲\n本报记者\n",
        "the folder's first page"
    );
    ctrl(&mut h, Key::H);
    h.get_by_label("Whole folder").click();
    h.run();
    field(&h, "Find").click();
    h.run();
    type_in(&mut h, "本报");
    field(&h, "Replace with").click();
    h.run();
    type_in(&mut h, "本刊");
    h.get_by_label("Preview changes in the folder…").click();
    h.run();
    // Every change, page and line, before anything is made.
    h.get_by_label("3 changes in 2 pages");
    h.get_by_label("乙本报");
    h.get_by_label("乙本刊");
    assert_eq!(fs::read_to_string(&b).unwrap(), "乙本报\n");
    assert!(
        !session::beside_path(&b).exists(),
        "nothing written by the preview"
    );
    h.get_by_label("Make these changes").click();
    h.run();
    assert_eq!(h.state().text(), "本刊讯 甲\n本刊记者\n");
    // b: its session holds the change; its raw file is as it was; c untouched.
    let s = Session::load(&session::beside_path(&b)).unwrap().unwrap();
    let base = Document::load(&b).unwrap().original;
    assert_eq!(s.restore(&base).unwrap(), "乙本刊\n");
    assert_eq!(fs::read_to_string(&b).unwrap(), "乙本报\n");
    assert!(!session::beside_path(&c).exists());
    assert_eq!(fs::read_to_string(&a).unwrap(), "本报讯 甲\n本报记者\n");
    // The open page's part is one undo step.
    ctrl(&mut h, Key::Z);
    assert_eq!(h.state().text(), "本报讯 甲\n本报记者\n");
    // Opening b offers its work for resume.
    h.state_mut()
        .push(Command::Desk(jiaodui_app::desk::DeskCommand::NextPage));
    h.run();
    h.run();
    h.get_by_label("Resume").click();
    h.run();
    assert_eq!(h.state().text(), "乙本刊\n");
}

/// Runs frames until the desk's workers are done (the folder's finding counts).
fn settle(h: &mut Harness<'_, App>) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while h.state().desk_busy() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
        h.run();
    }
    h.run();
}

/// The page list's figures follow what happens to the pages: a replace across the
/// folder that fixes page b's finding, and a change of the rules, both count
/// again (they used to keep the figure counted when the folder was opened).
#[test]
fn page_list_counts_follow_folder_changes_and_settings() {
    let dir = tempfile::tempdir().unwrap();
    page(dir.path(), "a.txt", "甲乙丙\n");
    page(dir.path(), "b.txt", "近日， 开发区\n");
    page(dir.path(), "c.txt", "近日， 开发区 ，\n");
    let mut h = sample(Lang::En);
    h.state_mut().push(Command::OpenPath(dir.path().to_owned()));
    h.run();
    settle(&mut h);
    h.get_by_label("○ b.txt   1");
    h.get_by_label("○ c.txt   2");

    // Replace across the folder: b's space goes, c keeps one finding.
    ctrl(&mut h, Key::H);
    h.get_by_label("Whole folder").click();
    h.run();
    field(&h, "Find").click();
    h.run();
    type_in(&mut h, "， 开");
    field(&h, "Replace with").click();
    h.run();
    type_in(&mut h, "，开");
    h.get_by_label("Preview changes in the folder…").click();
    h.run();
    h.get_by_label("Make these changes").click();
    h.run();
    settle(&mut h);
    h.get_by_label("◎ b.txt   0");
    h.get_by_label("◎ c.txt   1");

    // A rule switched off in Settings: every closed page is counted again.
    let mut settings = h.state().settings().clone();
    settings.engine.set_enabled(RuleId::SpuriousSpace, false);
    h.state_mut().push(Command::SetSettings(Box::new(settings)));
    h.run();
    settle(&mut h);
    h.get_by_label("◎ c.txt   0");
}

/// Renders each new piece in English and Chinese into `$JIAODUI_SHOTS` (when set)
/// for a person to look at; checks nothing else.
#[test]
fn screenshots_of_find_goto_menu_and_folder_preview() {
    let Some(out) = std::env::var_os("JIAODUI_SHOTS") else {
        return;
    };
    let out = std::path::PathBuf::from(out);
    fs::create_dir_all(&out).unwrap();
    for (lang, tag) in [(Lang::En, "en"), (Lang::Zh, "zh")] {
        let save = |h: &mut Harness<'_, App>, name: &str| {
            h.run();
            let img = h.render().expect("render");
            img.save(out.join(format!("{name}_{tag}.png"))).unwrap();
        };
        let mut h = sample(lang);
        ctrl(&mut h, Key::H);
        type_in(&mut h, "记者");
        h.key_press(Key::Enter);
        h.run();
        save(&mut h, "find_bar");
        h.state_mut().find_mut().options.regex = true;
        h.state_mut().find_mut().pattern = "(记者".into();
        h.state_mut().push(Command::Find(
            jiaodui_app::panels::find_bar::FindCommand::Changed,
        ));
        save(&mut h, "find_invalid_regex");

        let mut h = sample(lang);
        ctrl(&mut h, Key::G);
        type_in(&mut h, "9999");
        h.key_press(Key::Enter);
        save(&mut h, "go_to_line");

        let mut h = sample(lang);
        let space = SAMPLE.find("近日， 开发区").unwrap() + "近日，".len();
        let pos = h.state().text_rect_of(space).unwrap().center();
        right_click(&mut h, pos);
        save(&mut h, "context_menu");

        let dir = tempfile::tempdir().unwrap();
        page(dir.path(), "a.txt", "本报讯 甲\n本报记者\n");
        page(dir.path(), "b.txt", "乙本报\n");
        let mut h = sample(lang);
        h.state_mut().push(Command::OpenPath(dir.path().to_owned()));
        h.run();
        ctrl(&mut h, Key::H);
        type_in(&mut h, "本报");
        {
            let f = &mut h.state_mut().find_mut();
            f.replacement = "本刊".into();
            f.whole_folder = true;
        }
        h.state_mut().push(Command::Find(
            jiaodui_app::panels::find_bar::FindCommand::FolderPreview,
        ));
        save(&mut h, "folder_preview");
    }
}

/// Edit → Find… / Replace… / Go to line… act like their keys, and Help → Keyboard
/// shortcuts lists the new keys (all read from the one shortcut table).
#[test]
fn edit_menu_and_help_show_the_new_commands() {
    let mut h = sample(Lang::En);
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label_contains("Replace…").click();
    h.run();
    assert!(h.state().find().open && h.state().find().replace);
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label_contains("Go to line…").click();
    h.run();
    assert!(h.state().goto_line().open);
    h.state_mut().push(Command::ShowShortcuts(true));
    h.run();
    // The window is drawn in the frame after the command.
    h.step();
    h.run();
    for keys in [
        "Ctrl+F",
        "Ctrl+H",
        "F3 / Enter",
        "Shift+F3 / Shift+Enter",
        "Ctrl+G",
    ] {
        assert!(h.query_all_by_label(keys).next().is_some(), "{keys}");
    }
    h.get_by_label("Find and replace");
    h.get_by_label("Go to a line");
}
