//! The layout model: how printed column lines group into paragraphs.
//!
//! OCR gives one line per printed column line. An editor reading the print decides
//! where a paragraph ends from a few cues, and so does this module:
//! - a line that stops mid-sentence (no 。！？ at its end) usually continues;
//! - a paragraph's last line is usually *short* for its column and ends a sentence;
//! - the first line of a paragraph is indented, hence a little shorter;
//! - headlines, bylines, author lines and photo credits stand alone;
//! - blank lines weigh by how well they match paragraph breaks on this page.
//!
//! Roles (headline, byline, credit) and certainties (a number split by the column,
//! an explicit indent, a list marker after a sentence) are decided by rules; every
//! other break between two body lines is decided by one score over all the cues at
//! once ([`super::break_model`]), measured in the page's own measure (squeezed or
//! full-width punctuation, [`Column::squeezed`]).
//!
//! Column widths vary across a page (a narrow sidebar beside wide articles), so
//! "short" is measured against neighbouring lines, not a global width.

use std::ops::Range;

use super::break_model::{self, Cues};
use super::char_class::CharClass;
use crate::page::Geometry;
use crate::text::chars::{is_closing, is_han, is_hspace, is_opening, is_sentence_end};

/// What a line is on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Blank,
    /// Running text (possibly starting with a run-in byline `本报讯（记者 王晨）近日，…`).
    Body,
    Headline,
    /// A byline, author line or photo credit standing on its own line.
    Byline,
}

/// How a line's text ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// Ends a sentence: `。` `！` `？` `…`, possibly followed by closing quotes.
    Sentence,
    /// Ends in `：` — a quotation or list may follow in the same paragraph.
    Colon,
    /// Ends in `，` `、` `；` — certainly mid-sentence.
    Clause,
    /// Ends in a character or an unfinished quotation — mid-sentence too.
    Open,
}

#[derive(Clone, Debug)]
pub struct Line {
    /// Bytes of the whole line, without its `\n`.
    pub range: Range<usize>,
    /// Bytes of the line without leading and trailing horizontal space.
    pub content: Range<usize>,
    /// Printed width in ems (see [`print_width`]).
    pub width: f32,
    pub role: Role,
    pub ending: Ending,
    /// Starts a new article (`本报讯…`): always a paragraph start.
    pub starts_article: bool,
    pub(super) last: char,
    han_count: u32,
    char_count: u32,
    pub(super) has_han_space_han: bool,
    /// Starts with an enumerating opener and a comma: `其次，` `第二，` continue an
    /// enumeration and open a paragraph after a sentence end, even when OCR lost the
    /// indent or the print set none; `首先，` `第一，` `最后，` are found as often inside
    /// a paragraph (the break model weighs them).
    pub(super) opener: Opener,
    /// Starts with an explicit indent (an ideographic space or two spaces): some
    /// OCR engines keep the print's first-line indent this way.
    pub indented: bool,
    /// Starts with a list marker (`一、` `（二）` `3.` `(4)`): a paragraph of its own.
    pub enumerates: bool,
    /// How often a glyph repeats the one before it (`人人`: once; `，，，`: twice).
    pub pairs: u32,
    /// A mark never doubled in correct text (`，` `。` `“`…) comes twice in a row somewhere.
    pub repeats_mark: bool,
    /// Horizontal space inside the content.
    pub has_space: bool,
    /// An ASCII `, . : ; ? ! ( )` somewhere (`halfwidth-punct` looks at no other line).
    pub has_ascii_punct: bool,
    /// An opening or closing mark somewhere (quotes, brackets).
    pub has_bracket: bool,
    /// A credit or dateline standing for a paragraph's end: the line is `（李明）`,
    /// `（本报北京3月5日电）`, or the rest `李明）` of one whose `（` dangles above.
    pub credit: bool,
    /// Ends a sentence and opens a credit's bracket: `…满意度明显提升。（`.
    pub dangling: bool,
    /// Holds clause or sentence punctuation (only looked at for unpunctuated endings:
    /// a headline has none).
    pub punctuated: bool,
    /// The first glyph (for tokens split by the column: `300⏎0`, `iPh⏎one`).
    pub first: char,
    /// Width (ems) of the word of Latin letters or digits the line starts with
    /// (`Debian`, `2020`, `debian-cd`; 0 for none). Such a word is not broken: where
    /// it did not fit at the end of the line above, that line stops short without
    /// ending its paragraph.
    pub lead_word: f32,
    /// Continues the headline on the line above: a headline set in large type wraps
    /// over several lines, which are one paragraph (see [`headline_blocks`]).
    pub continues_headline: bool,
    /// A byline that is a dateline lead, `本报讯（记者 王晨）`, alone on its line. Print
    /// runs it into the first paragraph; alone it is either a byline set apart or a
    /// run-in lead the column happened to break right after (the next line tells).
    pub(super) lead_alone: bool,
    /// Glyph size against the page's body text, where boxes tell it (0: unknown).
    pub size: f32,
    /// Full-width marks counted at half an em in `width` (0 once geometry measured
    /// the line: its width is then the box's).
    pub punct: u32,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.role == Role::Blank
    }

    /// Printed width with every full-width mark at a whole em, as unsqueezed print
    /// sets them (`width` counts them at half an em, as squeezed print does).
    pub fn full_width(&self) -> f32 {
        self.width + 0.5 * self.punct as f32
    }

    /// Whether every glyph could come in pairs, as in a fake-bold line read twice
    /// (`基基本本规规定定`): a necessary condition, from counts alone. A Han character
    /// never stands single in such a line, and a run of `2k` equal glyphs holds
    /// `2k - 1` repeats, so the Han characters number at most twice the repeats.
    pub fn could_be_fake_bold(&self) -> bool {
        self.pairs > 0 && self.han_count <= 2 * self.pairs
    }
}

/// Lines and the paragraphs they form.
#[derive(Clone, Debug)]
pub struct Layout {
    pub lines: Vec<Line>,
    /// Paragraphs as ranges of indices into `lines` (first and last non-blank line inclusive).
    pub paragraphs: Vec<Range<usize>>,
    /// True when this page's blank lines were found to mark paragraph breaks.
    pub blank_lines_mark_paragraphs: bool,
    /// What the line scan noticed on the way, for the rules.
    pub landmarks: Landmarks,
}

/// A run of horizontal space strictly inside a line's content, with the glyphs on
/// either side of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpaceRun {
    pub range: Range<usize>,
    pub before: char,
    pub after: char,
}

/// Where the characters some rules look for sit, noted by the line scan (which
/// decodes every character anyway) so that no rule decodes the whole text again.
/// Every list is in text order.
#[derive(Clone, Debug, Default)]
pub struct Landmarks {
    pub space_runs: Vec<SpaceRun>,
    /// Byte offsets of ASCII `, . : ; ? ! ( )` in line content.
    pub ascii_punct: Vec<usize>,
    /// Byte offsets of opening and closing marks (quotes, brackets) in line content.
    pub brackets: Vec<usize>,
}

/// Reads one landmark list (in text order, each entry at byte offset `at(entry)`)
/// range by range, for rules that visit lines or paragraphs in page order: each
/// call resumes where the last stopped, so a whole page costs one walk of the list
/// (a binary search per line spends its time waiting on memory).
pub struct Cursor<'a, T, F> {
    list: &'a [T],
    next: usize,
    at: F,
}

impl<'a, T, F: Fn(&T) -> usize> Cursor<'a, T, F> {
    pub fn new(list: &'a [T], at: F) -> Self {
        Cursor { list, next: 0, at }
    }

    /// The entries inside `range`. Ranges asked for must not go back up the page
    /// (if one does, the search starts over: still right, only slower).
    pub fn within(&mut self, range: Range<usize>) -> &'a [T] {
        let list = self.list;
        let at = &self.at;
        if self.next > 0 && at(&list[self.next - 1]) >= range.start {
            self.next = list.partition_point(|x| at(x) < range.start);
        }
        let mut from = self.next;
        while from < list.len() && at(&list[from]) < range.start {
            from += 1;
        }
        let mut to = from;
        while to < list.len() && at(&list[to]) < range.end {
            to += 1;
        }
        self.next = to;
        &list[from..to]
    }
}

const BYLINE_HEADS: [&str; 14] = [
    "本报讯",
    "本报记者",
    "本报通讯员",
    "本报特约记者",
    "记者",
    "通讯员",
    "见习记者",
    "实习记者",
    "新华社",
    "特约记者",
    "实习生",
    "文/图",
    "图/文",
    "文图",
];
/// Boxes and bullets that may lead a byline: `■本报记者 王晨`.
const BYLINE_BULLETS: [char; 11] = ['■', '□', '●', '○', '◆', '◇', '▲', '★', '☆', '◎', '·'];
const ARTICLE_HEADS: [&str; 4] = ["本报讯", "本报记者", "新华社", "本报综合"];
/// A line's enumerating opener, if it starts with one (see [`Line::opener`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opener {
    None,
    /// `首先，` `第一，` `一是，` `最后，`.
    Other,
    /// `其次，` `再次，` `第二，` … `四是，`.
    Next,
}

/// Enumerating openers, each two Han characters, and whether it continues an
/// enumeration.
const OPENERS: [(&str, bool); 12] = [
    ("首先", false),
    ("第一", false),
    ("一是", false),
    ("其次", true),
    ("再次", true),
    ("最后", false),
    ("第二", true),
    ("第三", true),
    ("第四", true),
    ("二是", true),
    ("三是", true),
    ("四是", true),
];
// `opener_of` relies on every opener being two Han characters.
const _: () = {
    let mut i = 0;
    while i < OPENERS.len() {
        assert!(OPENERS[i].0.len() == 6);
        i += 1;
    }
};

impl Layout {
    pub fn analyze(text: &str) -> Layout {
        Layout::analyze_with(text, None)
    }

    /// Like [`Layout::analyze`], with the lines' boxes where the page came with
    /// them (structured OCR, PDF). Geometry is used only when it describes this
    /// very text (one entry per line); where it and the text disagree about a
    /// line's width, indent or size, geometry wins.
    pub fn analyze_with(text: &str, geometry: Option<&Geometry>) -> Layout {
        Layout::analyze_traced(text, geometry, None)
    }

    /// [`Layout::analyze_with`], noting for every line break what decided it (for
    /// the evaluation's break dump, `examples/breaks.rs`).
    #[doc(hidden)]
    pub fn analyze_traced(
        text: &str,
        geometry: Option<&Geometry>,
        trace: Option<&mut Vec<BreakTrace>>,
    ) -> Layout {
        let mut landmarks = Landmarks::default();
        let mut lines = scan_lines(text, &mut landmarks);
        let measured = geometry
            .filter(|g| g.lines.len() == lines.len())
            .and_then(|g| super::geometry_layout::measure(text, &mut lines, g));
        classify_roles(text, &mut lines);
        let mut widths = LocalWidths::new(&lines);
        if let Some(m) = &measured {
            widths.pin(m);
        }
        let titles = classify_titles(text, &mut lines, &widths);
        if !titles.is_empty() {
            widths.update(&lines, &titles);
            if let Some(m) = &measured {
                widths.pin(m);
            }
        }
        let first = decide(&lines, &widths, false, None);
        let reliable = blank_lines_are_reliable(&lines, &first);
        let joins = if reliable {
            decide(&lines, &widths, true, trace)
        } else {
            if let Some(t) = trace {
                decide(&lines, &widths, false, Some(t));
            }
            first
        };
        let paragraphs = group(&lines, &joins);
        Layout {
            lines,
            paragraphs,
            blank_lines_mark_paragraphs: reliable,
            landmarks,
        }
    }

    /// The layout of text whose paragraphs were already decided: every non-blank
    /// line is a paragraph. `fix` decides paragraphs once, on the page as given;
    /// its later passes read the joined text with this, so no rule re-decides a
    /// break (a quote pairing across a break the first pass kept would turn a
    /// mark round on the second pass; found by fuzzing). Roles are classified as
    /// usual: the rules that read them (headlines, bylines) see the same lines.
    pub fn settled(text: &str) -> Layout {
        let mut landmarks = Landmarks::default();
        let mut lines = scan_lines(text, &mut landmarks);
        classify_roles(text, &mut lines);
        let paragraphs = group(&lines, &vec![false; lines.len()]);
        Layout {
            lines,
            paragraphs,
            blank_lines_mark_paragraphs: false,
            landmarks,
        }
    }

    /// Index of the paragraph that contains line `i`, if any.
    pub fn paragraph_of_line(&self, i: usize) -> Option<usize> {
        let p = self.paragraphs.partition_point(|r| r.end <= i);
        self.paragraphs.get(p).filter(|r| r.contains(&i)).map(|_| p)
    }

    /// Byte range of a paragraph, from its first character to its last.
    pub fn paragraph_bytes(&self, p: usize) -> Range<usize> {
        let r = &self.paragraphs[p];
        self.lines[r.start].content.start..self.lines[r.end - 1].content.end
    }
}

/// Bylines and headlines, from the lines alone (before any column is measured).
fn classify_roles(text: &str, lines: &mut [Line]) {
    classify_bylines(text, lines);
    classify_headlines(lines);
    headline_blocks(text, lines);
}

fn scan_lines(text: &str, landmarks: &mut Landmarks) -> Vec<Line> {
    // Column lines run 20–40 bytes; over-reserving is cheaper than regrowing.
    let mut lines = Vec::with_capacity(text.len() / 24 + 1);
    let mut start = 0;
    let bytes = text.as_bytes();
    loop {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(text.len(), |i| start + i);
        lines.push(scan_line(text, start..end, landmarks));
        if end >= text.len() {
            break;
        }
        start = end + 1;
    }
    lines
}

/// Reads main-block Han (U+4E00–U+9FFF: three bytes from E4 B8 80 to E9 BF BF) from
/// byte `start` of `bytes` (valid UTF-8, `start` on a character boundary) until
/// something else comes. Returns where the stretch ends, how often a character
/// repeats the one before it (the first compared with `prev`), and the last
/// character's key. Characters are compared as [`key`]s, undecoded: this loop is
/// where a page's time goes.
#[inline]
fn han_stretch(bytes: &[u8], start: usize, mut prev: u32) -> (usize, u32, u32) {
    let mut i = start;
    let mut pairs = 0u32;
    while let Some(&[b0, b1, b2]) = bytes.get(i..i + 3) {
        if !(0xE4..=0xE9).contains(&b0) || (b0 == 0xE4 && b1 < 0xB8) {
            break;
        }
        let key = u32::from_le_bytes([b0, b1, b2, 0]);
        pairs += u32::from(key == prev);
        prev = key;
        i += 3;
    }
    (i, pairs, prev)
}

/// A character as its UTF-8 bytes packed into a `u32` (little-endian, zero-padded):
/// equal keys are equal characters, and no key is `u32::MAX` (no UTF-8 byte is FF).
#[inline]
fn key(bytes: &[u8]) -> u32 {
    match *bytes {
        [a] => u32::from(a),
        [a, b] => u32::from_le_bytes([a, b, 0, 0]),
        [a, b, c] => u32::from_le_bytes([a, b, c, 0]),
        [a, b, c, d, ..] => u32::from_le_bytes([a, b, c, d]),
        [] => 0,
    }
}

/// The character a [`key`] stands for (`' '` for none).
fn key_char(key: u32) -> char {
    let [b0, b1, b2, b3] = key.to_le_bytes().map(u32::from);
    let c = match b0 {
        0..0x80 => b0,
        0xC0..0xE0 => (b0 & 0x1F) << 6 | (b1 & 0x3F),
        0xE0..0xF0 => (b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F),
        0xF0..0xF8 => (b0 & 0x07) << 18 | (b1 & 0x3F) << 12 | (b2 & 0x3F) << 6 | (b3 & 0x3F),
        _ => u32::from(' '),
    };
    char::from_u32(c).unwrap_or(' ')
}

fn scan_line(text: &str, range: Range<usize>, landmarks: &mut Landmarks) -> Line {
    let s = &text[range.clone()];
    let s_trim_end = s.trim_end_matches(|c: char| is_hspace(c) || c == '\r');
    let s_trim = s_trim_end.trim_start_matches(is_hspace);
    let content_start = range.start + (s_trim_end.len() - s_trim.len());
    let content = content_start..content_start + s_trim.len();
    // Main-block Han (one em each); other characters, their width in half ems, and
    // the Han among them. Spaces count for nothing, so that removing OCR's stray
    // spaces never changes how the page's lines are judged (fixing stays idempotent).
    let mut han_count = 0u32;
    let mut other_count = 0u32;
    let mut other_half_ems = 0u32;
    let mut other_han_count = 0u32;
    let mut has_han_space_han = false;
    // The previous character as a [`key`] (`NONE` before the first).
    const NONE: u32 = u32::MAX;
    let mut prev = NONE;
    let mut prev_was_space_after_han = false;
    let mut pairs = 0u32;
    let mut punct = 0u32;
    let mut repeats_mark = false;
    let mut has_space = false;
    let mut has_ascii_punct = false;
    let mut has_bracket = false;
    // A space run in progress: where it started (`usize::MAX`: none) and the
    // glyph before it. Plain integers keep the Han path below to a few registers.
    let mut space_from = usize::MAX;
    let mut space_before = ' ';
    let base = content.start;
    let bytes = s_trim.as_bytes();
    let mut next = 0;
    while next < bytes.len() {
        let i = next;
        let b0 = bytes[i];
        // The bulk of a page is Han from the main block: settle a whole stretch of
        // them at once, from the bytes (the general path below gives the same
        // answer; `str::chars` would spend some thirty instructions on each).
        if (0xE4..=0xE9).contains(&b0) {
            let (end, stretch_pairs, last) = han_stretch(bytes, i, prev);
            if end > i {
                next = end;
                han_count += ((end - i) / 3) as u32;
                pairs += stretch_pairs;
                // After a space (rare): the run ends here. Only then can the space
                // have followed a Han character.
                if space_from != usize::MAX {
                    has_han_space_han |= prev_was_space_after_han;
                    prev_was_space_after_han = false;
                    landmarks.space_runs.push(SpaceRun {
                        range: base + space_from..base + i,
                        before: space_before,
                        after: key_char(key(&bytes[i..i + 3])),
                    });
                    space_from = usize::MAX;
                }
                prev = last;
                continue;
            }
        }
        let c = if b0 < 0x80 {
            char::from(b0)
        } else {
            // `i` is a char boundary: the loop steps by whole characters.
            s_trim[i..].chars().next().unwrap_or(' ')
        };
        next = i + c.len_utf8();
        let this = key(&bytes[i..next]);
        let class = CharClass::of(c);
        other_half_ems += class.half_ems();
        other_count += 1;
        if class.has(CharClass::CJK_PUNCT) && class.half_ems() == 1 {
            punct += 1;
        }
        if class.has(CharClass::SPACE) {
            has_space = true;
            // Rare: decode the character before.
            let before = key_char(prev);
            prev_was_space_after_han |= prev != NONE && is_han(before);
            if space_from == usize::MAX {
                // The content is trimmed: a space always has a glyph before it.
                space_from = i;
                space_before = before;
            }
            prev = this;
            continue;
        }
        if space_from != usize::MAX {
            landmarks.space_runs.push(SpaceRun {
                range: base + space_from..base + i,
                before: space_before,
                after: c,
            });
            space_from = usize::MAX;
        }
        if prev == this {
            pairs += 1;
            if class.has(CharClass::NEVER_DOUBLED) {
                repeats_mark = true;
                // A mark read twice is printed once: the ghost takes no width, so
                // that removing it never changes how the page's lines are judged.
                other_half_ems -= class.half_ems();
                if class.has(CharClass::CJK_PUNCT) && class.half_ems() == 1 {
                    punct = punct.saturating_sub(1);
                }
            }
        }
        if class.has(CharClass::ASCII_PUNCT) {
            has_ascii_punct = true;
            landmarks.ascii_punct.push(base + i);
        }
        if class.has(CharClass::BRACKET) {
            has_bracket = true;
            landmarks.brackets.push(base + i);
        }
        if class.has(CharClass::HAN) {
            other_han_count += 1;
            if prev_was_space_after_han {
                has_han_space_han = true;
            }
        }
        prev_was_space_after_han = false;
        prev = this;
    }
    // Whole and half numbers: the sum is exact (as a running `f32` sum was).
    let width = han_count as f32 + other_half_ems as f32 * 0.5;
    let char_count = han_count + other_count;
    let han_count = han_count + other_han_count;
    let last = s_trim.chars().next_back().unwrap_or(' ');
    let first = s_trim.chars().next().unwrap_or(' ');
    let credit = matches!(last, '）' | ')') && is_credit_line(s_trim);
    let dangling = matches!(last, '（' | '(') && {
        let before = s_trim[..s_trim.len() - last.len_utf8()].trim_end_matches(is_hspace);
        ending_of(before) == Ending::Sentence
    };
    let mut ending = ending_of(s_trim);
    if credit || (matches!(last, '）' | ')') && ending == Ending::Open && credit_tail(s_trim)) {
        ending = Ending::Sentence;
    }
    let punctuated = ending == Ending::Open
        && s_trim.contains([
            '，', '。', '、', '；', '：', '！', '？', ',', ';', ':', '!', '?', '“', '”',
        ]);
    let role = if s_trim.is_empty() {
        Role::Blank
    } else {
        Role::Body
    };
    Line {
        range,
        content,
        width,
        role,
        ending,
        starts_article: false,
        last,
        han_count,
        char_count,
        has_han_space_han,
        opener: opener_of(s_trim),
        indented: {
            let lead = &s[..s.len() - s.trim_start_matches(is_hspace).len()];
            lead.contains('\u{3000}') || lead.chars().count() >= 2
        },
        enumerates: starts_with_list_marker(s_trim),
        continues_headline: false,
        size: 0.0,
        punct,
        lead_alone: false,
        pairs,
        repeats_mark,
        has_space,
        has_ascii_punct,
        has_bracket,
        credit,
        dangling,
        punctuated,
        first,
        lead_word: lead_word_ems(s_trim),
    }
}

/// See [`Line::lead_word`]: a run of at least two ASCII letters or digits (or
/// full-width digits), with the marks that stay inside such a word (`-` `.` `_` `/`
/// `%` `:`), measured as the line's width is.
fn lead_word_ems(s: &str) -> f32 {
    let mut half_ems = 0u32;
    let mut n = 0;
    for c in s.chars() {
        let inside = c.is_ascii_alphanumeric()
            || ('０'..='９').contains(&c)
            || (n > 0 && matches!(c, '-' | '.' | '_' | '/' | '%' | ':'));
        if !inside {
            break;
        }
        half_ems += CharClass::of(c).half_ems();
        n += 1;
    }
    if n >= 2 { half_ems as f32 * 0.5 } else { 0.0 }
}

/// Whether a bracket group `（…）` holds a credit or dateline: short, no sentence inside,
/// not a list number (`（三）`).
fn is_credit_body(inner: &str) -> bool {
    let n = inner.chars().count();
    (2..=24).contains(&n)
        && !inner.contains(['，', '。', '；', '！', '？', ',', ';', '（', '('])
        && inner.chars().filter(|&c| is_han(c)).count() >= 2
}

/// `（李明）`, `（新华社记者 张华 摄）`, `（本报北京3月5日电）` on a line of its own, or
/// `李明）`: the rest of a credit whose `（` ended the line above.
fn is_credit_line(s: &str) -> bool {
    let body = s.trim_end_matches(['）', ')']);
    match body.strip_prefix(['（', '(']) {
        Some(inner) => is_credit_body(inner),
        None => {
            body.chars().count() <= 12
                && !body.contains(['（', '(', '〈', '《', '<', '【', '['])
                && !BYLINE_HEADS.iter().any(|h| body.starts_with(h))
                && is_credit_body(body)
        }
    }
}

/// `…满意度明显提升。（李明）`: a credit after the final punctuation.
fn credit_tail(s: &str) -> bool {
    let body = s.trim_end_matches(['）', ')']);
    let Some(open) = body.rfind(['（', '(']) else {
        return false;
    };
    let inner = &body[open + body[open..].chars().next().map_or(1, char::len_utf8)..];
    is_credit_body(inner) && ending_of(&body[..open]) == Ending::Sentence
}

/// `一、` `（二）` `3.` `4、` `(5)` `【六】`.
fn starts_with_list_marker(s: &str) -> bool {
    let numeral = |c: char| {
        c.is_ascii_digit()
            || matches!(
                c,
                '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
            )
    };
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if matches!(first, '（' | '(' | '【') {
        let inner: String = chars
            .by_ref()
            .take_while(|c| !matches!(c, '）' | ')' | '】'))
            .collect();
        return !inner.is_empty() && inner.chars().count() <= 3 && inner.chars().all(numeral);
    }
    if !numeral(first) {
        return false;
    }
    let rest = s.trim_start_matches(numeral);
    rest.len() < s.len() && s.len() - rest.len() <= 9 && rest.starts_with(['、', '．'])
        || (rest.starts_with('.')
            && !rest[1..].starts_with(|c: char| c.is_ascii_digit())
            && first.is_ascii_digit())
}

/// `其次，` `第一，`: a two-character marker, then a comma.
fn opener_of(s: &str) -> Opener {
    // Every opener is two Han characters (six bytes): look at the comma first.
    if s.as_bytes().get(6..9) != Some("，".as_bytes()) {
        return Opener::None;
    }
    match OPENERS.iter().find(|(o, _)| s.starts_with(o)) {
        Some((_, true)) => Opener::Next,
        Some((_, false)) => Opener::Other,
        None => Opener::None,
    }
}

fn ending_of(s: &str) -> Ending {
    let mut closed = false;
    for c in s.chars().rev() {
        if is_hspace(c) {
            continue;
        }
        if is_closing(c) {
            closed = true;
            continue;
        }
        // A half-width `.` after Chinese is a 。 waiting for its fix.
        let chinese_period = c == '.'
            && s.trim_end_matches(|x: char| is_hspace(x) || is_closing(x))
                .chars()
                .rev()
                .nth(1)
                .is_some_and(is_han);
        return if is_sentence_end(c) || chinese_period {
            Ending::Sentence
        } else if closed {
            Ending::Open
        } else if matches!(c, '：' | ':') {
            Ending::Colon
        } else if matches!(c, '，' | '、' | '；' | ',' | ';' | '—' | '-') || is_opening(c) {
            Ending::Clause
        } else {
            Ending::Open
        };
    }
    Ending::Open
}

/// A byline standing alone: `本报讯（记者 王晨 通讯员 张越）`, `记者 王晨 通讯员 曹文娟`,
/// `记者 王晨 摄`. Returns `None` for a line that merely starts like one.
fn byline_kind(s: &str) -> Option<bool> {
    // Nearly every line starts with something else: decide that from one char.
    let first = s.trim_start_matches(is_hspace).chars().next()?;
    if !BYLINE_BULLETS.contains(&first)
        && !matches!(
            first,
            '本' | '记' | '通' | '见' | '实' | '新' | '特' | '文' | '图'
        )
    {
        return None;
    }
    // Bylines are often led by a box or bullet: `■本报记者 王晨`.
    let s = s
        .trim_matches(is_hspace)
        .trim_start_matches(BYLINE_BULLETS)
        .trim_start_matches(is_hspace);
    if !s.starts_with(['本', '记', '通', '见', '实', '新', '特', '文', '图']) {
        return None;
    }
    let head = BYLINE_HEADS.iter().find(|h| s.starts_with(*h))?;
    let rest = &s[head.len()..];
    if rest.contains(['，', '。', '！', '？', '；', ',']) {
        // Starts like a byline but carries text: run-in if it opens an article.
        return ARTICLE_HEADS
            .iter()
            .any(|h| s.starts_with(h))
            .then_some(false);
    }
    let rest_trim = rest.trim_start_matches(is_hspace);
    // Names run on without a space (`本报记者王晨`, `新华社记者李华`,
    // `本报记者孙丽、周海涛`): a byline when nothing but names follows.
    let names: Vec<&str> = rest_trim.split(['、', '·']).collect();
    let named_head = matches!(
        *head,
        "记者"
            | "本报记者"
            | "本报通讯员"
            | "本报特约记者"
            | "特约记者"
            | "见习记者"
            | "实习记者"
            | "通讯员"
    ) || (*head == "新华社" && rest_trim.starts_with("记者"));
    if named_head
        && !rest_trim.is_empty()
        && !rest.starts_with(is_hspace)
        && names.iter().all(|n| {
            let n = n.strip_prefix("记者").unwrap_or(n);
            (2..=4).contains(&n.chars().count()) && n.chars().all(is_han)
        })
    {
        return Some(true);
    }
    // `本报讯（…）` alone on its line; one whose `（` OCR damaged (`本报讯《记者王晨)`)
    // is read as the run-in start it usually is.
    if rest_trim.starts_with(['（', '(']) {
        // `本报讯（…）`: standalone only if the bracket closes at the end of the line.
        let close = rest_trim.find(['）', ')', '》', '〉', '>']);
        return match close {
            Some(i) => {
                let after = rest_trim[i..].chars().skip(1).collect::<String>();
                if after.trim_matches(is_hspace).is_empty() {
                    Some(true)
                } else {
                    Some(false)
                }
            }
            None => Some(false),
        };
    }
    // `记者 王晨 通讯员 曹文娟` / `记者 王晨 摄`: words separated by spaces, each short.
    let words: Vec<&str> = rest_trim
        .split(is_hspace)
        .filter(|w| !w.is_empty())
        .collect();
    let separated = rest.starts_with(is_hspace) || rest.is_empty();
    if separated
        && !words.is_empty()
        && words
            .iter()
            .all(|w| w.chars().count() <= 5 && w.chars().all(|c| is_han(c) || c == '/' || c == '·'))
    {
        return Some(true);
    }
    ARTICLE_HEADS
        .iter()
        .any(|h| s.starts_with(h))
        .then_some(false)
}

fn classify_bylines(text: &str, lines: &mut [Line]) {
    for line in lines.iter_mut().filter(|l| !l.is_blank()) {
        match byline_kind(&text[line.content.clone()]) {
            Some(true) => {
                line.role = Role::Byline;
                line.starts_article = true;
                let s = text[line.content.clone()]
                    .trim_start_matches(BYLINE_BULLETS)
                    .trim_start_matches(is_hspace);
                line.lead_alone = s.starts_with("本报讯") && matches!(line.last, '）' | ')');
            }
            Some(false) => line.starts_article = true,
            None => {}
        }
    }
}

fn prev_nonblank(lines: &[Line], i: usize) -> Option<usize> {
    (0..i).rev().find(|&j| !lines[j].is_blank())
}

fn next_nonblank(lines: &[Line], i: usize) -> Option<usize> {
    (i + 1..lines.len()).find(|&j| !lines[j].is_blank())
}

/// A line that cannot be the middle of a sentence ended before it.
fn ends_block(lines: &[Line], i: Option<usize>) -> bool {
    match i {
        None => true,
        Some(j) => lines[j].role != Role::Body || lines[j].ending == Ending::Sentence,
    }
}

fn is_name_line(l: &Line) -> bool {
    l.role == Role::Body && (2..=4).contains(&l.char_count) && l.han_count == l.char_count
}

/// Headlines are the unpunctuated lines right above a byline (one or two of them),
/// and above an author-name line.
fn classify_headlines(lines: &mut [Line]) {
    for i in 0..lines.len() {
        if lines[i].is_blank()
            || lines[i].role != Role::Body
            || lines[i].ending == Ending::Sentence
            || lines[i].starts_article
        {
            continue;
        }
        if matches!(lines[i].last, '，' | '、' | '；' | ',') {
            continue;
        }
        let Some(n) = next_nonblank(lines, i) else {
            continue;
        };
        let above_byline = lines[n].role == Role::Byline || lines[n].starts_article;
        let above_author = is_name_line(&lines[n])
            && ends_block(lines, prev_nonblank(lines, i))
            && next_nonblank(lines, n).is_some_and(|m| lines[m].width > lines[n].width + 3.0);
        if !(above_byline || above_author) {
            continue;
        }
        lines[i].role = Role::Headline;
        if above_author {
            lines[n].role = Role::Byline;
        }
        // A two-line headline (main title over subtitle) above the byline.
        if let Some(p) = prev_nonblank(lines, i) {
            let pl = &lines[p];
            if pl.role == Role::Body
                && pl.ending != Ending::Sentence
                && !matches!(pl.last, '，' | '、' | '；' | ',')
                && !pl.starts_article
                && ends_block(lines, prev_nonblank(lines, p))
            {
                lines[p].role = Role::Headline;
            }
        }
    }
}

/// A headline set in large type wraps over several lines above its byline or article
/// start (`和动兰超⏎时加班发⏎生工伤，⏎…⏎本报讯（记者…`): everything between the end of
/// the article before and the byline is the headline. Runs of headline lines that
/// read as one wrapped headline (see [`wrapped`]) are one paragraph: every line but
/// the first is marked as continuing it. A main title over a subtitle stays two.
fn headline_blocks(text: &str, lines: &mut [Line]) {
    /// No headline wraps over more lines than this.
    const MAX_LINES: usize = 8;
    for i in 0..lines.len() {
        // (Blank lines first: looking ahead from each of a million blank lines would
        // be quadratic.)
        if lines[i].is_blank() {
            continue;
        }
        let Some(n) = next_nonblank(lines, i) else {
            continue;
        };
        let l = &lines[i];
        if !(lines[n].role == Role::Byline || lines[n].starts_article)
            || l.starts_article
            || !matches!(l.role, Role::Body | Role::Headline)
        {
            continue;
        }
        // Headline lines carry no sentence inside them, and are no list item or credit.
        let headline_ish = |l: &Line| {
            l.role == Role::Headline
                || (l.role == Role::Body
                    && !l.credit
                    && !l.enumerates
                    && !l.indented
                    && !text[l.content.clone()]
                        .trim_end_matches(is_closing)
                        .trim_end_matches(is_sentence_end)
                        .contains(is_sentence_end))
        };
        if !headline_ish(l) {
            continue;
        }
        // The last line may end in a question or an exclamation; only a block of
        // several lines shows that it is no paragraph's last line.
        let asks = l.ending == Ending::Sentence && matches!(l.last, '？' | '！' | '?' | '!');
        if l.ending == Ending::Sentence && !asks && l.role != Role::Headline {
            continue;
        }
        let mut run = vec![i];
        while run.len() < MAX_LINES {
            let Some(p) = prev_nonblank(lines, run[run.len() - 1]) else {
                break;
            };
            let pl = &lines[p];
            if pl.starts_article || pl.ending == Ending::Sentence || !headline_ish(pl) {
                break;
            }
            run.push(p);
        }
        run.reverse();
        let opens_block = match prev_nonblank(lines, run[0]) {
            None => true,
            Some(j) => {
                let b = &lines[j];
                b.role != Role::Body || b.ending == Ending::Sentence || b.credit
            }
        };
        let widths: Vec<f32> = run.iter().map(|&k| lines[k].width).collect();
        if opens_block && (lines[i].role == Role::Headline || wrapped(&widths)) {
            for &k in &run {
                lines[k].role = Role::Headline;
            }
        }
    }
    // Runs of headline lines (found above, from glyph size, or the two lines above a
    // byline) that wrap one headline. Lines of one measured glyph size are one
    // headline (a subtitle is set smaller), also past a question mark inside it.
    let same_size = |a: &Line, b: &Line| a.size > 0.0 && (a.size - b.size).abs() <= 0.15 * a.size;
    let mut i = 0;
    while i < lines.len() {
        if lines[i].role != Role::Headline {
            i += 1;
            continue;
        }
        let mut run = vec![i];
        let mut j = i;
        while let Some(n) = next_nonblank(lines, j).filter(|&n| lines[n].role == Role::Headline) {
            if lines[j].ending == Ending::Sentence && !same_size(&lines[j], &lines[n]) {
                break;
            }
            run.push(n);
            j = n;
        }
        let widths: Vec<f32> = run.iter().map(|&k| lines[k].width).collect();
        let one_size = run
            .windows(2)
            .all(|w| same_size(&lines[w[0]], &lines[w[1]]));
        if one_size || wrapped(&widths) {
            for &k in &run[1..] {
                lines[k].continues_headline = true;
            }
        }
        i = j + 1;
    }
}

/// Whether `s` opens a bracket or quote it does not close.
fn leaves_open(s: &str) -> bool {
    let mut depth = 0i32;
    for c in s.chars() {
        if is_opening(c) {
            depth += 1;
        } else if is_closing(c) && depth > 0 {
            depth -= 1;
        }
    }
    depth > 0
}

/// Whether headline lines of these widths are one headline wrapped at its column's
/// edge: at least three lines, every one but the last about as wide as the widest
/// (ink boxes and squeezed marks make them differ by a third), or a second line that
/// is only a remainder (half the first or less). Two lines of about one length are a
/// main title over a subtitle, which stay apart.
fn wrapped(widths: &[f32]) -> bool {
    match widths {
        [a, b] => *b <= 0.5 * a,
        [full @ .., _] if full.len() >= 2 => {
            let widest = full.iter().copied().fold(0.0f32, f32::max);
            full.iter().all(|&w| w >= 0.65 * widest)
        }
        _ => false,
    }
}

/// Short unpunctuated lines standing between paragraphs: section titles.
/// Returns the lines found, in page order.
fn classify_titles(text: &str, lines: &mut [Line], widths: &LocalWidths) -> Vec<usize> {
    let mut found = Vec::new();
    for i in 0..lines.len() {
        let l = &lines[i];
        if l.role != Role::Body
            || l.ending == Ending::Sentence
            || l.starts_article
            || matches!(l.ending, Ending::Clause | Ending::Colon)
        {
            continue;
        }
        let Some(w) = widths.around(i) else { continue };
        if l.width > 0.55 * w || !ends_block(lines, prev_nonblank(lines, i)) {
            continue;
        }
        // A first line that stops short because the next line's Latin word did not
        // fit (`ucf程序（在⏎Debian中…`), or that leaves a bracket or quote open,
        // runs on: no title. (A short title over a first line that opens with a
        // Latin word, `辨识磁盘⏎MS-DOS分区表…`, can fail the first test too: on
        // pages never tuned on it still gains four pages for each it loses.)
        let next = next_nonblank(lines, i).map(|n| &lines[n]);
        let word_did_not_fit =
            next.is_some_and(|n| n.lead_word > 0.0 && l.width + 2.0 + n.lead_word > w - 0.5);
        if word_did_not_fit || (l.has_bracket && leaves_open(&text[l.content.clone()])) {
            continue;
        }
        let next_long = next_nonblank(lines, i)
            .is_some_and(|n| lines[n].width >= 0.8 * w && lines[n].role == Role::Body);
        if next_long || l.has_han_space_han {
            lines[i].role = Role::Headline;
            found.push(i);
        }
    }
    found
}

/// Column width around each line, from the lines that certainly run to the column's
/// edge: body lines that stop mid-sentence.
struct LocalWidths {
    /// Evidence lines (index, width, width with marks at a full em), in page order.
    evidence: Vec<(usize, f32, f32)>,
    /// Section of each line: widths do not carry across a headline or byline.
    sections: Vec<u32>,
    at: Vec<Option<Column>>,
    /// Whether a column wider than any newspaper's may be measured: only where most
    /// lines run on (a book page). Prose set one paragraph per line has few lines
    /// that stop mid-sentence, and three of them agreeing in width by chance is no
    /// column.
    wide_ok: bool,
}

/// A column's width around one line.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// Width in ems, full-width marks at half an em (the measure of [`Line::width`]).
    pub half: f32,
    /// Width with marks at a full em.
    pub full: f32,
    /// The page's column lines agree better when their marks count half an em:
    /// the print squeezes punctuation (标点挤压), so that is the measure to use.
    pub squeezed: bool,
}

impl Column {
    /// How far line `l` falls short of this column, in the page's measure.
    pub fn shortfall(&self, l: &Line) -> f32 {
        if self.squeezed {
            self.half - l.width
        } else {
            self.full - l.full_width()
        }
    }
}

impl LocalWidths {
    const REACH_LINES: usize = 16;
    const SAMPLES_EACH_SIDE: usize = 3;
    /// No newspaper column is narrower than this (a sidebar runs 8–10 ems).
    const MIN_COLUMN_EMS: f32 = 7.0;

    fn new(lines: &[Line]) -> Self {
        let mut widths = LocalWidths {
            evidence: Vec::new(),
            sections: Vec::new(),
            at: Vec::new(),
            wide_ok: true,
        };
        widths.index(lines);
        // One sweep: the split point into the evidence, and the bounds of the
        // current section's evidence, only move forward.
        let (mut split, mut lo, mut hi) = (0, 0, 0);
        widths.at = (0..lines.len())
            .map(|i| {
                let ev = &widths.evidence;
                let section = widths.sections[i];
                while split < ev.len() && ev[split].0 < i {
                    split += 1;
                }
                while lo < ev.len() && widths.sections[ev[lo].0] < section {
                    lo += 1;
                }
                hi = hi.max(lo);
                while hi < ev.len() && widths.sections[ev[hi].0] == section {
                    hi += 1;
                }
                if lines[i].is_blank() {
                    None
                } else {
                    widths.compute(i, split, lo..hi)
                }
            })
            .collect();
        widths.settle_measure();
        widths
    }

    /// Decides once for the page whether its print squeezes punctuation: the
    /// measure in which more column lines agree with their column (a newspaper sets
    /// all its columns one way; a few lines are too few to tell).
    fn settle_measure(&mut self) {
        let (mut half, mut full) = (0usize, 0usize);
        for &(i, h, f) in &self.evidence {
            if let Some(c) = self.at[i] {
                half += usize::from((h - c.half).abs() <= 0.5);
                full += usize::from((f - c.full).abs() <= 0.5);
            }
        }
        let squeezed = half > full;
        for c in self.at.iter_mut().flatten() {
            c.squeezed = squeezed;
        }
    }

    /// Sections and evidence of `lines` (the widths themselves are left as they are).
    fn index(&mut self, lines: &[Line]) {
        // Widths do not carry across a headline or byline: the next article may be
        // set in another column.
        let mut section = 0u32;
        self.sections.clear();
        self.sections.extend(lines.iter().map(|l| {
            if matches!(l.role, Role::Headline | Role::Byline) {
                section += 1;
            }
            section
        }));
        self.evidence.clear();
        self.evidence.extend(
            lines
                .iter()
                .enumerate()
                .filter(|(_, l)| {
                    l.role == Role::Body
                        && matches!(l.ending, Ending::Clause | Ending::Open)
                        && !l.starts_article
                })
                .map(|(i, l)| (i, l.width, l.full_width())),
        );
        let body = lines.iter().filter(|l| l.role == Role::Body).count();
        self.wide_ok = self.evidence.len() as f32 >= 0.5 * body as f32;
    }

    /// After lines `changed` (sorted) became headlines: only the widths of lines
    /// within reach of one can change (a headline starts a section and is no
    /// evidence; pairs of lines on one side of it keep their relation), so only
    /// those are computed again.
    fn update(&mut self, lines: &[Line], changed: &[usize]) {
        self.index(lines);
        let mut next = 0;
        for &h in changed {
            let from = h.saturating_sub(Self::REACH_LINES).max(next);
            let to = (h + Self::REACH_LINES + 1).min(lines.len());
            for (i, line) in lines.iter().enumerate().take(to).skip(from) {
                self.at[i] = if line.is_blank() {
                    None
                } else {
                    let ev = &self.evidence;
                    let section = self.sections[i];
                    let split = ev.partition_point(|e| e.0 < i);
                    let lo = ev.partition_point(|e| self.sections[e.0] < section);
                    let hi = ev.partition_point(|e| self.sections[e.0] <= section);
                    self.compute(i, split, lo..hi)
                };
            }
            next = next.max(to);
        }
        self.settle_measure();
    }

    /// Takes the column widths the page's geometry measured, where it did.
    fn pin(&mut self, measured: &[Option<f32>]) {
        for (at, m) in self.at.iter_mut().zip(measured) {
            if let Some(w) = m {
                *at = Some(Column {
                    half: *w,
                    full: *w,
                    squeezed: false,
                });
            }
        }
    }

    /// Column width around line `i` (memoized for every line).
    fn around(&self, i: usize) -> Option<f32> {
        self.at.get(i).copied().flatten().map(|c| c.half)
    }

    /// The column around line `i`, in both measures.
    fn column(&self, i: usize) -> Option<Column> {
        self.at.get(i).copied().flatten()
    }

    /// How far the column changes between lines `a` and `b` (ems, in the page's
    /// measure): the median of the three nearest evidence lines up to `a` against the
    /// three from `b` on, within their sections. Articles side by side or one after
    /// another are set in columns of their own, so a step marks an article's edge.
    fn step(&self, a: usize, b: usize, squeezed: bool) -> Option<f32> {
        let ev = &self.evidence;
        let width = |e: &(usize, f32, f32)| if squeezed { e.1 } else { e.2 };
        // The middle of exactly three widths, with no allocation: this runs for
        // every break the model scores.
        fn median3(mut it: impl Iterator<Item = f32>) -> Option<f32> {
            let (x, y, z) = (it.next()?, it.next()?, it.next()?);
            Some(f32::max(f32::min(x, y), f32::min(f32::max(x, y), z)))
        }
        let up_to = ev.partition_point(|e| e.0 <= a);
        let from = ev.partition_point(|e| e.0 < b);
        let section = |i: usize| self.sections.get(i).copied();
        let above = ev[..up_to]
            .iter()
            .rev()
            .take_while(|e| section(e.0) == section(a))
            .map(width);
        let below = ev[from..]
            .iter()
            .take_while(|e| section(e.0) == section(b))
            .map(width);
        Some((median3(above)? - median3(below)?).abs())
    }

    /// Median width of the nearest evidence lines around line `i` (excluding `i`),
    /// from `section` (the indices of the evidence in `i`'s section); `split` is
    /// the first evidence index at or after line `i`.
    fn compute(&self, i: usize, split: usize, section: Range<usize>) -> Option<Column> {
        // The nearest evidence lines on either side, merged by distance (at a
        // section start all of them come from below). A plain two-pointer walk:
        // this runs for every line of the page.
        let mut buf = [0f32; 2 * Self::SAMPLES_EACH_SIDE];
        let mut full = [0f32; 2 * Self::SAMPLES_EACH_SIDE];
        let mut n = 0;
        let ev = &self.evidence;
        let at = split.clamp(section.start, section.end);
        // `below` is one past the next candidate going up the page; `above` the next going down.
        let (mut below, mut above) = (at, at);
        if above < section.end && ev[above].0 == i {
            above += 1;
        }
        let reach = Self::REACH_LINES;
        while n < buf.len() {
            let up =
                (below > section.start && i - ev[below - 1].0 <= reach).then(|| ev[below - 1].0);
            let down = (above < section.end && ev[above].0 - i <= reach).then(|| ev[above].0);
            let take_up = match (up, down) {
                (Some(jb), Some(ja)) => i - jb <= ja - i,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            if take_up {
                below -= 1;
                buf[n] = ev[below].1;
                full[n] = ev[below].2;
            } else {
                buf[n] = ev[above].1;
                full[n] = ev[above].2;
                above += 1;
            }
            n += 1;
        }
        if n < 2 {
            return None;
        }
        // Insertion sort: six values at most, all finite and non-negative (sums of
        // halves and wholes), so the plain comparison orders them totally.
        for sample in [&mut buf[..n], &mut full[..n]] {
            for k in 1..sample.len() {
                let mut j = k;
                while j > 0 && sample[j - 1] > sample[j] {
                    sample.swap(j - 1, j);
                    j -= 1;
                }
            }
        }
        let sample = &buf[..n];
        let median = sample[n / 2];
        // A column shows itself as several lines of (nearly) one width; clean prose,
        // whose few unpunctuated lines have any width, shows no column at all.
        let tolerance = 1.5 + 0.05 * median;
        let agreeing = sample
            .iter()
            .filter(|w| (**w - median).abs() <= tolerance)
            .count();
        // Three lines of one width make a column; on a short page, two will do.
        let enough = if sample.len() >= 3 {
            agreeing >= 3
        } else {
            agreeing == 2 && median >= Self::MIN_COLUMN_EMS + 2.0
        };
        let fits = median >= Self::MIN_COLUMN_EMS
            && (median <= MAX_COLUMN_EMS || (self.wide_ok && agreeing >= 3));
        (enough && fits).then_some(Column {
            half: median,
            full: full[n / 2],
            // Settled for the whole page once every column is known.
            squeezed: false,
        })
    }
}

/// Decides, for every non-blank line, whether it joins the previous non-blank line.
fn decide(
    lines: &[Line],
    widths: &LocalWidths,
    use_blanks: bool,
    mut trace: Option<&mut Vec<BreakTrace>>,
) -> Vec<bool> {
    let mut joins = vec![false; lines.len()];
    let mut prev: Option<usize> = None;
    // Widest line so far in the current paragraph (excluding the candidate end line).
    let mut par_width: f32 = 0.0;
    let mut par_full: f32 = 0.0;
    // The paragraph so far is an article's first line (`本报讯…`) and lines joined
    // to it where no column width is known: once joined they are one such line,
    // so they are judged as one (else each fix pass joins one more line, and
    // fixing fixed text changes it again; found by fuzzing).
    let mut head = false;
    // The paragraph so far is a headline (joined from a two-line one): it ends here.
    let mut in_headline = false;
    for b in 0..lines.len() {
        if lines[b].is_blank() {
            continue;
        }
        let Some(a) = prev else {
            prev = Some(b);
            par_width = 0.0;
            par_full = 0.0;
            head = lines[b].starts_article;
            continue;
        };
        let blanks = b - a - 1;
        let local = widths.around(a);
        let par = (par_width, par_full);
        let mut cues = None;
        let (la, lb) = (&lines[a], &lines[b]);
        let both_body = la.role == Role::Body && lb.role == Role::Body;
        let (join, why) = if lb.continues_headline {
            in_headline = true;
            (true, "continues-headline")
        } else if both_body
            && lb.credit
            && ((la.ending == Ending::Sentence && !la.credit) || la.dangling)
        {
            // A credit or dateline after the final punctuation stays with its paragraph.
            (true, "credit")
        } else if in_headline {
            (false, "after-headline")
        } else if la.lead_alone
            && blanks == 0
            && lb.role == Role::Body
            && !lb.starts_article
            && !lb.indented
            && widths.column(b).is_some_and(|c| c.shortfall(lb) <= 1.0)
        {
            // `本报讯（记者 崔梓）⏎SIP和XMPP可以提供相同的` where the next line runs to the
            // column's edge: it is no indented first line, so the lead was run in (a
            // blank line after it sets it apart).
            (true, "run-in lead")
        } else if let Some(w) = local.filter(|&w| {
            // A first line stops short of its indented width when the next line's
            // Latin word would not fit (`如果您进行一次⏎Debian默认安装`): no headline.
            let word_did_not_fit = lb.lead_word > 0.0 && la.width + lb.lead_word > w - 2.5;
            par_width == 0.0 && both_body && headline_like(la, w) && !word_did_not_fit
        }) {
            // A paragraph cannot start with an unpunctuated line of a width no first
            // line has (the column less its dropped 2-em indent): a headline, whose
            // second line, if any, is as unlike a first line. One wider than the column
            // is a headline when a first line follows it.
            if la.width > w {
                if first_line_like(lb, w) {
                    (false, "wide-headline")
                } else {
                    joins_with(
                        lines, a, b, blanks, par, widths, use_blanks, head, &mut cues,
                    )
                }
            } else {
                // A headline is cut into two lines of about one length, or inside
                // a Latin word or number (`如何使 Debi⏎an 系统…`): no line ends there.
                let split_word = la.last.is_ascii_alphanumeric()
                    && lb.first.is_ascii_alphanumeric()
                    && !lb.starts_article
                    && !lb.enumerates;
                let two = split_word
                    || (headline_like(lb, w)
                        && !lb.starts_article
                        && lb.width < w - 3.5
                        && (la.width - lb.width).abs() <= 3.0);
                in_headline = two;
                (two, "headline")
            }
        } else if par_width == 0.0 && both_body && two_line_title(lines, widths, a, b) {
            // Two short unpunctuated lines of about one length opening a block, a
            // paragraph's first line under them: a title the column cut in two.
            in_headline = true;
            (true, "two-line-title")
        } else {
            joins_with(
                lines, a, b, blanks, par, widths, use_blanks, head, &mut cues,
            )
        };
        joins[b] = join;
        if let Some(t) = trace.as_deref_mut() {
            t.push(BreakTrace {
                a,
                b,
                width: local,
                join,
                why,
                cues,
            });
        }
        if join {
            par_width = par_width.max(lines[a].width);
            par_full = par_full.max(lines[a].full_width());
            head &= local.is_none();
        } else {
            par_width = 0.0;
            par_full = 0.0;
            head = lines[b].starts_article;
            in_headline = false;
        }
        prev = Some(b);
    }
    joins
}

/// A paragraph's first line as OCR gives it: its 2-em indent dropped, so about two
/// ems short of the column (one with squeezed punctuation), and running on.
fn first_line_like(l: &Line, w: f32) -> bool {
    l.role == Role::Body
        && matches!(l.ending, Ending::Clause | Ending::Open)
        && l.width <= w - 1.0
        && l.width >= w - 3.5
}

/// Whether lines `a` and `b` (consecutive, `a` opening a block) are one title cut
/// in two by its column: both unpunctuated, narrower than a first line that lost
/// its 2-em indent, of about one length, with such a first line
/// ([`first_line_like`]), a byline, an article's start or nothing after them.
/// Wider than [`headline_like`] lets a one-line headline be: a title of two lines
/// fills more of its column, and the first line after it tells it from a
/// paragraph's end.
fn two_line_title(lines: &[Line], widths: &LocalWidths, a: usize, b: usize) -> bool {
    let (la, lb) = (&lines[a], &lines[b]);
    // Each line against the column around it: a title between two articles stands
    // where one column width ends and the next begins.
    let (Some(wa), Some(wb)) = (widths.around(a), widths.around(b)) else {
        return false;
    };
    let title_line = |l: &Line, w: f32| {
        unpunctuated_body(l)
            && !l.credit
            && l.lead_word == 0.0
            && l.char_count >= 4
            && l.width < w - 2.0
    };
    if !(title_line(la, wa) && title_line(lb, wb)) || (la.width - lb.width).abs() > 2.0 {
        return false;
    }
    if la.last.is_ascii_alphanumeric() || lb.first.is_ascii_alphanumeric() {
        return false; // a word or number the column split: no title's edge
    }
    match next_nonblank(lines, b) {
        None => true,
        Some(k) => {
            let n = &lines[k];
            n.starts_article
                || n.role == Role::Byline
                || widths.around(k).is_some_and(|w| first_line_like(n, w))
        }
    }
}

/// A body line that may be (part of) a headline: no punctuation, no list marker,
/// no article's start, no indent.
fn unpunctuated_body(l: &Line) -> bool {
    l.role == Role::Body
        && l.ending == Ending::Open
        && !l.punctuated
        && !l.enumerates
        && !l.starts_article
        && !l.indented
}

/// An unpunctuated line whose width fits no column line: not the column's width, nor a
/// first line's (two ems in, one more squeezed in), nor a last line's (it ends a sentence).
fn headline_like(l: &Line, w: f32) -> bool {
    unpunctuated_body(l) && l.char_count >= 2 && (l.width > w + 0.5 || l.width < w - 3.5)
}

#[allow(clippy::too_many_arguments)]
fn joins_with(
    lines: &[Line],
    a: usize,
    b: usize,
    blanks: usize,
    (par_width, par_full): (f32, f32),
    widths: &LocalWidths,
    use_blanks: bool,
    head: bool,
    cues_out: &mut Option<Cues>,
) -> (bool, &'static str) {
    let (la, lb) = (&lines[a], &lines[b]);
    let local = widths.column(a);
    if la.role != Role::Body || lb.role != Role::Body || lb.starts_article {
        return (false, "not-body");
    }
    let column = match local {
        // The median of the neighbours, not the paragraph's widest line: a line
        // with hanging punctuation (`。”` past the edge) is wider than the column.
        Some(c) => c,
        // `本报讯（记者 王晨）近日，开发区党` stops mid-word: it continues, whatever the column.
        None if head => return (matches!(la.ending, Ending::Open | Ending::Clause), "head"),
        // No paragraph of the corpus ends in `，` or `、` (0 of 4 239): a column line
        // ending so goes on, column width known or not. (Lines longer than any column
        // are prose set one paragraph per line, which is left alone.)
        // (`,` too: `fix` makes it `，`, and a second `fix` must decide alike.)
        None if matches!(la.last, '，' | '、' | ',')
            && la.width <= MAX_COLUMN_EMS
            && lb.width <= MAX_COLUMN_EMS =>
        {
            return (true, "comma");
        }
        None if par_width > 0.0 && par_width <= MAX_COLUMN_EMS => Column {
            half: par_width,
            full: par_full,
            squeezed: false,
        },
        None => return (false, "no-column"),
    };
    let w = column.half;
    // Lines far wider than the column are not column lines (clean prose, captions).
    let column_like = |l: &Line| l.width <= 1.6 * w + 3.0;
    if !column_like(la) || !column_like(lb) {
        return (false, "not-column-line");
    }
    let blank_break = use_blanks && blanks > 0;
    // A token the column split: `补助资金300⏎0、`, `增长87．⏎5％`, `iPh⏎one`.
    let digitish = |c: char| c.is_ascii_digit() || matches!(c, '０'..='９');
    if (digitish(la.last) && (digitish(lb.first) || matches!(lb.first, '．' | '.' | '%' | '％')))
        || (matches!(la.last, '．' | '.') && digitish(lb.first))
        || (la.last.is_ascii_alphabetic() && lb.first.is_ascii_lowercase())
    {
        return (true, "token");
    }
    // List markers open a paragraph only after a sentence, a colon or a list item's `；`.
    let after_sentence =
        matches!(la.ending, Ending::Sentence | Ending::Colon) || matches!(la.last, '；' | ';');
    if (lb.indented && !matches!(la.last, '，' | '、' | ',')) || (lb.enumerates && after_sentence)
    {
        return (false, "indent-or-list");
    }
    // A line that stops short because the next line's first word would not have fit
    // (`…之外。⏎Debian自身…`) is as good as full: its shortness says nothing. After a
    // full stop or colon only for a word that fills no more than a first line's
    // indent and a half: a paragraph's last line is often that much shorter, and
    // Latin widths are too loose to tell an indent under a long word.
    let word_did_not_fit = lb.lead_word > 0.0
        && la.width + lb.lead_word > w - 0.5
        && (matches!(la.ending, Ending::Open | Ending::Clause) || w - la.width <= 3.5);
    let a_width = if word_did_not_fit {
        la.width.max(w - 1.0)
    } else {
        la.width
    };
    // One or two glyphs with no mark after them are no column line (a column line
    // that stops mid-sentence is full): a fragment, a page number, a stray mark.
    // Joining fragments would also make a second `fix` join what the first left
    // (its output lines are whole paragraphs, which may be that short).
    if la.ending == Ending::Open && la.width <= 2.0 {
        return (false, "fragment");
    }
    // In generated pages `其次，` `第二，` after a sentence end open a paragraph 25
    // times in 26; where the print shows no indent nothing else tells (a model fitted
    // on pages that always show one learns no weight for it).
    if la.ending == Ending::Sentence && lb.opener == Opener::Next {
        return (false, "opener");
    }
    // `…赵怡霖说：⏎“三川…`: in the corpus a quotation after `：` is run into its
    // paragraph every time (27 of 27), and generated pages rarely break a line right
    // there, so the model has too few cases to learn it. A short line still ends
    // the paragraph, and so does a blank line where blank lines mark paragraphs.
    if la.ending == Ending::Colon
        && matches!(lb.first, '“' | '‘' | '"' | '「' | '『')
        && a_width > w - 2.0
        && !blank_break
    {
        return (true, "quotation");
    }
    let cues = break_model::cues(
        la,
        lb,
        &break_model::Context {
            step: widths.step(a, b, column.squeezed),
            column,
            a_first: par_width == 0.0,
            word_did_not_fit,
            blanks,
            blanks_trusted: use_blanks,
        },
    );
    let join = cues.score() > 0.0;
    *cues_out = Some(cues);
    (join, "score")
}

/// No newspaper column is wider than this many ems.
const MAX_COLUMN_EMS: f32 = 25.0;

/// What decided one line break (see [`Layout::analyze_traced`]).
#[doc(hidden)]
#[derive(Clone, Debug)]
pub struct BreakTrace {
    /// The line before the break and the next non-blank line.
    pub a: usize,
    pub b: usize,
    /// Column width (ems) around line `a`, where one was found.
    pub width: Option<f32>,
    pub join: bool,
    pub why: &'static str,
    /// The break model's features, where it was asked.
    pub cues: Option<Cues>,
}

/// On some pages blank lines fall at paragraph breaks and almost nowhere else; on
/// others (like column OCR) they fall anywhere. Learnt from the clear cases.
fn blank_lines_are_reliable(lines: &[Line], joins: &[bool]) -> bool {
    let (mut mid, mut mid_blank, mut brk, mut brk_blank) = (0u32, 0u32, 0u32, 0u32);
    let mut prev: Option<usize> = None;
    for b in 0..lines.len() {
        if lines[b].is_blank() {
            continue;
        }
        if let Some(a) = prev {
            let blank = b - a > 1;
            if joins[b] && matches!(lines[a].ending, Ending::Clause | Ending::Open) {
                mid += 1;
                mid_blank += u32::from(blank);
            } else if !joins[b]
                && lines[a].role == Role::Body
                && lines[a].ending == Ending::Sentence
            {
                brk += 1;
                brk_blank += u32::from(blank);
            }
        }
        prev = Some(b);
    }
    mid + brk >= 6 && mid_blank as f32 <= 0.05 * mid as f32 && brk_blank as f32 >= 0.6 * brk as f32
}

fn group(lines: &[Line], joins: &[bool]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.is_blank() {
            continue;
        }
        match out.last_mut() {
            Some(p) if joins[i] => p.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}
