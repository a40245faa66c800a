//! Byte offset ⇄ line/column. Everything inside jiaodui speaks byte offsets into
//! the current `String`; the CLI and the GUI speak 1-based lines and columns in
//! characters. This is the one place that converts between them.

/// A 1-based line and a 1-based column counted in characters (not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column_chars: usize,
}

/// Start offsets of every line of a text.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = Vec::with_capacity(text.len() / 40 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { line_starts }
    }

    /// Byte offsets where the lines start (the first is 0).
    pub fn starts(&self) -> &[usize] {
        &self.line_starts
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based line that contains `byte_offset`.
    pub fn line_of(&self, byte_offset: usize) -> usize {
        match self.line_starts.binary_search(&byte_offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line).copied().unwrap_or(usize::MAX)
    }

    /// 1-based line and character column of `byte_offset` (which must be a char boundary).
    pub fn position(&self, text: &str, byte_offset: usize) -> Position {
        let line = self.line_of(byte_offset);
        let start = self.line_starts[line];
        let column_chars = text
            .get(start..byte_offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        Position {
            line: line + 1,
            column_chars,
        }
    }
}

/// Positions of many offsets, mostly increasing (findings in page order), in one
/// pass: the column is counted on from the previous offset instead of from the
/// line start each time, so a 5 MB line with thousands of findings costs one walk
/// over it rather than one per finding. An offset behind the cursor, or on another
/// line, restarts the count at its line's start.
pub struct PositionCursor<'a> {
    index: &'a LineIndex,
    text: &'a str,
    line: usize,
    at: usize,
    column: usize,
}

impl LineIndex {
    pub fn cursor<'a>(&'a self, text: &'a str) -> PositionCursor<'a> {
        PositionCursor {
            index: self,
            text,
            line: 0,
            at: 0,
            column: 0,
        }
    }
}

impl PositionCursor<'_> {
    /// 1-based line and character column of `byte_offset` (a char boundary).
    pub fn position(&mut self, byte_offset: usize) -> Position {
        let line = self.index.line_of(byte_offset);
        if line != self.line || byte_offset < self.at {
            self.line = line;
            self.at = self.index.line_starts[line];
            self.column = 0;
        }
        self.column += self
            .text
            .get(self.at..byte_offset)
            .map_or(0, |s| s.chars().count());
        self.at = byte_offset;
        Position {
            line: line + 1,
            column_chars: self.column + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_chars_not_bytes() {
        let text = "近日，\n开发区 LED\n";
        let idx = LineIndex::new(text);
        assert_eq!(
            idx.position(text, 0),
            Position {
                line: 1,
                column_chars: 1
            }
        );
        assert_eq!(
            idx.position(text, "近日".len()),
            Position {
                line: 1,
                column_chars: 3
            }
        );
        let led = text.find("LED").unwrap();
        assert_eq!(
            idx.position(text, led),
            Position {
                line: 2,
                column_chars: 5
            }
        );
        assert_eq!(idx.line_count(), 3);
    }

    #[test]
    fn the_cursor_agrees_with_position_in_any_order() {
        let text = "近日，\n开发区 LED 屏\n\n新时代";
        let idx = LineIndex::new(text);
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let mut cursor = idx.cursor(text);
        for &o in offsets
            .iter()
            .chain(offsets.iter().rev())
            .chain([&3, &0, &20])
        {
            assert_eq!(cursor.position(o), idx.position(text, o), "offset {o}");
        }
    }
}
