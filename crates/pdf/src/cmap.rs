//! ToUnicode CMaps: the table in a PDF font that says which Unicode text each
//! character code stands for. Chinese PDFs draw with CID fonts whose codes are glyph
//! numbers (Identity-H), so this table is the only way back to the text.

use std::collections::HashMap;

/// A parsed ToUnicode CMap: code space (how many bytes each code takes) and the
/// code → text mappings.
#[derive(Debug, Default, Clone)]
pub struct ToUnicode {
    /// `(bytes, low, high)`: codes of `bytes` bytes between `low` and `high`.
    pub codespace: Vec<(usize, u32, u32)>,
    chars: HashMap<u32, String>,
    /// `bfrange` entries kept as ranges: Tesseract's maps all of `<0000> <FFFF>`.
    ranges: Vec<Range>,
}

#[derive(Debug, Clone)]
struct Range {
    low: u32,
    high: u32,
    target: Target,
}

#[derive(Debug, Clone)]
enum Target {
    /// The first code maps to these UTF-16 units; each next code adds one to the last.
    Start(Vec<u16>),
    /// One text per code.
    List(Vec<String>),
}

impl ToUnicode {
    /// Parses the CMap's text; what it cannot understand it skips (a partial map is
    /// better than none).
    pub fn parse(data: &[u8]) -> ToUnicode {
        let tokens = tokenize(data);
        let mut map = ToUnicode::default();
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                Token::Word(w) if w == "begincodespacerange" => {
                    i += 1;
                    while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) =
                        (tokens.get(i), tokens.get(i + 1))
                    {
                        if !lo.is_empty() && lo.len() <= 4 {
                            map.codespace.push((lo.len(), be(lo), be(hi)));
                        }
                        i += 2;
                    }
                }
                Token::Word(w) if w == "beginbfchar" => {
                    i += 1;
                    while let (Some(Token::Hex(src)), Some(Token::Hex(dst))) =
                        (tokens.get(i), tokens.get(i + 1))
                    {
                        if src.len() <= 4 {
                            map.chars.insert(be(src), utf16(&units(dst)));
                        }
                        i += 2;
                    }
                }
                Token::Word(w) if w == "beginbfrange" => {
                    i += 1;
                    while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) =
                        (tokens.get(i), tokens.get(i + 1))
                    {
                        let target = match tokens.get(i + 2) {
                            Some(Token::Hex(dst)) => Target::Start(units(dst)),
                            Some(Token::Array(items)) => {
                                Target::List(items.iter().map(|d| utf16(&units(d))).collect())
                            }
                            _ => break,
                        };
                        if lo.len() <= 4 && hi.len() <= 4 && be(lo) <= be(hi) {
                            map.ranges.push(Range {
                                low: be(lo),
                                high: be(hi),
                                target,
                            });
                        }
                        i += 3;
                    }
                }
                _ => i += 1,
            }
        }
        map
    }

    /// The text of `code`, if the map has it.
    pub fn get(&self, code: u32) -> Option<String> {
        if let Some(s) = self.chars.get(&code) {
            return Some(s.clone());
        }
        let r = self
            .ranges
            .iter()
            .find(|r| (r.low..=r.high).contains(&code))?;
        let k = code - r.low;
        match &r.target {
            Target::List(items) => items.get(k as usize).cloned(),
            Target::Start(start) => {
                let mut u = start.clone();
                let last = u.last_mut()?;
                *last = last.wrapping_add(k as u16);
                Some(utf16(&u))
            }
        }
    }
}

enum Token {
    Word(String),
    Hex(Vec<u8>),
    Array(Vec<Vec<u8>>),
}

/// The CMap's tokens that matter here: words, `<hex>` strings and arrays of them
/// (comments, names and numbers become words too and are ignored by the parser).
fn tokenize(data: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut array: Option<Vec<Vec<u8>>> = None;
    while i < data.len() {
        let c = data[i];
        match c {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) != Some(&b'<') => {
                let end = data[i..].iter().position(|&b| b == b'>').map(|p| i + p);
                let end = end.unwrap_or(data.len());
                let hex = hex_bytes(&data[i + 1..end]);
                match array.as_mut() {
                    Some(a) => a.push(hex),
                    None => out.push(Token::Hex(hex)),
                }
                i = end + 1;
            }
            b'[' => {
                array = Some(Vec::new());
                i += 1;
            }
            b']' => {
                if let Some(a) = array.take() {
                    out.push(Token::Array(a));
                }
                i += 1;
            }
            c if c.is_ascii_whitespace() || c == b'<' || c == b'>' => i += 1,
            _ => {
                let start = i;
                while i < data.len()
                    && !data[i].is_ascii_whitespace()
                    && !b"<>[]%".contains(&data[i])
                {
                    i += 1;
                }
                out.push(Token::Word(
                    String::from_utf8_lossy(&data[start..i]).into_owned(),
                ));
            }
        }
    }
    out
}

fn hex_bytes(s: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = s
        .iter()
        .filter_map(|&c| (c as char).to_digit(16).map(|d| d as u8))
        .collect();
    digits
        .chunks(2)
        .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
        .collect()
}

/// Big-endian number of up to four bytes.
fn be(b: &[u8]) -> u32 {
    b.iter().take(4).fold(0, |a, &x| (a << 8) | x as u32)
}

fn units(b: &[u8]) -> Vec<u16> {
    b.chunks(2)
        .map(|p| ((p[0] as u16) << 8) | p.get(1).copied().unwrap_or(0) as u16)
        .collect()
}

fn utf16(u: &[u16]) -> String {
    char::decode_utf16(u.iter().copied())
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bfchar_and_both_bfrange_forms() {
        let cmap = b"/CIDInit /ProcSet findresource begin\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            2 beginbfchar <0003> <0020> <0010> <5927> endbfchar\n\
            2 beginbfrange <0020> <0022> <4E00> <0030> <0031> [<6587> <D840DC00>] endbfrange\n";
        let m = ToUnicode::parse(cmap);
        assert_eq!(m.codespace, vec![(2, 0, 0xFFFF)]);
        assert_eq!(m.get(0x10).as_deref(), Some("大"));
        assert_eq!(m.get(0x21).as_deref(), Some("丁"));
        assert_eq!(m.get(0x30).as_deref(), Some("文"));
        assert_eq!(m.get(0x31).as_deref(), Some("\u{20000}"));
        assert_eq!(m.get(0x40), None);
    }

    #[test]
    fn tesseracts_identity_map_is_kept_as_one_range() {
        let cmap = b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\n";
        let m = ToUnicode::parse(cmap);
        assert_eq!(m.get(0x6587).as_deref(), Some("文"));
        assert_eq!(m.ranges.len(), 1);
    }

    #[test]
    fn garbage_gives_an_empty_map() {
        let m = ToUnicode::parse(b"<<<< ]]] [ <zz begincodespacerange <01");
        assert_eq!(m.get(1), None);
    }
}
