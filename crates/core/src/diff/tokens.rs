//! A stretch of text cut into tokens (lines or characters) for `similar`, which
//! speaks in token indices. [`Tokens::bytes`] is the one place those indices
//! become byte offsets into the text, so no other code has to count tokens.

use std::ops::Range;

pub(crate) struct Tokens<'a> {
    pub items: Vec<&'a str>,
    /// Absolute byte offset of each token's start, plus one past the last token.
    starts: Vec<usize>,
}

impl<'a> Tokens<'a> {
    /// Lines of `text[range]`, each with its `\n` (the last may lack one).
    pub fn lines(text: &'a str, range: Range<usize>) -> Self {
        let slice = &text[range.clone()];
        let mut items = Vec::with_capacity(slice.len() / 32 + 1);
        let mut starts = Vec::with_capacity(slice.len() / 32 + 2);
        let mut at = range.start;
        for line in slice.split_inclusive('\n') {
            items.push(line);
            starts.push(at);
            at += line.len();
        }
        starts.push(at);
        Tokens { items, starts }
    }

    /// Characters of `text[range]` (Chinese has no spaces between words, so the
    /// character is the smallest unit an editor reads a change in).
    pub fn chars(text: &'a str, range: Range<usize>) -> Self {
        let slice = &text[range.clone()];
        let mut items = Vec::with_capacity(slice.len() / 2);
        let mut starts = Vec::with_capacity(slice.len() / 2 + 1);
        for (i, c) in slice.char_indices() {
            items.push(&slice[i..i + c.len_utf8()]);
            starts.push(range.start + i);
        }
        starts.push(range.end);
        Tokens { items, starts }
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Byte range covered by the tokens `tokens` (indices as `similar` reports them).
    pub fn bytes(&self, tokens: Range<usize>) -> Range<usize> {
        self.starts[tokens.start]..self.starts[tokens.end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_ranges_of_lines_and_chars() {
        let t = "甲乙\n丙\nx";
        let l = Tokens::lines(t, 0..t.len());
        assert_eq!(l.items, ["甲乙\n", "丙\n", "x"]);
        assert_eq!(l.bytes(1..3), 7..12);
        let c = Tokens::chars(t, 7..12);
        assert_eq!(c.items, ["丙", "\n", "x"]);
        assert_eq!(c.bytes(1..2), 10..11);
        assert_eq!(c.bytes(3..3), 12..12);
    }
}
