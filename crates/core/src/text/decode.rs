//! Bytes ⇄ text. A page is read once, its encoding and line-ending style are
//! remembered, and the same bytes shape is produced again on save: an archive's
//! GB18030 page must not come back as UTF-8.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The encodings jiaodui reads and writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum TextEncoding {
    #[default]
    Utf8,
    Utf8Bom,
    Gb18030,
    Utf16LeBom,
    Utf16BeBom,
    /// UTF-16 without a byte order mark (recognised by its NUL high bytes).
    Utf16Le,
    Utf16Be,
}

impl TextEncoding {
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 BOM",
            TextEncoding::Gb18030 => "GB18030",
            TextEncoding::Utf16LeBom => "UTF-16LE",
            TextEncoding::Utf16BeBom => "UTF-16BE",
            TextEncoding::Utf16Le => "UTF-16LE (no BOM)",
            TextEncoding::Utf16Be => "UTF-16BE (no BOM)",
        }
    }
}

/// Line-ending style of a page, kept so that saving does not rewrite every line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum LineEnding {
    #[default]
    Lf,
    CrLf,
    /// Lone carriage returns (old Mac files).
    Cr,
}

impl LineEnding {
    pub fn label(self) -> &'static str {
        match self {
            LineEnding::Lf => "LF",
            LineEnding::CrLf => "CRLF",
            LineEnding::Cr => "CR",
        }
    }

    fn bytes(self) -> &'static str {
        match self {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
            LineEnding::Cr => "\r",
        }
    }
}

/// How a page was stored on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TextFormat {
    pub encoding: TextEncoding,
    pub line_ending: LineEnding,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("not a text file: NUL byte at offset {byte_offset}")]
    Binary { byte_offset: usize },
    #[error(
        "cannot decode the file as UTF-8, GB18030 or UTF-16 (first bad byte at offset {byte_offset})"
    )]
    Undecodable { byte_offset: usize },
}

/// Decoded page text: always `\n` line endings inside, whatever the file had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub format: TextFormat,
    /// What the format alone cannot say about the bytes (see [`ByteDetails`]).
    pub details: ByteDetails,
}

/// First code point of the range that stands for undecodable bytes: byte `b` of a
/// damaged UTF-8 page is read as `RAW_BYTE_BASE + b` (the last 256 code points of
/// Supplementary Private Use Area-B, which no newspaper text uses) and written back
/// as `b`. The `bad-bytes` rule reports them; nothing fixes them.
pub const RAW_BYTE_BASE: u32 = 0x10_FF00;

/// The byte an undecodable-byte character stands for, if `c` is one.
pub fn raw_byte(c: char) -> Option<u8> {
    u8::try_from(u32::from(c).checked_sub(RAW_BYTE_BASE)?).ok()
}

/// Everything about a page's bytes that its [`TextFormat`] does not say, kept so
/// that what no edit touched is written back byte for byte:
///
/// - which lines end otherwise than the page's majority ending (mixed LF/CRLF);
/// - which `€` of a GBK page were the one-byte `0x80` (GB18030 writes `A2 E3`);
/// - whether undecodable bytes were read as [`RAW_BYTE_BASE`]` + b` characters.
///
/// Lines and euros are kept as ordinals (the n-th `\n`, the n-th `€`) and moved
/// along with every edit by [`ByteDetails::rebase`]; a newline an edit inserts gets
/// the page's ending, a joined line keeps the ending of its last part (whose `\n`
/// the join does not touch).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ByteDetails {
    /// Ordinals of the `\n`s written as `other_ending` instead of the format's.
    pub other_endings: Vec<usize>,
    pub other_ending: LineEnding,
    /// Ordinals of the `€`s written as the single byte `0x80` (GB18030 pages).
    pub one_byte_euros: Vec<usize>,
    /// The page had undecodable bytes, read as raw-byte characters.
    pub raw_bytes: bool,
}

impl ByteDetails {
    pub fn is_plain(&self) -> bool {
        self.other_endings.is_empty() && self.one_byte_euros.is_empty() && !self.raw_bytes
    }

    /// Moves the ordinals along with `edits` (sorted, non-overlapping byte ranges of
    /// `old` and their replacements): marks inside a replaced range go, later ones
    /// shift by the number of marked characters removed and inserted before them.
    pub fn rebase<'e>(
        &mut self,
        old: &str,
        edits: impl IntoIterator<Item = (std::ops::Range<usize>, &'e str)> + Clone,
    ) {
        if !self.other_endings.is_empty() {
            rebase_marks(&mut self.other_endings, old, '\n', edits.clone());
        }
        if !self.one_byte_euros.is_empty() {
            rebase_marks(&mut self.one_byte_euros, old, '€', edits);
        }
    }
}

fn rebase_marks<'e>(
    marks: &mut Vec<usize>,
    old: &str,
    c: char,
    edits: impl IntoIterator<Item = (std::ops::Range<usize>, &'e str)>,
) {
    let count = |s: &str| -> usize {
        if c.is_ascii() {
            memchr::memchr_iter(c as u8, s.as_bytes()).count()
        } else {
            s.matches(c).count()
        }
    };
    let mut out = Vec::with_capacity(marks.len());
    let mut it = marks.iter().copied().peekable();
    let (mut seen, mut pos, mut shift) = (0usize, 0usize, 0isize);
    for (range, insert) in edits {
        let (Some(before), Some(inside)) = (old.get(pos..range.start), old.get(range.clone()))
        else {
            return;
        };
        seen += count(before);
        let removed = count(inside);
        // Marks before the edit keep their place (shifted by earlier edits).
        while let Some(&m) = it.peek().filter(|&&m| m < seen) {
            out.push(m.saturating_add_signed(shift));
            it.next();
        }
        // Marks inside it go with it.
        while it.peek().is_some_and(|&m| m < seen + removed) {
            it.next();
        }
        seen += removed;
        shift += count(insert) as isize - removed as isize;
        pos = range.end;
    }
    out.extend(it.map(|m| m.saturating_add_signed(shift)));
    *marks = out;
}

/// Detects the encoding and normalises line endings to `\n`.
///
/// The encoding: a BOM; else strict UTF-8; else UTF-8 with damage when the page is
/// plainly UTF-8 but for a few bytes (at least four valid multi-byte characters for
/// every undecodable byte); else GB18030; else UTF-8 with damage when its valid
/// characters still outnumber the bad bytes. NUL bytes mean a binary file, unless
/// they sit where UTF-16 without a BOM has them (every other byte).
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let mut raw_bytes = false;
    let mut one_byte_euros = Vec::new();
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        match std::str::from_utf8(rest) {
            Ok(s) => (s.to_owned(), TextEncoding::Utf8Bom),
            Err(_) => {
                raw_bytes = true;
                (utf8_damaged(rest, 3)?, TextEncoding::Utf8Bom)
            }
        }
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        (utf16(UTF_16LE, bytes)?, TextEncoding::Utf16LeBom)
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        (utf16(UTF_16BE, bytes)?, TextEncoding::Utf16BeBom)
    } else {
        if let Some(pos) = memchr::memchr(0, bytes) {
            return match utf16_without_bom(bytes) {
                Some((text, encoding)) => finish(text, encoding, ByteDetails::default()),
                None => Err(DecodeError::Binary { byte_offset: pos }),
            };
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_owned(), TextEncoding::Utf8),
            Err(utf8_err) => {
                let (good, bad) = utf8_evidence(bytes);
                if good >= 4 * bad {
                    raw_bytes = true;
                    (utf8_damaged(bytes, 0)?, TextEncoding::Utf8)
                } else {
                    match GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
                        Some(s) => {
                            one_byte_euros = gbk_one_byte_euros(bytes);
                            (s.into_owned(), TextEncoding::Gb18030)
                        }
                        None if good > bad => {
                            raw_bytes = true;
                            (utf8_damaged(bytes, 0)?, TextEncoding::Utf8)
                        }
                        None => {
                            return Err(DecodeError::Undecodable {
                                byte_offset: utf8_err.valid_up_to(),
                            });
                        }
                    }
                }
            }
        }
    };
    finish(
        text,
        encoding,
        ByteDetails {
            one_byte_euros,
            raw_bytes,
            ..ByteDetails::default()
        },
    )
}

/// Line endings: all `\r\n`, all `\n`, or lone `\r` (a file with no `\n` at all);
/// a mix of `\n` and `\r\n` takes the majority as the page's ending and remembers
/// the other lines in `details`.
fn finish(
    text: String,
    encoding: TextEncoding,
    mut details: ByteDetails,
) -> Result<Decoded, DecodeError> {
    if let Some(pos) = text.find('\0') {
        return Err(DecodeError::Binary { byte_offset: pos });
    }
    let bytes = text.as_bytes();
    let (mut lf, mut crlf) = (0usize, 0usize);
    for i in memchr::memchr_iter(b'\n', bytes) {
        if i > 0 && bytes[i - 1] == b'\r' {
            crlf += 1;
        } else {
            lf += 1;
        }
    }
    let format = |line_ending| TextFormat {
        encoding,
        line_ending,
    };
    if lf == 0 && crlf == 0 {
        if memchr::memchr(b'\r', bytes).is_some() {
            return Ok(Decoded {
                text: text.replace('\r', "\n"),
                format: format(LineEnding::Cr),
                details,
            });
        }
        return Ok(Decoded {
            text,
            format: format(LineEnding::Lf),
            details,
        });
    }
    if crlf == 0 {
        return Ok(Decoded {
            text,
            format: format(LineEnding::Lf),
            details,
        });
    }
    let (line_ending, other) = if crlf >= lf {
        (LineEnding::CrLf, LineEnding::Lf)
    } else {
        (LineEnding::Lf, LineEnding::CrLf)
    };
    // One pass: drop the `\r` of every `\r\n`, note the lines in the minority.
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (ordinal, i) in memchr::memchr_iter(b'\n', bytes).enumerate() {
        let is_crlf = i > 0 && bytes[i - 1] == b'\r';
        if is_crlf != (line_ending == LineEnding::CrLf) {
            details.other_endings.push(ordinal);
        }
        out.push_str(&text[last..if is_crlf { i - 1 } else { i }]);
        out.push('\n');
        last = i + 1;
    }
    out.push_str(&text[last..]);
    details.other_ending = other;
    Ok(Decoded {
        text: out,
        format: format(line_ending),
        details,
    })
}

/// Valid multi-byte UTF-8 characters and undecodable bytes in `bytes`.
fn utf8_evidence(bytes: &[u8]) -> (usize, usize) {
    let (mut good, mut bad) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += chunk.invalid().len();
    }
    (good, bad)
}

/// UTF-8 with its undecodable bytes read as raw-byte characters. Refused when the
/// valid text itself has such characters (they could not be told apart).
fn utf8_damaged(bytes: &[u8], skipped: usize) -> Result<String, DecodeError> {
    let mut text = String::with_capacity(bytes.len() + 8);
    let mut offset = skipped;
    for chunk in bytes.utf8_chunks() {
        if let Some(i) = chunk.valid().find(|c| raw_byte(c).is_some()) {
            return Err(DecodeError::Undecodable {
                byte_offset: offset + i,
            });
        }
        text.push_str(chunk.valid());
        for &b in chunk.invalid() {
            text.push(char::from_u32(RAW_BYTE_BASE + u32::from(b)).unwrap_or('\u{FFFD}'));
        }
        offset += chunk.valid().len() + chunk.invalid().len();
    }
    Ok(text)
}

/// Ordinals of the `€`s a GB18030 page wrote as the one-byte `0x80` of GBK (the
/// other `€`s are `A2 E3`); walks the byte structure of a page that decoded.
fn gbk_one_byte_euros(bytes: &[u8]) -> Vec<usize> {
    let mut marks = Vec::new();
    let (mut i, mut euros) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        if b == 0x80 {
            marks.push(euros);
            euros += 1;
            i += 1;
        } else if b < 0x80 {
            i += 1;
        } else if bytes.get(i + 1).is_some_and(|n| (0x30..=0x39).contains(n)) {
            i += 4;
        } else {
            if b == 0xA2 && bytes.get(i + 1) == Some(&0xE3) {
                euros += 1;
            }
            i += 2;
        }
    }
    marks
}

/// UTF-16 without a BOM: an even length, NULs only in the high byte of each unit
/// (mostly ASCII: digits, spaces, line breaks), and strict decoding succeeds.
fn utf16_without_bom(bytes: &[u8]) -> Option<(String, TextEncoding)> {
    if bytes.len() % 2 != 0 {
        return None;
    }
    let zeros_at = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let (enc, encoding) = if even == 0 && odd > 0 {
        (UTF_16LE, TextEncoding::Utf16Le)
    } else if odd == 0 && even > 0 {
        (UTF_16BE, TextEncoding::Utf16Be)
    } else {
        return None;
    };
    let text = enc.decode_without_bom_handling_and_without_replacement(bytes)?;
    // Text, not binary data that happens to fit: without a BOM to vouch for it,
    // every character must be one a Chinese page is made of (layout controls,
    // printable ASCII and Latin-1, general and CJK punctuation, Han, full-width
    // forms); anything else (`ff 00 fe 20` → ÿ and a combining mark) is binary.
    let plausible = |c: char| {
        matches!(c, '\n' | '\r' | '\t' | '\u{c}' | ' '..='~' | '\u{a0}'..='\u{ff}')
            || ('\u{2000}'..='\u{206f}').contains(&c)
            || ('\u{3000}'..='\u{303f}').contains(&c)
            || ('\u{3400}'..='\u{9fff}').contains(&c)
            || ('\u{ff00}'..='\u{ffef}').contains(&c)
    };
    if !text.chars().all(plausible) {
        return None;
    }
    Some((text.into_owned(), encoding))
}

fn utf16(enc: &'static Encoding, bytes: &[u8]) -> Result<String, DecodeError> {
    let body = &bytes[2..];
    if body.len() % 2 != 0 {
        return Err(DecodeError::Undecodable {
            byte_offset: bytes.len() - 1,
        });
    }
    enc.decode_without_bom_handling_and_without_replacement(body)
        .map(|s| s.into_owned())
        .ok_or(DecodeError::Undecodable { byte_offset: 2 })
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum EncodeError {
    #[error("character {ch:?} at byte {byte_offset} cannot be written in {encoding}")]
    Unmappable {
        ch: char,
        byte_offset: usize,
        encoding: &'static str,
    },
    #[error(
        "the text written in GB18030 would read back as UTF-8 (different text); save it as UTF-8 instead"
    )]
    ReadsAsUtf8,
}

/// Encodes `\n`-separated text in the given format (BOM and line endings included).
pub fn encode(text: &str, format: TextFormat) -> Result<Vec<u8>, EncodeError> {
    encode_exact(text, format, &ByteDetails::default())
}

/// [`encode`], writing each line's own ending, each `€` in its own form and
/// raw-byte characters as their bytes, as `details` says.
pub fn encode_exact(
    text: &str,
    format: TextFormat,
    details: &ByteDetails,
) -> Result<Vec<u8>, EncodeError> {
    let owned;
    let text = if format.line_ending == LineEnding::Lf && details.other_endings.is_empty() {
        text
    } else {
        // Every `\n` becomes its line's ending, nothing else: a `\r` already in the
        // text is a stray one the file had (`\r\r\n` reads as `\r\n`) and is kept.
        let mut out = String::with_capacity(text.len() + text.len() / 16);
        let mut others = details.other_endings.iter().peekable();
        let mut last = 0;
        for (ordinal, i) in memchr::memchr_iter(b'\n', text.as_bytes()).enumerate() {
            out.push_str(&text[last..i]);
            let ending = if others.next_if(|&&o| o == ordinal).is_some() {
                details.other_ending
            } else {
                format.line_ending
            };
            out.push_str(ending.bytes());
            last = i + 1;
        }
        out.push_str(&text[last..]);
        owned = out;
        owned.as_str()
    };
    let utf8 = |bom: &[u8]| -> Vec<u8> {
        let mut out = Vec::with_capacity(bom.len() + text.len());
        out.extend_from_slice(bom);
        if details.raw_bytes {
            let mut buf = [0; 4];
            for c in text.chars() {
                match raw_byte(c) {
                    Some(b) => out.push(b),
                    None => out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes()),
                }
            }
        } else {
            out.extend_from_slice(text.as_bytes());
        }
        out
    };
    let utf16 = |bom: &[u8], be: bool| -> Vec<u8> {
        let mut out = bom.to_vec();
        out.reserve(text.len() * 2);
        for unit in text.encode_utf16() {
            out.extend(if be {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        out
    };
    Ok(match format.encoding {
        TextEncoding::Utf8 => utf8(&[]),
        TextEncoding::Utf8Bom => utf8(&[0xEF, 0xBB, 0xBF]),
        TextEncoding::Gb18030 => gb18030(text, &details.one_byte_euros)?,
        TextEncoding::Utf16LeBom => utf16(&[0xFF, 0xFE], false),
        TextEncoding::Utf16BeBom => utf16(&[0xFE, 0xFF], true),
        TextEncoding::Utf16Le => utf16(&[], false),
        TextEncoding::Utf16Be => utf16(&[], true),
    })
}

/// GB18030 bytes of `text` that read back as `text`.
///
/// A page is taken for GB18030 only when it is not valid UTF-8, and GB18030 bytes
/// of non-ASCII text are almost never valid UTF-8 — unless the page had a byte
/// that GB18030 reads but writes differently: the lone `0x80` of GBK (Windows
/// code page 936) reads as `€`, written back as `A2 E3`. Found by fuzzing: `E3 80
/// 80 90 80` read as GB18030 was written as `E3 80 A2 E3 90 80`, which is valid
/// UTF-8 (`〢㐀`), so the saved page would have reopened as other text. Then `€` is
/// written as `0x80` again; if the bytes still read as UTF-8, saving is refused.
fn gb18030(text: &str, one_byte_euros: &[usize]) -> Result<Vec<u8>, EncodeError> {
    let encode_part = |part: &str| -> Result<Vec<u8>, EncodeError> {
        // GB18030 maps all of Unicode, so this never fails; keep the check honest anyway.
        let (bytes, _, had_errors) = GB18030.encode(part);
        if had_errors {
            let (byte_offset, ch) = text
                .char_indices()
                .find(|&(_, c)| c == '\u{FFFD}')
                .unwrap_or((0, '?'));
            return Err(EncodeError::Unmappable {
                ch,
                byte_offset,
                encoding: "GB18030",
            });
        }
        Ok(bytes.into_owned())
    };
    let reads_as_utf8 = |bytes: &[u8]| !text.is_ascii() && std::str::from_utf8(bytes).is_ok();
    // The page's own one-byte euros are written as it had them.
    let euros = |one_byte: &dyn Fn(usize) -> bool| -> Result<Vec<u8>, EncodeError> {
        let mut out = Vec::with_capacity(text.len());
        for (i, part) in text.split('€').enumerate() {
            if i > 0 {
                out.extend_from_slice(if one_byte(i - 1) {
                    &[0x80]
                } else {
                    &[0xA2, 0xE3]
                });
            }
            out.extend(encode_part(part)?);
        }
        Ok(out)
    };
    let bytes = if one_byte_euros.is_empty() {
        encode_part(text)?
    } else {
        euros(&|i| one_byte_euros.binary_search(&i).is_ok())?
    };
    if !reads_as_utf8(&bytes) {
        return Ok(bytes);
    }
    if text.contains('€') {
        let one_byte_euro = euros(&|_| true)?;
        if !reads_as_utf8(&one_byte_euro) {
            return Ok(one_byte_euro);
        }
    }
    Err(EncodeError::ReadsAsUtf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str, format: TextFormat) {
        let bytes = encode(text, format).unwrap();
        let back = decode(&bytes).unwrap();
        assert_eq!(back.text, text);
        assert_eq!(back.format, format);
    }

    #[test]
    fn all_formats_round_trip() {
        for encoding in [
            TextEncoding::Utf8,
            TextEncoding::Utf8Bom,
            TextEncoding::Gb18030,
            TextEncoding::Utf16LeBom,
            TextEncoding::Utf16BeBom,
        ] {
            for line_ending in [LineEnding::Lf, LineEnding::CrLf] {
                round_trip(
                    "本报讯（记者 王晨）\n近日，开发区 LED 屏。\n",
                    TextFormat {
                        encoding,
                        line_ending,
                    },
                );
            }
        }
    }

    #[test]
    fn gbk_bytes_are_detected() {
        let (bytes, _, _) = GB18030.encode("近日，开发区");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "近日，开发区");
        assert_eq!(d.format.encoding, TextEncoding::Gb18030);
    }

    #[test]
    fn binary_is_rejected() {
        assert_eq!(
            decode(b"abc\0def"),
            Err(DecodeError::Binary { byte_offset: 3 })
        );
        assert!(matches!(
            decode(&[0x89, b'P', b'N', b'G', 0xFF, 0xFF, 0x00]),
            Err(DecodeError::Binary { .. })
        ));
    }

    #[test]
    fn undecodable_is_rejected() {
        assert!(matches!(
            decode(&[0xFF, 0xFF, 0xFF, 0x81]),
            Err(DecodeError::Undecodable { .. })
        ));
    }

    #[test]
    fn gbk_euro_byte_is_written_so_that_it_reads_back() {
        let bytes = [0xE3, 0x80, 0x80, 0x90, 0x80];
        let read = decode(&bytes).unwrap();
        assert_eq!(read.format.encoding, TextEncoding::Gb18030);
        assert!(read.text.contains('€'));
        let written = encode(&read.text, read.format).unwrap();
        assert_eq!(decode(&written).unwrap(), read);
        // A € that does not make the page look like UTF-8 keeps its two-byte form.
        let (euro, _, _) = GB18030.encode("近日€");
        assert_eq!(encode("近日€", read.format).unwrap(), euro.into_owned());
    }

    #[test]
    fn stray_carriage_returns_survive_a_crlf_save() {
        let bytes = b"a\r\r\nb\r\n";
        let read = decode(bytes).unwrap();
        assert_eq!(read.text, "a\r\nb\n");
        assert_eq!(encode(&read.text, read.format).unwrap(), bytes);
    }

    #[test]
    fn empty_is_utf8() {
        assert_eq!(decode(b"").unwrap().text, "");
    }
}
