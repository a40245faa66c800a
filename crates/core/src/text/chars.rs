//! Character classes used by the rules. Ranges, not tables: the checks sit on
//! the hot path of a 75 MB/s scan.

/// A Han ideograph (CJK Unified Ideographs, extensions A–F, compatibility).
#[inline]
pub const fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2EBEF | 0xF900..=0xFAFF | 0x3007)
}

/// The full-width mark a half-width `, . : ; ? ! ( )` stands for in Chinese text
/// (`halfwidth-punct`'s repair; the idempotence checks compare texts up to it).
#[inline]
pub const fn fullwidth_of(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        '.' => '。',
        ':' => '：',
        ';' => '；',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// Full-width punctuation of Chinese text (both CJK symbols and full-width forms).
#[inline]
pub const fn is_fullwidth_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '【'
            | '】'
            | '「'
            | '」'
            | '『'
            | '』'
            | '…'
            | '—'
            | '·'
            | '～'
            | '〔'
            | '〕'
            | '．'
            | '／'
    )
}

/// Characters that belong to Chinese running text: Han or full-width punctuation.
#[inline]
pub const fn is_cjk(c: char) -> bool {
    is_han(c) || is_fullwidth_punct(c) || matches!(c as u32, 0xFF01..=0xFF5E | 0x3000..=0x303F)
}

/// Punctuation that ends a sentence (and, at a line end, possibly a paragraph).
#[inline]
pub const fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '…' | '!' | '?' | '．')
}

/// Closing marks that may follow a sentence end: `。”`, `！）`.
#[inline]
pub const fn is_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '）' | '》' | '】' | '」' | '』' | '〉' | '〕' | ')' | '"' | '\''
    )
}

/// Punctuation that is never doubled in correct text.
#[inline]
pub const fn is_never_doubled(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '《'
            | '》'
            | '【'
            | '】'
            | '「'
            | '」'
    )
}

/// Opening marks.
#[inline]
pub const fn is_opening(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '（' | '《' | '【' | '「' | '『' | '〈' | '〔' | '('
    )
}

/// Horizontal white space as OCR emits it (ASCII, no-break and ideographic space).
#[inline]
pub const fn is_hspace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{00A0}' | '\u{3000}')
}

/// How wide a character prints in a column, in ems: Han fills one em; Latin
/// letters, digits and — because newspapers compress punctuation (标点挤压) —
/// full-width marks about half of one; `…` and `—` a whole one; spaces are OCR's
/// guess and count for nothing here.
#[inline]
pub const fn print_width(c: char) -> f32 {
    if is_hspace(c) {
        0.0
    } else if matches!(c, '…' | '—') {
        1.0
    } else if (c as u32) < 0x2E80 || is_fullwidth_punct(c) {
        0.5
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_han('晨'));
        assert!(!is_han('，'));
        assert!(is_fullwidth_punct('，'));
        assert!(is_cjk('“'));
        assert!(!is_cjk('a'));
        assert_eq!(print_width('8'), 0.5);
        assert_eq!(print_width('创'), 1.0);
        assert_eq!(print_width(' '), 0.0);
    }
}

/// Appends `c`, a control character, as visible text: `\x1b` (C0 and DEL),
/// `\u{9b}` (C1).
pub fn push_escaped_control(out: &mut String, c: char) {
    use std::fmt::Write as _;
    let _ = if (c as u32) < 0x80 {
        write!(out, "\\x{:02x}", c as u32)
    } else {
        write!(out, "\\u{{{:x}}}", c as u32)
    };
}

/// `s` with every control character (line breaks and tabs included) written as
/// visible text, for a terminal line: a file name or page text can hold ESC
/// sequences that would otherwise drive the terminal. Borrowed when there are none.
pub fn escape_controls(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() {
            push_escaped_control(&mut out, c);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod escape_tests {
    #[test]
    fn controls_are_escaped() {
        assert_eq!(
            super::escape_controls("a\u{1b}[2Jb\n\u{9b}"),
            "a\\x1b[2Jb\\x0a\\u{9b}"
        );
        assert!(matches!(
            super::escape_controls("近日"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
