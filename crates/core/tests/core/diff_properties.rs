//! Properties of the diff on generated pages: for any two texts it never panics,
//! its changes rebuild the new text from the old one exactly, its rows partition
//! both texts in order, each row's pieces cover the row, and a change is marked
//! whitespace-only exactly when both its sides are whitespace. The unified diff
//! built on it is checked the same way (replayed without `patch`).

use jiaodui_core::diff::{self, Side, SpanKind};
use jiaodui_core::engine::{self, Settings};
use jiaodui_core::report::unified;
use proptest::prelude::*;

fn page_text() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        6 => prop::sample::select(vec!["社", "区", "文", "明", "创", "建", "人", "记", "者", "王", "晨"]).prop_map(str::to_owned),
        2 => prop::sample::select(vec!["，", "。", "、", "“", "”", "……", "<", "&"]).prop_map(str::to_owned),
        2 => prop::sample::select(vec![" ", "\u{3000}", "\t"]).prop_map(str::to_owned),
        3 => prop::sample::select(vec!["\n", "\n\n"]).prop_map(str::to_owned),
        1 => prop::sample::select(vec!["88", "2266", "，，", "LED", "é"]).prop_map(str::to_owned),
    ];
    prop::collection::vec(atom, 0..120).prop_map(|v| v.concat())
}

/// The old text with random pieces deleted, replaced or inserted.
fn edited(old: &str, cuts: &[(usize, usize, &str)]) -> String {
    let chars: Vec<char> = old.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    let mut cuts: Vec<_> = cuts
        .iter()
        .map(|&(a, n, s)| (a % (chars.len() + 1), n % 4, s))
        .collect();
    cuts.sort();
    for (a, n, s) in cuts {
        if a < at {
            continue;
        }
        out.extend(&chars[at..a]);
        out.push_str(s);
        at = (a + n).min(chars.len());
    }
    out.extend(&chars[at.min(chars.len())..]);
    out
}

fn is_ws(s: &str) -> bool {
    s.chars()
        .all(|c| matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{00A0}' | '\u{3000}'))
}

fn check_diff(old: &str, new: &str) {
    let d = diff::diff(old, new);
    // Changes rebuild the new text, in order and without overlap.
    let mut rebuilt = String::new();
    let mut at = 0;
    for c in &d.changes {
        assert!(c.old.start >= at);
        rebuilt.push_str(&old[at..c.old.start]);
        rebuilt.push_str(&new[c.new.clone()]);
        at = c.old.end;
        assert_eq!(
            c.whitespace_only,
            is_ws(&old[c.old.clone()]) && is_ws(&new[c.new.clone()])
        );
    }
    rebuilt.push_str(&old[at..]);
    assert_eq!(rebuilt, new);
    // Rows partition both texts; pieces cover each row.
    let (mut o, mut n) = (0, 0);
    for (ri, r) in d.rows.iter().enumerate() {
        assert_eq!((r.old.start, r.new.start), (o, n));
        (o, n) = (r.old.end, r.new.end);
        let old_side: String = d
            .side_spans(ri, Side::Old)
            .iter()
            .map(|s| &old[s.bytes.clone()])
            .collect();
        assert_eq!(old_side, old[r.old.clone()]);
        let new_side: String = d
            .side_spans(ri, Side::New)
            .iter()
            .map(|s| &new[s.bytes.clone()])
            .collect();
        assert_eq!(new_side, new[r.new.clone()]);
        let inline_new: String = d
            .inline_spans(ri)
            .iter()
            .filter(|s| s.kind != SpanKind::Deleted)
            .map(|s| &new[s.bytes.clone()])
            .collect();
        assert_eq!(inline_new, new[r.new.clone()]);
    }
    assert_eq!((o, n), (old.len(), new.len()));
    // The unified diff replays to the new bytes.
    let u = unified::unified(old.as_bytes(), new.as_bytes(), "a", "b", Some(&d));
    assert_eq!(replay_unified(old.as_bytes(), &u), new.as_bytes());
}

/// A minimal unified-diff applier for the property test (hunks in order, exact context).
fn replay_unified(old: &[u8], diff: &[u8]) -> Vec<u8> {
    if diff.is_empty() {
        return old.to_vec();
    }
    let old_lines: Vec<&[u8]> = old.split_inclusive(|&b| b == b'\n').collect();
    let lines: Vec<&[u8]> = diff.split_inclusive(|&b| b == b'\n').collect();
    let mut out: Vec<u8> = Vec::new();
    let mut at = 0; // next old line
    let mut i = 2; // after the two header lines
    while i < lines.len() {
        let header = std::str::from_utf8(lines[i]).unwrap();
        let start: usize = header
            .trim_start_matches("@@ -")
            .split([',', ' '])
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let len: usize = header
            .trim_start_matches("@@ -")
            .split(' ')
            .next()
            .unwrap()
            .split(',')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let first = if len == 0 { start } else { start - 1 };
        for l in &old_lines[at..first] {
            out.extend_from_slice(l);
        }
        at = first;
        i += 1;
        let mut last_pushed_new: Option<usize> = None;
        while i < lines.len() && !lines[i].starts_with(b"@@") {
            let l = lines[i];
            if l.starts_with(b"\\") {
                // "No newline": drop the newline of the line just written (or consumed).
                if let Some(p) = last_pushed_new.take() {
                    out.truncate(p);
                }
                i += 1;
                continue;
            }
            let (mark, body) = (l[0], &l[1..]);
            last_pushed_new = None;
            match mark {
                b' ' => {
                    assert_eq!(strip_nl(old_lines[at]), strip_nl(body), "context");
                    out.extend_from_slice(old_lines[at]);
                    at += 1;
                }
                b'-' => {
                    assert_eq!(strip_nl(old_lines[at]), strip_nl(body), "removed line");
                    at += 1;
                }
                b'+' => {
                    out.extend_from_slice(body);
                    last_pushed_new = Some(out.len() - 1);
                }
                _ => panic!("bad line {l:?}"),
            }
            i += 1;
        }
    }
    for l in &old_lines[at..] {
        out.extend_from_slice(l);
    }
    out
}

fn strip_nl(l: &[u8]) -> &[u8] {
    l.strip_suffix(b"\n").unwrap_or(l)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn diff_of_random_edits_is_complete(
        old in page_text(),
        cuts in prop::collection::vec((0usize..400, 0usize..4, prop::sample::select(vec!["", "文", "\n", " ", "，", "明明"])), 0..8),
    ) {
        let new = edited(&old, &cuts);
        check_diff(&old, &new);
        check_diff(&new, &old);
    }

    #[test]
    fn diff_of_engine_fixes_is_complete(old in page_text()) {
        let fixed = engine::fix(&old, &Settings::default());
        check_diff(&old, &fixed);
    }

    #[test]
    fn diff_of_unrelated_texts_is_complete(a in page_text(), b in page_text()) {
        check_diff(&a, &b);
    }
}
