//! Fonts as far as text extraction needs them: how a string splits into character
//! codes, which text each code stands for, how far each glyph advances, and how
//! tall the glyphs stand above and below the baseline.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use crate::cmap::ToUnicode;

/// One character code of a shown string.
#[derive(Debug, Clone, PartialEq)]
pub struct Code {
    /// Its text (`U+FFFD` when the font gives no way to know it).
    pub text: String,
    /// The advance in text space units per unit of font size (1/1000 of the width
    /// a Type 1 or CID font gives, or the Type 3 font's matrix applied).
    pub width: f32,
    /// A one-byte code 32: the only one word spacing (`Tw`) applies to.
    pub word_space: bool,
}

/// How codes become text when the font has no ToUnicode map.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Fallback {
    /// A predefined Unicode CMap (`UniGB-UCS2-H`, `UniGB-UTF16-H`, …): the code is
    /// UTF-16BE. reportlab's `STSong-Light` writes this.
    Utf16,
    /// A predefined legacy CMap: the code is bytes of that encoding (`GBK-EUC-H`).
    Legacy(&'static encoding_rs::Encoding),
    /// A simple font: one byte, Windows-1252 (ASCII for what matters).
    Simple,
    /// Identity-H without ToUnicode: glyph numbers with no text.
    Unknown,
}

/// A font of a page's resources, ready to decode strings.
#[derive(Debug, Clone)]
pub struct Font {
    composite: bool,
    to_unicode: Option<ToUnicode>,
    fallback: Fallback,
    /// Differences of a simple font's encoding: code → glyph name's text.
    differences: HashMap<u32, String>,
    /// Widths in glyph units by CID (composite) or code (simple).
    widths: HashMap<u32, f32>,
    default_width: f32,
    /// Glyph units → text space units (1/1000, or a Type 3 font's matrix).
    unit: f32,
    /// How CIDs follow from codes in a predefined Unicode CMap: the four Adobe CJK
    /// collections all put ASCII at CIDs 1–95, so `code - 31` for 0x20–0x7E.
    ascii_cids: bool,
    /// Above and below the baseline, in units of font size (descent negative): the
    /// glyph box a highlight on the page image covers.
    pub ascent: f32,
    pub descent: f32,
}

impl Font {
    /// Reads a font dictionary. Whatever is missing or odd falls back to a sensible
    /// default: a font never fails, at worst it yields `U+FFFD` with a plain width.
    pub fn new(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = name(doc, dict, b"Subtype").unwrap_or_default();
        let composite = subtype == b"Type0";
        let to_unicode = get(doc, dict, b"ToUnicode")
            .and_then(|o| o.as_stream().ok())
            .and_then(stream_bytes)
            .map(|b| ToUnicode::parse(&b));
        let encoding = name(doc, dict, b"Encoding").unwrap_or_default();
        let enc = String::from_utf8_lossy(&encoding).into_owned();
        let fallback = if !composite {
            Fallback::Simple
        } else if enc.contains("UCS2") || enc.contains("UTF16") {
            Fallback::Utf16
        } else if let Some(e) = legacy(&enc) {
            Fallback::Legacy(e)
        } else {
            Fallback::Unknown
        };
        let mut font = Font {
            composite,
            to_unicode,
            fallback,
            differences: HashMap::new(),
            widths: HashMap::new(),
            default_width: if composite { 1000.0 } else { 500.0 },
            unit: 0.001,
            ascii_cids: fallback == Fallback::Utf16 || matches!(fallback, Fallback::Legacy(_)),
            ascent: 0.88,
            descent: -0.12,
        };
        let descriptor_owner = if composite {
            get(doc, dict, b"DescendantFonts")
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| deref(doc, o).as_dict().ok())
        } else {
            Some(dict)
        };
        if let Some(owner) = descriptor_owner {
            if composite {
                font.read_cid_widths(doc, owner);
            } else {
                font.read_simple(doc, owner, subtype == b"Type3");
            }
            if let Some(fd) = get(doc, owner, b"FontDescriptor").and_then(|o| o.as_dict().ok()) {
                let num = |k: &[u8]| get(doc, fd, k).and_then(|o| o.as_float().ok());
                // The box is the union of the ideographic em box (-0.12 to 0.88, what
                // CJK glyphs fill) and the font's own ascent and descent: Adobe's
                // STSong says 752 and -271, and the font a renderer puts in place of
                // an unembedded one fills the em box.
                if let Some(a) = num(b"Ascent").filter(|a| *a > 100.0 && *a < 1500.0) {
                    font.ascent = font.ascent.max(a / 1000.0);
                }
                if let Some(d) = num(b"Descent").filter(|d| *d <= 0.0 && *d > -600.0) {
                    font.descent = font.descent.min(d / 1000.0);
                }
                if let Some(w) = num(b"MissingWidth").filter(|w| *w > 0.0 && !composite) {
                    font.default_width = w;
                }
            }
        }
        font
    }

    fn read_cid_widths(&mut self, doc: &Document, cid_font: &Dictionary) {
        if let Some(dw) = get(doc, cid_font, b"DW").and_then(|o| o.as_float().ok()) {
            self.default_width = dw;
        }
        let Some(w) = get(doc, cid_font, b"W").and_then(|o| o.as_array().ok()) else {
            return;
        };
        // `c [w1 w2 …]` or `c_first c_last w`.
        let mut i = 0;
        while i < w.len() {
            let Ok(first) = deref(doc, &w[i]).as_float() else {
                break;
            };
            let first = first.max(0.0) as u32;
            match w.get(i + 1).map(|o| deref(doc, o)) {
                Some(Object::Array(list)) => {
                    for (k, o) in list.iter().enumerate().take(65536) {
                        if let Ok(v) = deref(doc, o).as_float() {
                            self.widths.insert(first + k as u32, v);
                        }
                    }
                    i += 2;
                }
                Some(last) => {
                    let (Ok(last), Some(Ok(v))) = (
                        last.as_float(),
                        w.get(i + 2).map(|o| deref(doc, o).as_float()),
                    ) else {
                        break;
                    };
                    let last = (last.max(0.0) as u32).min(first.saturating_add(65535));
                    for c in first..=last {
                        self.widths.insert(c, v);
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }

    fn read_simple(&mut self, doc: &Document, dict: &Dictionary, type3: bool) {
        if type3 {
            if let Some(a) = get(doc, dict, b"FontMatrix")
                .and_then(|o| o.as_array().ok())
                .and_then(|m| m.first())
                .and_then(|o| o.as_float().ok())
                .filter(|a| a.is_finite() && *a != 0.0)
            {
                self.unit = a.abs();
            }
            self.default_width = 0.0;
        }
        let first = get(doc, dict, b"FirstChar")
            .and_then(|o| o.as_i64().ok())
            .unwrap_or(0)
            .clamp(0, 255) as u32;
        if let Some(ws) = get(doc, dict, b"Widths").and_then(|o| o.as_array().ok()) {
            for (k, o) in ws.iter().enumerate().take(256) {
                if let Ok(v) = deref(doc, o).as_float() {
                    self.widths.insert(first + k as u32, v);
                }
            }
        }
        let Some(diffs) = get(doc, dict, b"Encoding")
            .and_then(|o| o.as_dict().ok())
            .and_then(|e| get(doc, e, b"Differences"))
            .and_then(|o| o.as_array().ok())
        else {
            return;
        };
        let mut code = 0u32;
        for o in diffs {
            match deref(doc, o) {
                Object::Integer(n) => code = (*n).clamp(0, 255) as u32,
                Object::Name(n) => {
                    if let Some(t) = glyph_name_text(n) {
                        self.differences.insert(code, t);
                    }
                    code = (code + 1).min(255);
                }
                _ => {}
            }
        }
    }

    /// Splits a shown string into its codes with their text and width.
    pub fn decode(&self, bytes: &[u8]) -> Vec<Code> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let n = self.code_len(&bytes[i..]);
            let raw = &bytes[i..(i + n).min(bytes.len())];
            let code = raw.iter().fold(0u32, |a, &b| (a << 8) | b as u32);
            i += n.max(1);
            let text = self.text(code, raw);
            let cid = if self.ascii_cids {
                if (0x20..=0x7E).contains(&code) {
                    Some(code - 31)
                } else {
                    None
                }
            } else {
                Some(code)
            };
            let width = cid
                .and_then(|c| self.widths.get(&c).copied())
                .unwrap_or(self.default_width);
            out.push(Code {
                text,
                width: width * self.unit,
                word_space: n == 1 && code == 32,
            });
        }
        out
    }

    /// Bytes in the code starting `rest`: the ToUnicode code space when it has one,
    /// else two for composite fonts (one below 0x81 in legacy CJK encodings), one
    /// for simple fonts.
    fn code_len(&self, rest: &[u8]) -> usize {
        let codespace = self
            .to_unicode
            .as_ref()
            .map(|t| t.codespace.as_slice())
            .filter(|_| self.composite)
            .unwrap_or_default();
        {
            for &(n, lo, hi) in codespace {
                if n <= rest.len() {
                    let c = rest[..n].iter().fold(0u32, |a, &b| (a << 8) | b as u32);
                    if (lo..=hi).contains(&c) {
                        return n;
                    }
                }
            }
        }
        match self.fallback {
            Fallback::Simple => 1,
            Fallback::Legacy(_) if rest[0] < 0x81 => 1,
            _ => 2,
        }
    }

    fn text(&self, code: u32, raw: &[u8]) -> String {
        if let Some(t) = self
            .to_unicode
            .as_ref()
            .and_then(|m| m.get(code))
            .filter(|t| !t.is_empty() && t != "\0")
        {
            return t;
        }
        if let Some(t) = self.differences.get(&code) {
            return t.clone();
        }
        match self.fallback {
            Fallback::Utf16 => {
                let units: Vec<u16> = raw
                    .chunks(2)
                    .map(|p| ((p[0] as u16) << 8) | p.get(1).copied().unwrap_or(0) as u16)
                    .collect();
                char::decode_utf16(units)
                    .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
                    .collect()
            }
            Fallback::Legacy(e) => e.decode_without_bom_handling(raw).0.into_owned(),
            Fallback::Simple => encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(raw)
                .0
                .into_owned(),
            Fallback::Unknown => char::REPLACEMENT_CHARACTER.to_string(),
        }
    }
}

/// The legacy encoding a predefined CJK CMap's codes are bytes of.
fn legacy(cmap: &str) -> Option<&'static encoding_rs::Encoding> {
    let starts = |p: &[&str]| p.iter().any(|s| cmap.starts_with(s));
    if starts(&["GBK", "GBpc-EUC", "GB-EUC", "GBT-EUC"]) {
        Some(encoding_rs::GB18030)
    } else if starts(&["B5", "ETen-B5", "HKscs-B5", "ETHK-B5"]) {
        Some(encoding_rs::BIG5)
    } else if starts(&["90ms-RKSJ", "90pv-RKSJ", "83pv-RKSJ"]) {
        Some(encoding_rs::SHIFT_JIS)
    } else if starts(&["KSC-EUC", "KSCms-UHC", "KSCpc-EUC"]) {
        Some(encoding_rs::EUC_KR)
    } else {
        None
    }
}

/// The text of a glyph name in an encoding's Differences: `uniXXXX`, `uXXXX`, a
/// single character, or the common names of ASCII punctuation and digits.
fn glyph_name_text(name: &[u8]) -> Option<String> {
    let n = std::str::from_utf8(name).ok()?;
    let hex = n
        .strip_prefix("uni")
        .or_else(|| n.strip_prefix('u'))
        .filter(|h| (4..=6).contains(&h.len()));
    if let Some(c) = hex
        .and_then(|h| u32::from_str_radix(h, 16).ok())
        .and_then(char::from_u32)
    {
        return Some(c.to_string());
    }
    if n.chars().count() == 1 {
        return Some(n.to_string());
    }
    const DIGITS: [&str; 10] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    if let Some(d) = DIGITS.iter().position(|d| *d == n) {
        return Some(d.to_string());
    }
    let c = match n {
        "space" => ' ',
        "period" => '.',
        "comma" => ',',
        "colon" => ':',
        "semicolon" => ';',
        "hyphen" | "minus" => '-',
        "parenleft" => '(',
        "parenright" => ')',
        "percent" => '%',
        "slash" => '/',
        "quotedbl" => '"',
        "quotesingle" => '\'',
        "exclam" => '!',
        "question" => '?',
        "ampersand" => '&',
        "plus" => '+',
        "equal" => '=',
        "endash" => '–',
        "emdash" => '—',
        "quotedblleft" => '“',
        "quotedblright" => '”',
        "quoteleft" => '‘',
        "quoteright" => '’',
        "ellipsis" => '…',
        "bullet" => '•',
        "degree" => '°',
        _ => return None,
    };
    Some(c.to_string())
}

/// A stream's bytes after its filters (raw when it has none).
pub fn stream_bytes(s: &lopdf::Stream) -> Option<Vec<u8>> {
    if s.dict.has(b"Filter") {
        s.decompressed_content().ok()
    } else {
        Some(s.content.clone())
    }
}

/// Follows references (a bounded number of times: a reference cycle is no hang).
pub fn deref<'a>(doc: &'a Document, mut o: &'a Object) -> &'a Object {
    for _ in 0..16 {
        match o {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(next) => o = next,
                Err(_) => return &Object::Null,
            },
            _ => return o,
        }
    }
    &Object::Null
}

/// A dictionary entry, references followed.
pub fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key)
        .ok()
        .map(|o| deref(doc, o))
        .filter(|o| !matches!(o, Object::Null))
}

fn name(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<Vec<u8>> {
    get(doc, dict, key)
        .and_then(|o| o.as_name().ok())
        .map(<[u8]>::to_vec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names_give_their_text() {
        assert_eq!(glyph_name_text(b"uni6587").as_deref(), Some("文"));
        assert_eq!(glyph_name_text(b"eight").as_deref(), Some("8"));
        assert_eq!(glyph_name_text(b"A").as_deref(), Some("A"));
        assert_eq!(glyph_name_text(b"g123"), None);
    }

    #[test]
    fn legacy_cmaps_are_recognized() {
        assert_eq!(legacy("GBK-EUC-H"), Some(encoding_rs::GB18030));
        assert_eq!(legacy("Identity-H"), None);
    }
}
