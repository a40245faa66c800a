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
}
