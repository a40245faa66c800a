//! `low-confidence`: glyphs the OCR engine itself doubted. Structured OCR (hOCR
//! `x_wconf`, ALTO `WC`, PAGE `conf`, TSV, PaddleOCR scores) says how sure the
//! engine was of each word or glyph; the ones below the threshold in Settings are
//! exactly what an editor should compare with the scan. There is nothing to fix
//! automatically: the finding points, the editor decides.

use crate::engine::rule::{Colour, RuleInfo, Text};
use crate::engine::{Context, Finding, Message, RuleId, Severity};

/// The registry entry (see `engine/rule.rs`).
pub const RULE: RuleInfo = RuleInfo {
    id: "low-confidence",
    name: Text {
        en: "Low OCR confidence",
        zh: "识别把握低",
    },
    description: Text {
        en: "glyphs the OCR engine gave a confidence below the threshold in Settings (60% by default); only for pages with confidences (hOCR, ALTO, PAGE, TSV, PaddleOCR); compare with the scan, nothing is changed automatically",
        zh: "OCR 引擎把握低于设置阈值（默认 60%）的字；仅用于带置信度的页面（hOCR、ALTO、PAGE、TSV、PaddleOCR）；请对照原图，不会自动修改",
    },
    example: ("菏（14%）", "菏"),
    default_severity: Severity::Info,
    priority: 75,
    // Yellow-green: the broken-line orange it once shared a hue with is next door.
    colour: Colour {
        light: [140, 160, 0],
        dark: [200, 230, 50],
    },
    in_fix: false,
    check,
};

pub fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(geometry) = ctx.geometry else {
        return Vec::new();
    };
    let threshold = f32::from(ctx.settings.low_confidence_percent) / 100.0;
    let text = ctx.text;
    let mut out: Vec<Finding> = Vec::new();
    for line in geometry.lines.iter().flatten() {
        for piece in &line.pieces {
            let (Some(conf), r) = (piece.conf, piece.range_bytes.clone()) else {
                continue;
            };
            if conf >= threshold
                || r.start >= r.end
                || !text.is_char_boundary(r.start)
                || !text.is_char_boundary(r.end)
                || r.end > text.len()
            {
                continue;
            }
            let glyphs = &text[r.clone()];
            if glyphs.trim().is_empty() {
                continue;
            }
            let percent = (conf.clamp(0.0, 1.0) * 100.0).round() as u8;
            // Neighbouring doubtful pieces are one place to look at.
            if let Some(last) = out.last_mut().filter(|f| f.span_bytes.end == r.start) {
                let Message::LowConfidence { percent: p, .. } = last.message else {
                    continue;
                };
                last.span_bytes.end = r.end;
                last.message = Message::LowConfidence {
                    text: text[last.span_bytes.clone()].to_owned(),
                    percent: p.min(percent),
                };
                continue;
            }
            out.push(Finding::new(
                RuleId::LowConfidence,
                r,
                Vec::new(),
                Message::LowConfidence {
                    text: glyphs.to_owned(),
                    percent,
                },
            ));
        }
    }
    out.sort_by_key(|f| (f.span_bytes.start, f.span_bytes.end));
    out.dedup_by_key(|f| f.span_bytes.start);
    out
}

#[cfg(test)]
mod tests {
    use crate::engine::{RuleId, Settings, analyze, analyze_with};
    use crate::page::{BBox, OcrDocument, OcrLine, OcrPage, Piece};

    #[test]
    fn doubted_glyphs_are_reported_and_runs_merge() {
        let confs = [0.95, 0.14, 0.3, 0.97, 0.5];
        let line = OcrLine {
            text: "凤冈菏工闹".into(),
            pieces: confs
                .iter()
                .enumerate()
                .map(|(k, &c)| Piece {
                    range_bytes: k * 3..k * 3 + 3,
                    bbox: Some(BBox::new(
                        k as f32 * 40.0,
                        0.0,
                        k as f32 * 40.0 + 38.0,
                        40.0,
                    )),
                    conf: Some(c),
                })
                .collect(),
            bbox: Some(BBox::new(0.0, 0.0, 200.0, 40.0)),
            ..OcrLine::default()
        };
        let doc = OcrDocument {
            pages: vec![OcrPage {
                lines: vec![line],
                ..OcrPage::default()
            }],
        };
        let (text, geometry) = doc.to_text();
        let settings = Settings::only(&[RuleId::LowConfidence]);
        let found = analyze_with(&text, &settings, Some(&geometry)).findings;
        let spans: Vec<&str> = found.iter().map(|f| &text[f.span_bytes.clone()]).collect();
        assert_eq!(spans, ["冈菏", "闹"]);
        assert!(found[0].message.to_string().contains("14%"));
        assert!(found.iter().all(|f| f.edits.is_empty()));
        // Plain text has no confidences.
        assert!(analyze(&text, &settings).findings.is_empty());
    }
}
