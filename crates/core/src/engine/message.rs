//! A finding's message as data: a key with its arguments, rendered in the reader's
//! language where it is shown (the CLI in English unless asked for Chinese, the app
//! in its UI language). Rules never format sentences themselves, so a Chinese window
//! never shows an English message, and the English wording (part of `check`'s JSON
//! contract) is written once, here.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "key")]
pub enum Message {
    /// `broken-line`: a paragraph printed over `lines` lines, `blank` blank ones inside.
    ParagraphBroken {
        lines: usize,
        blank: usize,
    },
    /// `doubled-glyph`: a fake-bold line, every glyph twice; `text` is the line undoubled.
    FakeBoldLine {
        text: String,
    },
    /// `doubled-glyph`: a bold caption whose digits and punctuation were read twice.
    GhostedCaption,
    /// `doubled-glyph`: one mark read twice (`，，`).
    DoubledMark {
        mark: char,
    },
    /// `halfwidth-punct`: `(…)` around Chinese.
    HalfwidthBrackets,
    /// `halfwidth-punct`: one half-width mark and its full-width form.
    HalfwidthMark {
        mark: char,
        full: char,
    },
    /// `spurious-space`.
    SpaceAtLineStart,
    SpaceBesidePunct,
    SpaceBetweenHan,
    SpaceAtLineEnd,
    BlankLineSpaces,
    /// `cjk-latin-spacing`, by the spacing setting.
    CjkLatinSpaceRemove,
    CjkLatinSpaceAdd,
    /// `unbalanced-quote`: a closer that should open (`”创文”`).
    QuoteShouldOpen {
        close: char,
        open: char,
    },
    QuoteClosesNothing {
        close: char,
    },
    QuoteNeverClosed {
        open: char,
    },
    /// `suspect-glyph`: `text` probably misread; `best` the likeliest reading ("" = delete).
    SuspectGlyph {
        text: String,
        best: String,
    },
    /// `low-confidence`: glyphs the OCR engine itself doubted (confidence in percent).
    LowConfidence {
        text: String,
        percent: u8,
    },
    /// `doubled-glyph` on a page with glyph positions: `count` glyphs drawn twice at
    /// one place (at most `offset_percent_em` hundredths of an em apart); `text` is
    /// the line without them.
    GhostAtSamePlace {
        count: usize,
        text: String,
        offset_percent_em: u16,
    },
    /// `bad-bytes`: the undecodable bytes, in hex (`E5 BC`).
    BadBytes {
        hex: String,
    },
}

impl Message {
    /// The message in `lang`. One exhaustive match: a new message cannot compile
    /// without both its English and its Chinese text.
    pub fn render(&self, lang: Lang) -> String {
        use Message::*;
        let (en, zh): (String, String) = match self {
            ParagraphBroken { lines, blank: 0 } => (
                format!("paragraph broken across {lines} lines: join"),
                format!("一段被拆成 {lines} 行：合并"),
            ),
            ParagraphBroken { lines, blank } => (
                format!("paragraph broken across {lines} lines ({blank} blank inside): join"),
                format!("一段被拆成 {lines} 行（其中 {blank} 个空行）：合并"),
            ),
            FakeBoldLine { text } => (
                format!("fake-bold line read twice: `{text}`"),
                format!("加粗标题被读了两遍：`{text}`"),
            ),
            GhostedCaption => (
                "bold caption read twice: digits and punctuation doubled".into(),
                "加粗图说被读了两遍：数字和标点重复".into(),
            ),
            DoubledMark { mark } => (format!("`{mark}` doubled"), format!("`{mark}` 重复")),
            HalfwidthBrackets => (
                "half-width brackets around Chinese: （）".into(),
                "中文外的半角括号：应为（）".into(),
            ),
            HalfwidthMark { mark, full } => (
                format!("half-width `{mark}` in Chinese text: `{full}`"),
                format!("中文里的半角 `{mark}`：应为 `{full}`"),
            ),
            SpaceAtLineStart => ("space at line start".into(), "行首空格".into()),
            SpaceBesidePunct => (
                "space beside full-width punctuation".into(),
                "全角标点旁的空格".into(),
            ),
            SpaceBetweenHan => (
                "space between Chinese characters".into(),
                "汉字之间的空格".into(),
            ),
            SpaceAtLineEnd => ("space at line end".into(), "行尾空格".into()),
            BlankLineSpaces => ("blank line holds spaces".into(), "空行里有空格".into()),
            CjkLatinSpaceRemove => (
                "space between Chinese and Latin/digits (setting: remove)".into(),
                "中文与西文/数字之间的空格（设置：去掉）".into(),
            ),
            CjkLatinSpaceAdd => (
                "no space between Chinese and Latin/digits (setting: add)".into(),
                "中文与西文/数字之间没有空格（设置：加上）".into(),
            ),
            QuoteShouldOpen { close, open } => (
                format!("`{close}` should open: `{open}`"),
                format!("`{close}` 应为开引号：`{open}`"),
            ),
            QuoteClosesNothing { close } => (
                format!("`{close}` closes nothing in this paragraph"),
                format!("本段中 `{close}` 没有对应的开引号或括号"),
            ),
            QuoteNeverClosed { open } => (
                format!("`{open}` is never closed in this paragraph"),
                format!("本段中 `{open}` 没有闭合"),
            ),
            SuspectGlyph { text, best } if best.is_empty() => (
                format!("`{text}` is probably a speck read as a glyph: delete?"),
                format!("`{text}` 可能是污点被识别成了字：删除？"),
            ),
            LowConfidence { text, percent } => (
                format!(
                    "the OCR engine was unsure of `{text}` ({percent}%): check against the scan"
                ),
                format!("OCR 对 `{text}` 把握不大（{percent}%）：请对照原图核对"),
            ),
            GhostAtSamePlace {
                count,
                text,
                offset_percent_em,
            } => (
                format!(
                    "{count} glyph(s) drawn twice at one place (≤ {:.2} em apart, bold print's ghosts): `{text}`",
                    *offset_percent_em as f32 / 100.0
                ),
                format!(
                    "{count} 个字在同一位置印了两次（相距 ≤ {:.2} 字宽，加粗造成的重影）：`{text}`",
                    *offset_percent_em as f32 / 100.0
                ),
            ),
            BadBytes { hex } => (
                format!("undecodable bytes {hex} (kept as they are)"),
                format!("无法解码的字节 {hex}（原样保留）"),
            ),
            SuspectGlyph { text, best } => (
                format!("`{text}` is probably misread: `{best}`?"),
                format!("`{text}` 可能是形近字误识：`{best}`？"),
            ),
        };
        if lang == Lang::Zh { zh } else { en }
    }
}

/// English: the wording of `check`'s text and JSON output.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message has a text in both languages, and the Chinese one is Chinese.
    #[test]
    fn every_message_in_both_languages() {
        let all = [
            Message::ParagraphBroken { lines: 3, blank: 0 },
            Message::ParagraphBroken { lines: 3, blank: 1 },
            Message::FakeBoldLine {
                text: "基本规定".into(),
            },
            Message::GhostedCaption,
            Message::DoubledMark { mark: '，' },
            Message::HalfwidthBrackets,
            Message::HalfwidthMark {
                mark: ',',
                full: '，',
            },
            Message::SpaceAtLineStart,
            Message::SpaceBesidePunct,
            Message::SpaceBetweenHan,
            Message::SpaceAtLineEnd,
            Message::BlankLineSpaces,
            Message::CjkLatinSpaceRemove,
            Message::CjkLatinSpaceAdd,
            Message::QuoteShouldOpen {
                close: '”',
                open: '“',
            },
            Message::QuoteClosesNothing { close: '”' },
            Message::QuoteNeverClosed { open: '“' },
            Message::SuspectGlyph {
                text: "杜会".into(),
                best: "社会".into(),
            },
            Message::SuspectGlyph {
                text: "丶".into(),
                best: String::new(),
            },
            Message::BadBytes {
                hex: "E5 BC".into(),
            },
            Message::LowConfidence {
                text: "菏".into(),
                percent: 14,
            },
            Message::GhostAtSamePlace {
                count: 2,
                text: "8月26日".into(),
                offset_percent_em: 3,
            },
        ];
        for m in &all {
            let (en, zh) = (m.render(Lang::En), m.render(Lang::Zh));
            assert!(!en.is_empty() && !zh.is_empty(), "{m:?}");
            assert_ne!(en, zh, "{m:?}");
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{m:?}: {zh}"
            );
        }
    }
}
