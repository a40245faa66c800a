//! A small JSON reader that keeps where every value stands in the source:
//! PaddleOCR's JSON is rewritten by splicing corrected strings into place, which
//! needs the byte range of each text (serde_json's values have none). Strings are
//! decoded by serde_json itself, so escapes follow the standard exactly.

use std::ops::Range;

use crate::error::{OcrError, line_col};

/// Deeper nesting than any OCR output has is refused (no stack exhaustion).
const MAX_DEPTH: usize = 128;

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct JVal {
    /// The whole value; for a string, its inside without the quotes.
    pub span: Range<usize>,
    pub kind: JKind,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum JKind {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<JVal>),
    Obj(Vec<(String, JVal)>),
}

impl JVal {
    pub fn get(&self, key: &str) -> Option<&JVal> {
        match &self.kind {
            JKind::Obj(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[JVal]> {
        match &self.kind {
            JKind::Arr(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_f32(&self) -> Option<f32> {
        match self.kind {
            JKind::Num(n) if n.is_finite() => Some(n as f32),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            JKind::Str(s) => Some(s),
            _ => None,
        }
    }
}

pub(crate) fn parse(src: &str, format: &'static str) -> Result<JVal, OcrError> {
    let mut p = Parser {
        src,
        pos: 0,
        format,
    };
    if src.starts_with('\u{feff}') {
        p.pos = 3;
    }
    let v = p.value(0)?;
    p.ws();
    if p.pos < src.len() {
        return Err(p.error("text after the JSON value"));
    }
    Ok(v)
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    format: &'static str,
}

impl Parser<'_> {
    fn error(&self, message: &str) -> OcrError {
        let (line, column) = line_col(self.src, self.pos);
        OcrError::Syntax {
            format: self.format,
            line,
            column,
            message: message.to_owned(),
        }
    }

    fn ws(&mut self) {
        let b = self.src.as_bytes();
        while self.pos < b.len() && matches!(b[self.pos], b' ' | b'\t' | b'\n' | b'\r') {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.pos).copied()
    }

    fn value(&mut self, depth: usize) -> Result<JVal, OcrError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.ws();
        let start = self.pos;
        let kind = match self.peek() {
            None => return Err(self.error("unexpected end of the file")),
            Some(b'{') => {
                self.pos += 1;
                let mut members = Vec::new();
                self.ws();
                if self.peek() == Some(b'}') {
                    self.pos += 1;
                } else {
                    loop {
                        self.ws();
                        if self.peek() != Some(b'"') {
                            return Err(self.error("expected a string key"));
                        }
                        let key = self.string()?.0;
                        self.ws();
                        if self.peek() != Some(b':') {
                            return Err(self.error("expected ':'"));
                        }
                        self.pos += 1;
                        let v = self.value(depth + 1)?;
                        members.push((key, v));
                        self.ws();
                        match self.peek() {
                            Some(b',') => self.pos += 1,
                            Some(b'}') => {
                                self.pos += 1;
                                break;
                            }
                            _ => return Err(self.error("expected ',' or '}'")),
                        }
                    }
                }
                JKind::Obj(members)
            }
            Some(b'[') => {
                self.pos += 1;
                let mut items = Vec::new();
                self.ws();
                if self.peek() == Some(b']') {
                    self.pos += 1;
                } else {
                    loop {
                        items.push(self.value(depth + 1)?);
                        self.ws();
                        match self.peek() {
                            Some(b',') => self.pos += 1,
                            Some(b']') => {
                                self.pos += 1;
                                break;
                            }
                            _ => return Err(self.error("expected ',' or ']'")),
                        }
                    }
                }
                JKind::Arr(items)
            }
            Some(b'"') => {
                let (s, inner) = self.string()?;
                return Ok(JVal {
                    span: inner,
                    kind: JKind::Str(s),
                });
            }
            Some(b't') => self.literal("true", JKind::Bool(true))?,
            Some(b'f') => self.literal("false", JKind::Bool(false))?,
            Some(b'n') => self.literal("null", JKind::Null)?,
            Some(b'-' | b'0'..=b'9') => {
                let b = self.src.as_bytes();
                while self.pos < b.len()
                    && matches!(b[self.pos], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    self.pos += 1;
                }
                let text = &self.src[start..self.pos];
                match text.parse::<f64>() {
                    Ok(n) => JKind::Num(n),
                    Err(_) => {
                        self.pos = start;
                        return Err(self.error(&format!("{text:?} is not a number")));
                    }
                }
            }
            Some(_) => return Err(self.error("expected a JSON value")),
        };
        Ok(JVal {
            span: start..self.pos,
            kind,
        })
    }

    fn literal(&mut self, word: &str, kind: JKind) -> Result<JKind, OcrError> {
        if self.src[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(kind)
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    /// A string at `pos` (on its opening quote): the decoded text and the range
    /// inside the quotes.
    fn string(&mut self) -> Result<(String, Range<usize>), OcrError> {
        let start = self.pos;
        let b = self.src.as_bytes();
        let mut i = start + 1;
        loop {
            match b.get(i) {
                None => return Err(self.error("unterminated string")),
                Some(b'\\') => i += 2,
                Some(b'"') => break,
                Some(_) => i += 1,
            }
        }
        let token = self.src.get(start..=i).unwrap_or("");
        let decoded: String = serde_json::from_str(token).map_err(|e| {
            let (line, column) = line_col(self.src, start);
            OcrError::Syntax {
                format: self.format,
                line,
                column: column + e.column().saturating_sub(1),
                message: format!("bad string: {e}"),
            }
        })?;
        self.pos = i + 1;
        Ok((decoded, start + 1..i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_strings_are_inside_the_quotes() {
        let src = r#"{"a": ["x\"y", 1.5, null]}"#;
        let v = parse(src, "t").unwrap();
        let a = v.get("a").unwrap().as_array().unwrap();
        assert_eq!(a[0].as_str(), Some("x\"y"));
        assert_eq!(&src[a[0].span.clone()], r#"x\"y"#);
        assert_eq!(a[1].as_f32(), Some(1.5));
    }

    #[test]
    fn errors_say_where() {
        let e = parse("[1,\n  2,\n  }", "t").unwrap_err();
        assert!(
            matches!(
                e,
                OcrError::Syntax {
                    line: 3,
                    column: 3,
                    ..
                }
            ),
            "{e:?}"
        );
        assert!(parse(&"[".repeat(1000), "t").is_err());
        assert!(parse("\"\\", "t").is_err());
    }
}
