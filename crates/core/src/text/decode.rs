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
}

impl TextEncoding {
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 BOM",
            TextEncoding::Gb18030 => "GB18030",
            TextEncoding::Utf16LeBom => "UTF-16LE",
            TextEncoding::Utf16BeBom => "UTF-16BE",
        }
    }
}

/// Line-ending style of a page, kept so that saving does not rewrite every line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum LineEnding {
    #[default]
    Lf,
    CrLf,
}

impl LineEnding {
    pub fn label(self) -> &'static str {
        match self {
            LineEnding::Lf => "LF",
            LineEnding::CrLf => "CRLF",
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
}

/// Detects the encoding (BOM, then strict UTF-8, then GB18030) and normalises
/// line endings to `\n`. NUL bytes outside UTF-16 mean a binary file.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        (utf8_strict(rest, 3)?, TextEncoding::Utf8Bom)
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        (utf16(UTF_16LE, bytes)?, TextEncoding::Utf16LeBom)
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        (utf16(UTF_16BE, bytes)?, TextEncoding::Utf16BeBom)
    } else {
        if let Some(pos) = memchr::memchr(0, bytes) {
            return Err(DecodeError::Binary { byte_offset: pos });
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_owned(), TextEncoding::Utf8),
            Err(utf8_err) => {
                match GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
                    Some(s) => (s.into_owned(), TextEncoding::Gb18030),
                    None => {
                        return Err(DecodeError::Undecodable {
                            byte_offset: utf8_err.valid_up_to(),
                        });
                    }
                }
            }
        }
    };
    if let Some(pos) = text.find('\0') {
        return Err(DecodeError::Binary { byte_offset: pos });
    }
    let crlf = text.contains("\r\n");
    let text = if crlf {
        text.replace("\r\n", "\n")
    } else {
        text
    };
    let line_ending = if crlf {
        LineEnding::CrLf
    } else {
        LineEnding::Lf
    };
    Ok(Decoded {
        text,
        format: TextFormat {
            encoding,
            line_ending,
        },
    })
}

fn utf8_strict(bytes: &[u8], skipped: usize) -> Result<String, DecodeError> {
    std::str::from_utf8(bytes)
        .map(str::to_owned)
        .map_err(|e| DecodeError::Undecodable {
            byte_offset: skipped + e.valid_up_to(),
        })
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
    let owned;
    let text = match format.line_ending {
        LineEnding::Lf => text,
        LineEnding::CrLf => {
            // Every `\n` becomes `\r\n`, nothing else: a `\r` already in the text
            // is a stray one the file had (`\r\r\n` reads as `\r\n`) and is kept.
            owned = text.replace('\n', "\r\n");
            owned.as_str()
        }
    };
    Ok(match format.encoding {
        TextEncoding::Utf8 => text.as_bytes().to_vec(),
        TextEncoding::Utf8Bom => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        TextEncoding::Gb18030 => gb18030(text)?,
        TextEncoding::Utf16LeBom => {
            let mut out = vec![0xFF, 0xFE];
            out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            out
        }
        TextEncoding::Utf16BeBom => {
            let mut out = vec![0xFE, 0xFF];
            out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
            out
        }
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
fn gb18030(text: &str) -> Result<Vec<u8>, EncodeError> {
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
    let bytes = encode_part(text)?;
    if !reads_as_utf8(&bytes) {
        return Ok(bytes);
    }
    if text.contains('€') {
        let mut one_byte_euro = Vec::with_capacity(bytes.len());
        for (i, part) in text.split('€').enumerate() {
            if i > 0 {
                one_byte_euro.push(0x80);
            }
            one_byte_euro.extend(encode_part(part)?);
        }
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
