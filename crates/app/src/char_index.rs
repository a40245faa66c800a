//! Byte offset ⇄ character index for one text. The engine speaks bytes; egui's
//! galleys and cursors speak characters. A checkpoint every [`STEP`] characters
//! keeps both directions O(log n + STEP) on a 1 MB page without a per-char table.

const STEP: usize = 256;

#[derive(Clone, Debug, Default)]
pub struct CharIndex {
    /// Byte offset of character `i * STEP`.
    checkpoints: Vec<usize>,
    chars: usize,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / (STEP * 2) + 1);
        let mut chars = 0;
        for (i, (b, _)) in text.char_indices().enumerate() {
            if i % STEP == 0 {
                checkpoints.push(b);
            }
            chars = i + 1;
        }
        CharIndex { checkpoints, chars }
    }

    pub fn char_count(&self) -> usize {
        self.chars
    }

    /// Character index of byte `byte` (rounded down to a char boundary).
    pub fn char_of(&self, text: &str, byte: usize) -> usize {
        let byte = byte.min(text.len());
        let k = self
            .checkpoints
            .partition_point(|&b| b <= byte)
            .saturating_sub(1);
        let base = self.checkpoints.get(k).copied().unwrap_or(0);
        let tail = text.get(base..).unwrap_or("");
        k * STEP
            + tail
                .char_indices()
                .take_while(|(b, _)| base + b < byte)
                .count()
    }

    /// Byte offset of character `ch` (the text's length past the end).
    pub fn byte_of(&self, text: &str, ch: usize) -> usize {
        let k = ch / STEP;
        let Some(&base) = self.checkpoints.get(k) else {
            return text.len();
        };
        text.get(base..)
            .and_then(|t| t.char_indices().nth(ch - k * STEP))
            .map_or(text.len(), |(b, _)| base + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_on_long_mixed_text() {
        let text = "近日， 开发区 LED\n".repeat(100);
        let idx = CharIndex::new(&text);
        for (i, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.char_of(&text, b), i);
            assert_eq!(idx.byte_of(&text, i), b);
        }
        assert_eq!(idx.byte_of(&text, idx.char_count()), text.len());
        assert_eq!(idx.char_of(&text, text.len()), idx.char_count());
    }
}
