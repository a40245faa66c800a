//! The text view's window on a huge page. egui's editor lays out every glyph of
//! its text, one galley row per wrapped row and a mesh per row: a 10 MB page
//! took 2.2 GB. Above [`WINDOWED_ABOVE_BYTES`] the editor is given only a window
//! of the page around what is in sight (a few blocks, at most
//! [`MAX_WINDOW_BLOCKS`]), and the rest of the page is empty space of the height
//! it would take, estimated until a block has been laid out once.
//!
//! Blocks are cut by content, at a line end once big enough, so typing moves no
//! cut but the one of its own block. A line longer than [`BLOCK_MAX_BYTES`] is cut
//! after a full stop (or anywhere at a character boundary): the only visible sign
//! is a wrap there. The document's bytes are never touched by any of this; the
//! editor edits the page through [`WindowBuffer`], which maps the window's
//! character offsets to the page's.

use std::collections::HashMap;
use std::ops::Range;

use eframe::egui::{
    TextBuffer,
    text::{ByteIndex, CharIndex},
};

/// Pages up to this size are laid out whole (as ever); above it, windowed.
pub const WINDOWED_ABOVE_BYTES: usize = 2 * 1024 * 1024;
/// A block ends at the first line end at or past this size…
pub const BLOCK_TARGET_BYTES: usize = 16 * 1024;
/// …and never grows past this one (a longer line is cut inside).
pub const BLOCK_MAX_BYTES: usize = 32 * 1024;
/// The most blocks the editor is given at once: bounds its layout at
/// `MAX_WINDOW_BLOCKS * BLOCK_MAX_BYTES` bytes whatever the font size.
pub const MAX_WINDOW_BLOCKS: usize = 12;

/// One block of the page: `range` holds its bytes; a block cut at a line end
/// leaves the `\n` between itself and the next block out of both (as
/// `Galley::concat` expects), a block cut inside a line leaves nothing out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub range: Range<usize>,
    pub ends_line: bool,
}

/// The blocks of `text`, in order, covering it but for the newlines between
/// blocks that end a line. Each block depends only on the text from its start,
/// so the blocks of a window (cut from the window's own text) are the page's.
pub fn blocks(text: &str) -> Vec<Block> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut p = 0;
    loop {
        let rest = &bytes[p..];
        let window = &rest[..rest.len().min(BLOCK_MAX_BYTES)];
        // At the first line end past the target; else, if more follows than a
        // block holds, at the last line end in reach, or after the last full stop
        // in the second half, or at a character boundary. (A window's last block
        // thus ends where the page's does: nothing past its end decides its cut.)
        let past_target = window
            .get(BLOCK_TARGET_BYTES - 1..)
            .and_then(|w| memchr::memchr(b'\n', w))
            .map(|i| i + BLOCK_TARGET_BYTES - 1);
        if past_target.is_none() && rest.len() <= BLOCK_MAX_BYTES {
            out.push(Block {
                range: p..text.len(),
                ends_line: false,
            });
            return out;
        }
        let newline = past_target.or_else(|| memchr::memrchr(b'\n', window));
        let (end, next, ends_line) = match newline {
            Some(nl) => (p + nl, p + nl + 1, true),
            None => {
                let half = BLOCK_MAX_BYTES / 2;
                let stop = memchr::memmem::rfind(&window[half..], "。".as_bytes())
                    .map(|i| half + i + "。".len());
                let mut cut = p + stop.unwrap_or(BLOCK_MAX_BYTES);
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                (cut, cut, false)
            }
        };
        out.push(Block {
            range: p..end,
            ends_line,
        });
        p = next;
    }
}

/// What an estimate needs to know of the style.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metrics {
    pub wrap_width: f32,
    pub row_height: f32,
    /// Advance of a CJK character and of an ASCII one.
    pub wide: f32,
    pub narrow: f32,
}

/// Height of `text` laid out: each line's width over the wrap width, rounded up.
/// An estimate (wrapping at word boundaries loses a little), replaced by the
/// real height once the block has been laid out.
pub fn estimate_height(text: &str, m: &Metrics) -> f32 {
    let wrap = m.wrap_width.max(m.wide).max(1.0);
    let rows: f32 = text
        .split('\n')
        .map(|line| {
            let (mut wide, mut narrow) = (0usize, 0usize);
            for &b in line.as_bytes() {
                if b < 0x80 {
                    narrow += 1;
                } else if b >= 0xC0 {
                    wide += 1;
                }
            }
            let w = wide as f32 * m.wide + narrow as f32 * m.narrow;
            (w / wrap).ceil().max(1.0)
        })
        .sum();
    rows * m.row_height
}

/// The blocks of the page now shown, with their heights (real ones for blocks
/// laid out since the text or style last changed them, estimates for the rest).
#[derive(Default)]
pub struct Layout {
    /// The text the blocks were cut from (to find what an edit changed).
    text: String,
    metrics: Option<Metrics>,
    pub blocks: Vec<Block>,
    heights: Vec<f32>,
    measured: Vec<bool>,
    /// Top of each block (and the end), from the start of the first.
    tops: Vec<f32>,
    /// 1-based line number of each block's first line, and whether the block
    /// starts that line.
    first_line: Vec<u32>,
    starts_line: Vec<bool>,
    /// Lines of the page.
    pub lines: u32,
}

impl Layout {
    /// Brings the blocks up to `text` and `m`. Blocks that an edit did not touch
    /// keep their real heights, so the page does not jump under the reader.
    pub fn update(&mut self, text: &str, m: Metrics) {
        if self.text == text && self.metrics == Some(m) {
            return;
        }
        let kept: HashMap<(usize, usize, bool), f32> = if self.metrics == Some(m) {
            let prefix = common_prefix(&self.text, text);
            let suffix = common_suffix(&self.text[prefix..], &text[prefix..]);
            let (old_len, new_len) = (self.text.len(), text.len());
            self.blocks
                .iter()
                .zip(&self.heights)
                .zip(&self.measured)
                .filter(|(_, m)| **m)
                .filter_map(|((b, &h), _)| {
                    let end = b.range.end + usize::from(b.ends_line);
                    if end < prefix {
                        Some(((b.range.start, b.range.end, b.ends_line), h))
                    } else if b.range.start > old_len - suffix {
                        let shift = |x: usize| x + new_len - old_len;
                        Some(((shift(b.range.start), shift(b.range.end), b.ends_line), h))
                    } else {
                        None
                    }
                })
                .collect()
        } else {
            HashMap::new()
        };
        self.text.clear();
        self.text.push_str(text);
        self.metrics = Some(m);
        self.blocks = blocks(text);
        self.heights.clear();
        self.measured.clear();
        self.first_line.clear();
        self.starts_line.clear();
        let (mut line, mut starts) = (1u32, true);
        for b in &self.blocks {
            let key = (b.range.start, b.range.end, b.ends_line);
            match kept.get(&key) {
                Some(&h) => {
                    self.heights.push(h);
                    self.measured.push(true);
                }
                None => {
                    self.heights
                        .push(estimate_height(&text[b.range.clone()], &m));
                    self.measured.push(false);
                }
            }
            self.first_line.push(line);
            self.starts_line.push(starts);
            let newlines = memchr::memchr_iter(b'\n', text[b.range.clone()].as_bytes()).count();
            line = line.saturating_add(newlines as u32 + u32::from(b.ends_line));
            starts = b.ends_line;
        }
        self.lines = line;
        self.retop();
    }

    fn retop(&mut self) {
        self.tops.clear();
        let mut y = 0.0;
        for h in &self.heights {
            self.tops.push(y);
            y += h;
        }
        self.tops.push(y);
    }

    /// Records the real height of block `k`, as just laid out.
    pub fn measure(&mut self, k: usize, height: f32) {
        if let (Some(h), Some(m)) = (self.heights.get_mut(k), self.measured.get_mut(k)) {
            *m = true;
            if *h != height {
                *h = height;
                self.retop();
            }
        }
    }

    /// Top of block `k` (the end of the page past the last).
    pub fn top(&self, k: usize) -> f32 {
        self.tops
            .get(k)
            .or(self.tops.last())
            .copied()
            .unwrap_or(0.0)
    }

    pub fn total_height(&self) -> f32 {
        self.top(self.blocks.len())
    }

    /// The block at height `y`.
    pub fn block_at_y(&self, y: f32) -> usize {
        self.tops[..self.blocks.len()]
            .partition_point(|&t| t <= y)
            .saturating_sub(1)
    }

    /// The block holding byte `byte` (a newline between blocks: the earlier one).
    pub fn block_of_byte(&self, byte: usize) -> usize {
        self.blocks
            .partition_point(|b| b.range.end + usize::from(b.ends_line) <= byte)
            .min(self.blocks.len().saturating_sub(1))
    }

    /// Blocks to give the editor so that `y..y + view` is covered with a view's
    /// height to spare on each side.
    pub fn window_at_y(&self, y: f32, view: f32) -> Range<usize> {
        let first = self.block_at_y((y - view).max(0.0));
        let last = self.block_at_y(y + 2.0 * view);
        first..(last + 1).min(first + MAX_WINDOW_BLOCKS).max(first + 1)
    }

    /// Blocks around block `k`: what a jump to `k` (a finding, a match, a line)
    /// shows.
    pub fn window_around(&self, k: usize, view: f32) -> Range<usize> {
        let w = self.window_at_y(self.top(k), view);
        w.start.min(k)..w.end.max(k + 1)
    }

    /// Bytes of the blocks `w`, for the editor.
    pub fn bytes_of(&self, w: &Range<usize>) -> Range<usize> {
        match (
            self.blocks.get(w.start),
            self.blocks.get(w.end.saturating_sub(1)),
        ) {
            (Some(a), Some(b)) => a.range.start..b.range.end,
            _ => 0..0,
        }
    }

    /// Line number of the first line of block `k`, and whether the block starts it.
    pub fn line_of_block(&self, k: usize) -> (u32, bool) {
        (
            self.first_line.get(k).copied().unwrap_or(1),
            self.starts_line.get(k).copied().unwrap_or(true),
        )
    }
}

/// Bytes `a` and `b` share at their start (a char boundary), compared a page at
/// a time (one keystroke on a 10 MB page compares it all).
fn common_prefix(a: &str, b: &str) -> usize {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let len = x.len().min(y.len());
    let mut n = 0;
    while n + 4096 <= len && x[n..n + 4096] == y[n..n + 4096] {
        n += 4096;
    }
    n += x[n..len]
        .iter()
        .zip(&y[n..len])
        .take_while(|(p, q)| p == q)
        .count();
    (0..=n).rev().find(|&i| a.is_char_boundary(i)).unwrap_or(0)
}

/// Bytes `a` and `b` share at their end (a char boundary of both).
fn common_suffix(a: &str, b: &str) -> usize {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let len = x.len().min(y.len());
    let tail = |s: &[u8], n: usize, k: usize| s.len() - n - k..s.len() - n;
    let mut n = 0;
    while n + 4096 <= len && x[tail(x, n, 4096)] == y[tail(y, n, 4096)] {
        n += 4096;
    }
    n += x[..x.len() - n]
        .iter()
        .rev()
        .zip(y[..y.len() - n].iter().rev())
        .take_while(|(p, q)| p == q)
        .count();
    (0..=n)
        .rev()
        .find(|&i| a.is_char_boundary(a.len() - i))
        .unwrap_or(0)
}

/// The editor's text: the window `range` of the page `text`. Typing inserts into
/// (and deletes from) the page itself, at the window's offset.
pub struct WindowBuffer<'a> {
    pub text: &'a mut String,
    pub range: Range<usize>,
}

impl WindowBuffer<'_> {
    fn byte_of(&self, ch: CharIndex) -> usize {
        let window = self.as_str();
        self.range.start
            + window
                .char_indices()
                .nth(ch.0)
                .map_or(window.len(), |(b, _)| b)
    }
}

impl TextBuffer for WindowBuffer<'_> {
    fn is_mutable(&self) -> bool {
        true
    }

    fn as_str(&self) -> &str {
        self.text.get(self.range.clone()).unwrap_or("")
    }

    fn insert_text(&mut self, text: &str, char_index: CharIndex) -> usize {
        let at = self.byte_of(char_index);
        self.text.insert_str(at, text);
        self.range.end += text.len();
        text.chars().count()
    }

    fn delete_char_range(&mut self, char_range: Range<CharIndex>) {
        let (a, b) = (self.byte_of(char_range.start), self.byte_of(char_range.end));
        if a < b {
            self.text.replace_range(a..b, "");
            self.range.end -= b - a;
        }
    }

    fn byte_index_from_char_index(&self, char_index: CharIndex) -> ByteIndex {
        ByteIndex(self.byte_of(char_index) - self.range.start)
    }

    fn type_id(&self) -> std::any::TypeId {
        std::any::TypeId::of::<WindowBuffer<'static>>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_line(bytes: usize) -> String {
        let sentence = "近日，开发区太昊路办事处新时代文明实践所迎来了十多名朝气蓬勃的青少年。";
        sentence.repeat(bytes / sentence.len() + 1)
    }

    fn metrics() -> Metrics {
        Metrics {
            wrap_width: 900.0,
            row_height: 22.0,
            wide: 16.0,
            narrow: 8.0,
        }
    }

    #[test]
    fn blocks_cover_the_text_and_stay_small() {
        let mut text = one_line(300_000);
        text.push('\n');
        text.push_str(&crate::app::SAMPLE_TEXT.repeat(20));
        let bs = blocks(&text);
        let mut rebuilt = String::new();
        for (i, b) in bs.iter().enumerate() {
            assert!(b.range.len() <= BLOCK_MAX_BYTES, "block {i}: {:?}", b.range);
            rebuilt.push_str(&text[b.range.clone()]);
            if b.ends_line {
                rebuilt.push('\n');
            }
        }
        assert_eq!(rebuilt, text);
        // The long line is cut after full stops, the short lines at line ends.
        assert!(
            bs.iter()
                .any(|b| !b.ends_line && text[..b.range.end].ends_with('。'))
        );
        assert!(
            bs.iter()
                .filter(|b| b.range.start > 300_000)
                .all(|b| b.ends_line || b.range.end == text.len())
        );
    }

    #[test]
    fn a_window_of_a_huge_one_line_page_is_bounded() {
        let text = one_line(10_000_000);
        let mut layout = Layout::default();
        layout.update(&text, metrics());
        for y in [0.0, layout.total_height() / 2.0, layout.total_height()] {
            let w = layout.window_at_y(y, 800.0);
            let bytes = layout.bytes_of(&w);
            assert!(!w.is_empty() && bytes.len() <= MAX_WINDOW_BLOCKS * BLOCK_MAX_BYTES);
            assert!(layout.top(w.start) <= (y - 800.0).max(0.0).min(layout.total_height()));
        }
        let k = layout.block_of_byte(text.len() / 2);
        assert!(layout.blocks[k].range.contains(&(text.len() / 2)));
        assert!(layout.window_around(k, 800.0).contains(&k));
    }

    #[test]
    fn an_edit_keeps_the_real_heights_of_other_blocks() {
        let text = one_line(1_000_000);
        let mut layout = Layout::default();
        layout.update(&text, metrics());
        let n = layout.blocks.len();
        for k in 0..n {
            layout.measure(k, 1000.0);
        }
        let mid = layout.blocks[n / 2].range.start + 3;
        let mut edited = text.clone();
        edited.insert_str(mid, "甲");
        layout.update(&edited, metrics());
        let estimated = layout.measured.iter().filter(|m| !**m).count();
        assert!(estimated <= 2, "{estimated} blocks lost their height");
    }

    #[test]
    fn prefix_and_suffix_stop_at_a_difference() {
        let a = "甲".repeat(5000);
        let mut b = a.clone();
        b.insert_str(3 * 2500, "乙");
        assert_eq!(common_prefix(&a, &b), 3 * 2500);
        assert_eq!(common_suffix(&a, &b), 3 * 2500);
        assert_eq!(common_prefix(&a, &a), a.len());
        assert_eq!(common_suffix("", &a), 0);
    }

    #[test]
    fn the_window_buffer_edits_the_page_at_its_offset() {
        let mut page = "甲乙丙丁戊".to_owned();
        let mut w = WindowBuffer {
            text: &mut page,
            range: 3..12,
        };
        assert_eq!(w.as_str(), "乙丙丁");
        w.insert_text("子", CharIndex(1));
        assert_eq!(w.as_str(), "乙子丙丁");
        w.delete_char_range(CharIndex(0)..CharIndex(2));
        assert_eq!(w.as_str(), "丙丁");
        assert_eq!(page, "甲丙丁戊");
    }
}
