//! The properties each fuzz target checks, one function per target, taking the raw
//! fuzz input. Shared by the targets in `fuzz/fuzz_targets/` and by
//! `tests/fuzz_regressions.rs`, which replays every input a fuzzer ever crashed on
//! (so a regression test checks exactly what the fuzzer checked).
//!
//! A violated property panics; that is what the fuzzer reports as a crash.

#![allow(dead_code)]

use std::path::Path;

use jiaodui_core::edit::{ChangeSet, Edit};
use jiaodui_core::engine::{self, CjkLatinSpacing, RuleId, Settings};
use jiaodui_core::text::chars::fullwidth_of;
use jiaodui_core::text::{
    EncodeError, TextEncoding, TextFormat, decode as decode_bytes, encode_exact,
};
use jiaodui_desk::document::Document;
use jiaodui_desk::session::Session;
use jiaodui_desk::settings;

/// `decode`: any bytes through the decoder give an error or text, never a panic.
/// Text that was read is written back in its own format and reads again as the
/// same text in the same format, and a second save does not change the bytes.
pub fn decode(data: &[u8]) {
    let Ok(read) = decode_bytes(data) else { return };
    assert!(!read.text.contains('\0'), "decoded text holds a NUL");
    let written = match encode_exact(&read.text, read.format, &read.details) {
        Ok(w) => w,
        // Refused with a clear message rather than written as bytes that reopen
        // as other text (GB18030 that would read as UTF-8): no page is lost.
        Err(EncodeError::ReadsAsUtf8) => return,
        Err(e) => panic!("decoded text does not encode back: {e}"),
    };
    let again = decode_bytes(&written).expect("written bytes decode");
    assert_eq!(again.format, read.format, "format changed on save");
    assert_eq!(again.text, read.text, "text changed on save");
    let rewritten = encode_exact(&again.text, again.format, &again.details).expect("encodes twice");
    assert_eq!(rewritten, written, "a second save changed the bytes");
    // The bytes come back exactly (each line's own ending, undecodable bytes kept)
    // in the Unicode encodings; GB18030 has byte sequences that share a character.
    if read.format.encoding != TextEncoding::Gb18030 {
        assert_eq!(written, data, "bytes changed on a plain round trip");
    }
}

/// The settings a fuzz input picks with one byte: spacing style in bits 0..=1;
/// with bit 2 set, bits 3..=7 switch the first five rules (in priority order) off.
fn settings_from(knobs: u8) -> Settings {
    let mut settings = Settings {
        cjk_latin_spacing: match knobs & 3 {
            1 => CjkLatinSpacing::Remove,
            2 => CjkLatinSpacing::Add,
            _ => CjkLatinSpacing::Keep,
        },
        ..Settings::default()
    };
    if knobs & 4 != 0 {
        for (i, rule) in RuleId::ALL.iter().enumerate().take(5) {
            if knobs & (8 << i) != 0 {
                settings.set_enabled(*rule, false);
            }
        }
    }
    settings
}

/// `engine`: the first byte picks the settings, the rest is the page (lossy UTF-8:
/// malformed bytes become U+FFFD, as an editor shows them). Check and fix never
/// panic; findings and their edits sit on character boundaries inside the text,
/// each edit inside its finding's span; the fixes apply; fixing fixed text changes
/// nothing; "Apply all" in the app reaches the same text as `jiaodui fix`.
pub fn engine(data: &[u8]) {
    let Some((&knobs, rest)) = data.split_first() else {
        return;
    };
    let settings = settings_from(knobs);
    let text = String::from_utf8_lossy(rest);
    let text = text.as_ref();

    let found = engine::check(text, &settings);
    for f in &found {
        let s = &f.span_bytes;
        assert!(
            s.start <= s.end && s.end <= text.len(),
            "{:?} span {s:?} out of range",
            f.rule
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{:?} span {s:?} not on char boundaries",
            f.rule
        );
        for e in &f.edits {
            let r = &e.range_bytes;
            assert!(
                r.start <= r.end && r.end <= text.len(),
                "{:?} edit {r:?} out of range",
                f.rule
            );
            assert!(
                text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
                "{:?} edit {r:?} not on char boundaries",
                f.rule
            );
            assert!(
                s.start <= r.start && r.end <= s.end,
                "{:?} edit {r:?} outside its span {s:?}",
                f.rule
            );
        }
        if f.is_fixable() {
            assert!(
                f.replacement(text).is_some(),
                "{:?} fixable but has no replacement",
                f.rule
            );
        }
        let _ = f.fingerprint(text);
    }
    let one_pass = engine::fixes(&found).apply(text).expect("fixes apply");
    let _ = engine::check(&one_pass, &settings);

    let fixed = engine::fix(text, &settings);
    // `fix` decides the paragraphs once, on the page as given; a second `fix` reads
    // its output as a new page and may lay it out afresh: a space a join brought
    // beside a mark, a half-width mark now in Chinese context (`;` → `；`) are seen
    // only then. Every other repair must be settled (the core proptest
    // `fix_is_idempotent` states the same contract).
    let twice = engine::fix(&fixed, &settings);
    let flat = |t: &str| -> String {
        t.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| fullwidth_of(c).unwrap_or(c))
            .collect()
    };
    let relaid = engine::check(&fixed, &settings)
        .iter()
        .any(|f| f.rule == RuleId::BrokenLine);
    if relaid {
        // Lines the first layout kept apart are joined: a ghost only the join shows
        // may go, and a lone quote's direction (read from its paragraph) may turn.
        let unturned = |t: String| -> String {
            t.chars()
                .map(|c| match c {
                    '‘' => '’',
                    '“' => '”',
                    c => c,
                })
                .collect()
        };
        let (a, b) = (unturned(flat(&twice)), unturned(flat(&fixed)));
        let mut rest = b.chars();
        assert!(
            a.chars().all(|c| rest.any(|d| d == c)),
            "fix is not idempotent (beyond a new layout): {a:?} is not {b:?} less ghosts"
        );
    } else {
        assert_eq!(flat(&twice), flat(&fixed), "fix is not idempotent");
    }
}

/// Splits an `apply` input: `[n][n bytes of choices][page text]`.
fn split(data: &[u8]) -> (&[u8], &[u8]) {
    let n = data.first().copied().unwrap_or(0) as usize;
    let choices = data.get(1..1 + n).unwrap_or(&data[data.len().min(1)..]);
    let page = data.get(1 + n..).unwrap_or(&[]);
    (choices, page)
}

fn bit(choices: &[u8], i: usize) -> bool {
    choices.get(i / 8).is_none_or(|b| b & (1 << (i % 8)) != 0)
}

fn invert_restores(text: &str, cs: &ChangeSet) {
    let Ok(after) = cs.apply(text) else { return };
    let back = cs.invert(text).apply(&after).expect("the inverse applies");
    assert_eq!(back, text, "invert did not restore the text");
}

/// `apply`: change sets on any text: a subset of the engine's fixes chosen bit by
/// bit, and edits made up from the choice bytes (on or off character boundaries:
/// bad ones must be errors, not panics). Inverting restores the text byte for
/// byte; a document's undo and redo walk back and forth exactly.
pub fn apply(data: &[u8]) {
    let (choices, page) = split(data);
    let text = String::from_utf8_lossy(page);
    let text = text.as_ref();

    let found = engine::check(text, &Settings::default());
    let chosen: Vec<_> = found
        .iter()
        .enumerate()
        .filter(|(i, _)| bit(choices, *i))
        .map(|(_, f)| f.clone())
        .collect();
    let fixes = engine::fixes(&chosen);
    let after = fixes.apply(text).expect("chosen fixes apply");
    invert_restores(text, &fixes);
    let mut reversed = chosen.clone();
    reversed.reverse();
    assert_eq!(
        engine::fixes(&reversed).apply(text).unwrap(),
        after,
        "the order of the chosen fixes matters"
    );

    // (start, len, insert) triples.
    let mut edits = Vec::new();
    for c in choices.chunks(3) {
        let start = c[0] as usize * text.len().max(1) / 255;
        let len = c.get(1).copied().unwrap_or(0) as usize % 16;
        let insert = match c.get(2).copied().unwrap_or(0) % 5 {
            0 => "",
            1 => "，",
            2 => " ",
            3 => "\n",
            _ => "社区",
        };
        edits.push(Edit::new(start..start + len, insert));
    }
    if let Ok(cs) = ChangeSet::new(edits.clone()) {
        invert_restores(text, &cs);
        if let Ok(moved) = cs.apply(text) {
            for e in cs.edits() {
                let a = cs.map_offset(e.range_bytes.start, true);
                let b = cs.map_offset(e.range_bytes.end, false);
                assert!(
                    a <= moved.len() && b <= moved.len(),
                    "offset mapped past the end"
                );
            }
            // Edits, then the fixes on top, then typing; undone and redone.
            let mut doc = Document::from_text(None, text.to_owned(), TextFormat::default());
            doc.apply(cs).unwrap();
            assert_eq!(doc.text(), moved);
            let fixes = engine::fixes(&engine::check(&moved, &Settings::default()));
            doc.apply(fixes).unwrap();
            let typed = format!("{}末", doc.text());
            doc.replace_text(typed.clone());
            while doc.undo() {}
            assert_eq!(doc.text(), text, "undo did not restore the original");
            while doc.redo() {}
            assert_eq!(doc.text(), typed, "redo did not reach the end");
        }
    }
    let kept = ChangeSet::non_overlapping(&edits).apply(text);
    let direct = ChangeSet::apply_non_overlapping(text, &edits);
    assert_eq!(kept.is_ok(), direct.is_ok());
    if let (Ok(a), Ok(b)) = (kept, direct) {
        assert_eq!(
            a, b,
            "apply_non_overlapping differs from non_overlapping + apply"
        );
    }
}

const PAGE: &str = "近日， 开发区举行活动。\n88 月 2266日，，记者 王晨\n会上, 大家发言\n";

/// `session`: any bytes as a session file and as the app's settings file give a
/// value or a clean error, never a panic (nor a huge allocation: the fuzzer runs
/// with a malloc limit). What loads is written and read back unchanged, and its
/// edits restore onto a page as text or a clean error.
pub fn session(data: &[u8]) {
    // Files that are not UTF-8 are refused before parsing; parse the lossy text
    // anyway so that every input reaches the parser.
    let text = String::from_utf8_lossy(data);
    let path = Path::new("fuzz.jiaodui.ron");
    match Session::from_ron(&text, path) {
        Ok(s) => {
            let written = s.to_ron();
            let back = Session::from_ron(&written, path).expect("a written session reads back");
            assert_eq!(back.to_ron(), written, "session changed on a round trip");
            let _ = s.restore(PAGE);
            let _ = s.restore_onto(PAGE);
            let _ = s.restore_onto("");
            let _ = s.ignored().count();
            let _ = jiaodui_desk::session::utc_stamp_secs(s.saved_at);
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    match settings::parse(&text) {
        Ok(s) => {
            assert!(s.font_size.is_finite(), "font size not sanitised");
            assert!(s.recent.len() <= settings::MAX_RECENT);
            let written = settings::to_ron(&s).expect("settings serialise");
            let back = settings::parse(&written).expect("written settings read back");
            assert_eq!(back, s, "settings changed on a round trip");
        }
        Err(e) => assert!(!e.is_empty()),
    }
}
