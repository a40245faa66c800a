//! Pairs the lines of a changed region into paragraphs before any character diff.
//!
//! A raw OCR page prints one paragraph over many short lines; the corrected page
//! has it on one line. A line diff therefore sees long runs of "changed" lines,
//! and one character diff over such a run costs O(N·D) — seconds on a large page.
//! Paragraph ends survive correction (the corrected line ends with the same few
//! characters as the last printed line), so we look for those ends and cut the
//! region there. Any cut is *correct* (the pieces still partition both texts in
//! order); a good cut only makes the character diff cheap and the side-by-side
//! view aligned by paragraph.

use std::ops::Range;

use super::tokens::Tokens;
use crate::text::chars::is_hspace;

/// Characters of a line end compared to find the paragraph's end on the other side.
const TAIL_CHARS: usize = 6;
/// How many old lines past the cursor a paragraph end is looked for (a narrow
/// sidebar paragraph can run over dozens of printed lines).
const WINDOW_LINES: usize = 256;

/// For each line of `lines`: a key of the last few non-whitespace characters of
/// the text up to the line's end (reaching back over earlier lines when the line is
/// short), and whether the line has any content at all.
fn tails(lines: &[&str]) -> Vec<(u64, bool)> {
    let mut ring = ['\0'; TAIL_CHARS];
    let mut seen = 0usize;
    lines
        .iter()
        .map(|line| {
            let before = seen;
            for c in line.chars().filter(|c| !is_ws(*c)) {
                ring[seen % TAIL_CHARS] = c;
                seen += 1;
            }
            // Order-sensitive mix; a collision only costs a worse cut, never a wrong diff.
            let mut key = 0u64;
            for k in seen.saturating_sub(TAIL_CHARS)..seen {
                key = key.rotate_left(21)
                    ^ u64::from(ring[k % TAIL_CHARS]).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            }
            (key, seen > before)
        })
        .collect()
}

fn content_len(line: &str) -> usize {
    line.chars().filter(|c| !is_ws(*c)).count()
}

pub(crate) fn is_ws(c: char) -> bool {
    c == '\n' || c == '\r' || is_hspace(c)
}

/// Cuts old lines `old` and new lines `new` (token indices) into aligned pairs.
pub(crate) fn pair(
    ol: &Tokens,
    old: Range<usize>,
    nl: &Tokens,
    new: Range<usize>,
) -> Vec<(Range<usize>, Range<usize>)> {
    if old.is_empty() || new.is_empty() {
        return vec![(old, new)];
    }
    let old_tails = tails(&ol.items[old.clone()]);
    let new_tails = tails(&nl.items[new.clone()]);
    let old_lens: Vec<usize> = ol.items[old.clone()]
        .iter()
        .map(|l| content_len(l))
        .collect();
    let mut out = Vec::new();
    let (mut o_start, mut n_start) = (old.start, new.start);
    for nj in new.clone() {
        let (key, has_content) = new_tails[nj - new.start];
        if !has_content {
            continue;
        }
        // Corrections mostly delete (ghosts, spaces); an old paragraph far shorter
        // than the new one cannot be its source, which rules out early sentence ends.
        let need = content_len(nl.items[nj]) * 4 / 5;
        let mut have = 0;
        let end = (o_start + WINDOW_LINES).min(old.end);
        let mut found = None;
        for oi in o_start..end {
            have += old_lens[oi - old.start];
            if have >= need && old_tails[oi - old.start] == (key, true) {
                found = Some(oi);
                break;
            }
        }
        if let Some(oi) = found {
            out.push((o_start..oi + 1, n_start..nj + 1));
            o_start = oi + 1;
            n_start = nj + 1;
        }
    }
    if o_start < old.end || n_start < new.end {
        out.push((o_start..old.end, n_start..new.end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_paragraphs_pair_with_their_printed_lines() {
        let old = "近日，开发区太昊路办事处新时代文\n明实践所迎来了青\n少年。\n在新时代文明实践\n所，记者看到。\n";
        let new = "近日，开发区太昊路办事处新时代文明实践所迎来了青少年。\n在新时代文明实践所，记者看到。\n";
        let ol = Tokens::lines(old, 0..old.len());
        let nl = Tokens::lines(new, 0..new.len());
        let p = pair(&ol, 0..ol.len(), &nl, 0..nl.len());
        assert_eq!(p, vec![(0..3, 0..1), (3..5, 1..2)]);
    }
}
