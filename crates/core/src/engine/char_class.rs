//! What the line scan asks of every character that is not main-block Han, answered
//! by one table lookup instead of a chain of comparisons (the scan meets such a
//! character every three Han or so: punctuation, digits, OCR's spaces).
//!
//! The tables are built at compile time from the predicates in [`crate::text::chars`],
//! so they cannot disagree with them.

use crate::text::chars::{
    is_cjk, is_closing, is_fullwidth_punct, is_han, is_hspace, is_never_doubled, is_opening,
    print_width,
};

/// Flags of one character; see the associated constants.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct CharClass(u8);

impl CharClass {
    pub const SPACE: u8 = 1;
    /// ASCII `, . : ; ? ! ( )`.
    pub const ASCII_PUNCT: u8 = 2;
    /// An opening or closing mark (quotes, brackets).
    pub const BRACKET: u8 = 4;
    pub const NEVER_DOUBLED: u8 = 8;
    pub const HAN: u8 = 16;
    /// Chinese punctuation: full-width marks and CJK symbols that are not Han.
    pub const CJK_PUNCT: u8 = 128;
    /// Printed width in half ems (0, 1 or 2): bits 5 and 6.
    const WIDTH_SHIFT: u32 = 5;

    const fn compute(c: char) -> CharClass {
        let mut f = 0;
        if is_hspace(c) {
            f |= Self::SPACE;
        }
        if matches!(c, ',' | '.' | ':' | ';' | '?' | '!' | '(' | ')') {
            f |= Self::ASCII_PUNCT;
        }
        if is_opening(c) || is_closing(c) {
            f |= Self::BRACKET;
        }
        if is_never_doubled(c) {
            f |= Self::NEVER_DOUBLED;
        }
        if is_han(c) {
            f |= Self::HAN;
        }
        if is_fullwidth_punct(c) || (is_cjk(c) && !is_han(c)) {
            f |= Self::CJK_PUNCT;
        }
        let w = print_width(c);
        let half_ems: u8 = if w == 0.0 {
            0
        } else if w == 0.5 {
            1
        } else {
            2
        };
        // The width bits must not run into the flags above them.
        assert!(half_ems < 4 && Self::CJK_PUNCT == 1 << (Self::WIDTH_SHIFT + 2));
        CharClass(f | half_ems << Self::WIDTH_SHIFT)
    }

    #[inline]
    pub fn of(c: char) -> CharClass {
        let u = c as u32;
        match u {
            0..0x80 => ASCII[u as usize],
            0x2000..0x2070 => GENERAL_PUNCT[(u - 0x2000) as usize],
            0x3000..0x3040 => CJK_PUNCT[(u - 0x3000) as usize],
            0xFF00..0xFF70 => FULLWIDTH[(u - 0xFF00) as usize],
            _ => Self::compute(c),
        }
    }

    #[inline]
    pub fn has(self, flag: u8) -> bool {
        self.0 & flag != 0
    }

    /// Printed width in half ems (see [`print_width`]).
    #[inline]
    pub fn half_ems(self) -> u32 {
        u32::from((self.0 >> Self::WIDTH_SHIFT) & 3)
    }
}

const fn table<const N: usize>(base: u32) -> [CharClass; N] {
    let mut t = [CharClass(0); N];
    let mut i = 0;
    while i < N {
        if let Some(c) = char::from_u32(base + i as u32) {
            t[i] = CharClass::compute(c);
        }
        i += 1;
    }
    t
}

static ASCII: [CharClass; 0x80] = table(0);
static GENERAL_PUNCT: [CharClass; 0x70] = table(0x2000);
static CJK_PUNCT: [CharClass; 0x40] = table(0x3000);
static FULLWIDTH: [CharClass; 0x70] = table(0xFF00);

#[cfg(test)]
mod tests {
    use super::*;

    /// The tables answer exactly as the predicates do, over all of Unicode.
    #[test]
    fn tables_agree_with_the_predicates() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(CharClass::of(c), CharClass::compute(c), "{c:?}");
            let class = CharClass::of(c);
            assert_eq!(class.has(CharClass::SPACE), is_hspace(c));
            assert_eq!(class.has(CharClass::HAN), is_han(c));
            assert_eq!(
                class.has(CharClass::CJK_PUNCT),
                is_fullwidth_punct(c) || (is_cjk(c) && !is_han(c))
            );
            assert_eq!(class.half_ems() as f32 * 0.5, print_width(c), "{c:?}");
        }
    }
}
