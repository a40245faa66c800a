//! Byte-exact round trips (issue #14): for every supported encoding, a page built
//! from known pieces (characters, each line's own ending, one- and two-byte `€`,
//! undecodable bytes) is decoded, a random subset of its findings' fixes applied,
//! and encoded again: every piece no edit touched comes back byte for byte.

use std::ops::Range;

use jiaodui_core::edit::{ChangeSet, Edit};
use jiaodui_core::engine::{self, Settings};
use jiaodui_core::text::{self, LineEnding, TextEncoding, TextFormat};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Piece {
    Text(&'static str),
    /// A line break: `\n` (false) or `\r\n` (true); all `\r` on a CR page.
    Newline(bool),
    /// `€`: GBK's one byte `0x80` (true) or GB18030's `A2 E3` (false).
    Euro(bool),
    /// An undecodable byte of a damaged UTF-8 page.
    Bad(u8),
}

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        8 => prop::sample::select(vec![
            "社", "区", "文", "明", "创", "建", "人", "整", "齐", "记", "者", "王", "晨", "本", "报", "讯",
            "，", "。", "“", "”", "（", "）", "：", ",", ".", "(", ")", " ", "  ", "LED", "2022", "3.5",
            "88", "，，", "基基本本", "本报讯（记者 王晨）",
        ]).prop_map(Piece::Text),
        2 => any::<bool>().prop_map(Piece::Newline),
        1 => any::<bool>().prop_map(Piece::Euro),
        1 => prop::sample::select(vec![0xFFu8, 0xFE, 0xC0, 0xF5]).prop_map(Piece::Bad),
    ]
}

const ENCODINGS: [TextEncoding; 7] = [
    TextEncoding::Utf8,
    TextEncoding::Utf8Bom,
    TextEncoding::Gb18030,
    TextEncoding::Utf16LeBom,
    TextEncoding::Utf16BeBom,
    TextEncoding::Utf16Le,
    TextEncoding::Utf16Be,
];

/// The same encoding without its BOM (for the bytes of one piece).
fn bare(e: TextEncoding) -> TextEncoding {
    match e {
        TextEncoding::Utf8Bom => TextEncoding::Utf8,
        TextEncoding::Utf16LeBom => TextEncoding::Utf16Le,
        TextEncoding::Utf16BeBom => TextEncoding::Utf16Be,
        e => e,
    }
}

fn bom(e: TextEncoding) -> &'static [u8] {
    match e {
        TextEncoding::Utf8Bom => &[0xEF, 0xBB, 0xBF],
        TextEncoding::Utf16LeBom => &[0xFF, 0xFE],
        TextEncoding::Utf16BeBom => &[0xFE, 0xFF],
        _ => &[],
    }
}

fn plain(text: &str, encoding: TextEncoding, line_ending: LineEnding) -> Vec<u8> {
    if encoding == TextEncoding::Gb18030 {
        // One piece alone may look like UTF-8 (`D0 B2`), which `encode` refuses for a page.
        let ending = match line_ending {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
            LineEnding::Cr => "\r",
        };
        return encoding_rs::GB18030
            .encode(&text.replace('\n', ending))
            .0
            .into_owned();
    }
    text::encode(
        text,
        TextFormat {
            encoding: bare(encoding),
            line_ending,
        },
    )
    .expect("encodes")
}

/// The page: its bytes, and each piece's text range and bytes.
fn build(
    pieces: &[Piece],
    encoding: TextEncoding,
    cr_page: bool,
) -> (Vec<u8>, Vec<(Range<usize>, Vec<u8>)>) {
    let mut bytes = bom(encoding).to_vec();
    let mut units = Vec::new();
    let mut at = 0;
    for p in pieces {
        if let Piece::Text(t) = p {
            // One unit per character: an edit inside a piece leaves the rest of it.
            for c in t.chars() {
                let b = plain(c.encode_utf8(&mut [0; 4]), encoding, LineEnding::Lf);
                bytes.extend_from_slice(&b);
                units.push((at..at + c.len_utf8(), b));
                at += c.len_utf8();
            }
            continue;
        }
        let (len, b) = match p {
            Piece::Text(_) => unreachable!(),
            Piece::Newline(crlf) => {
                let ending = match (cr_page, crlf) {
                    (true, _) => LineEnding::Cr,
                    (false, true) => LineEnding::CrLf,
                    (false, false) => LineEnding::Lf,
                };
                (1, plain("\n", encoding, ending))
            }
            Piece::Euro(one_byte) if *one_byte && encoding == TextEncoding::Gb18030 => {
                ("€".len(), vec![0x80])
            }
            Piece::Euro(_) => ("€".len(), plain("€", encoding, LineEnding::Lf)),
            Piece::Bad(b) => (4, vec![*b]),
        };
        bytes.extend_from_slice(&b);
        units.push((at..at + len, b));
        at += len;
    }
    (bytes, units)
}

fn usable(pieces: &[Piece], encoding: TextEncoding) -> Vec<Piece> {
    let utf8 = matches!(encoding, TextEncoding::Utf8 | TextEncoding::Utf8Bom);
    let good = pieces
        .iter()
        .filter(|p| matches!(p, Piece::Text(t) if !t.is_ascii()))
        .count();
    let mut bad_left = good / 8;
    pieces
        .iter()
        .filter(|p| match p {
            // Damaged UTF-8 only, and few enough bad bytes that the page is plainly UTF-8.
            Piece::Bad(_) if utf8 && bad_left > 0 => {
                bad_left -= 1;
                true
            }
            Piece::Bad(_) => false,
            _ => true,
        })
        .cloned()
        .collect()
}

/// False when the page did not read as `encoding` (not checked).
fn check_round_trip(
    pieces: &[Piece],
    encoding: TextEncoding,
    cr_page: bool,
    mask: &[bool],
) -> bool {
    let pieces = usable(pieces, encoding);
    let (bytes, units) = build(&pieces, encoding, cr_page);
    let Ok(read) = text::decode(&bytes) else {
        // A piece mix that reads as another encoding (tiny pages) is not this test's.
        return false;
    };
    if read.format.encoding != encoding {
        return false;
    }
    let expected_text: String = pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) => (*t).to_owned(),
            Piece::Newline(_) => "\n".to_owned(),
            Piece::Euro(_) => "€".to_owned(),
            Piece::Bad(b) => char::from_u32(text::RAW_BYTE_BASE + u32::from(*b))
                .unwrap()
                .to_string(),
        })
        .collect();
    assert_eq!(read.text, expected_text, "decoded text");
    // Nothing applied: the file comes back exactly.
    assert_eq!(
        text::encode_exact(&read.text, read.format, &read.details).unwrap(),
        bytes,
        "unchanged page"
    );

    let findings = engine::check(&read.text, &Settings::default());
    for e in findings.iter().flat_map(|f| f.edits.iter()) {
        assert!(
            !read.text[e.range_bytes.clone()]
                .chars()
                .any(|c| text::raw_byte(c).is_some()),
            "a fix would remove an undecodable byte"
        );
    }
    let chosen: Vec<&Edit> = findings
        .iter()
        .enumerate()
        .filter(|(i, _)| mask.get(i % mask.len().max(1)).copied().unwrap_or(true))
        .flat_map(|(_, f)| f.edits.iter())
        .collect();
    let change = ChangeSet::non_overlapping(chosen);
    let new_text = change.apply(&read.text).unwrap();
    let mut details = read.details.clone();
    details.rebase(
        &read.text,
        change
            .edits()
            .iter()
            .map(|e| (e.range_bytes.clone(), e.insert.as_str())),
    );
    let Ok(out) = text::encode_exact(&new_text, read.format, &details) else {
        return true; // GB18030 that would read as UTF-8: refused, tested elsewhere
    };

    // Expected: untouched pieces as they were, each edit's text in the page's form.
    let mut expected = bom(encoding).to_vec();
    let mut edits = change.edits().iter().peekable();
    for (range, b) in &units {
        while let Some(e) = edits.next_if(|e| e.range_bytes.start <= range.start) {
            expected.extend(plain(&e.insert, encoding, read.format.line_ending));
        }
        let touched = change
            .edits()
            .iter()
            .any(|e| e.range_bytes.start < range.end && range.start < e.range_bytes.end);
        if !touched {
            expected.extend_from_slice(b);
        }
    }
    for e in edits {
        expected.extend(plain(&e.insert, encoding, read.format.line_ending));
    }
    assert_eq!(
        out, expected,
        "{encoding:?}: untouched bytes must come back as they were"
    );
    true
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn untouched_bytes_come_back_identical(
        pieces in prop::collection::vec(piece(), 0..120),
        cr_page in prop::bool::weighted(0.1),
        mask in prop::collection::vec(any::<bool>(), 1..16),
    ) {
        for encoding in ENCODINGS {
            check_round_trip(&pieces, encoding, cr_page, &mask);
        }
    }
}

/// The cases of the issue, spelled out.
#[test]
fn issue_cases() {
    use Piece::*;
    // GBK € and nothing to fix: 0x80 stays 0x80.
    assert!(check_round_trip(
        &[Text("价格"), Euro(true), Text("五元。"), Newline(false)],
        TextEncoding::Gb18030,
        false,
        &[true]
    ));
    // 85 LF lines and one CRLF line.
    let mut mixed = Vec::new();
    for _ in 0..85 {
        mixed.extend([Text("本报讯（记者 王晨）"), Newline(false)]);
    }
    mixed.extend([Text("社区。"), Newline(true)]);
    assert!(check_round_trip(&mixed, TextEncoding::Utf8, false, &[true]));
    // A damaged UTF-8 page.
    let mut damaged = vec![
        Text("本报讯（记者 王晨）"),
        Bad(0xFF),
        Text("社区 ,文明"),
        Newline(false),
    ];
    damaged.extend([Text("创建。"), Newline(false)]);
    assert!(check_round_trip(
        &damaged,
        TextEncoding::Utf8,
        false,
        &[true]
    ));
}
