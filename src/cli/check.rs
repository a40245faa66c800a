use std::io::{self, BufWriter, Write};
use std::path::Path;

use anyhow::Result;
use serde::Serialize;

use super::args::{CheckArgs, CheckFormat};
use jiaodui_core::engine::{self, Finding};
use jiaodui_core::lang::Lang;
use jiaodui_core::page::Geometry;
use jiaodui_core::text::LineIndex;
use jiaodui_core::text::chars::escape_controls;
use jiaodui_desk::document::Document;

/// One finding as the JSON output spells it (a contract: field names are fixed).
#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'static str,
    line: usize,
    column: usize,
    text: &'a str,
    replacement: Option<String>,
    message: String,
    /// Ranked candidates of a finding the editor decides (`suspect-glyph`); then
    /// `replacement` is the best of them.
    #[serde(skip_serializing_if = "Option::is_none")]
    candidates: Option<Vec<String>>,
    /// 0–1, with `candidates`.
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<f32>,
    /// For a page with geometry (structured OCR): the page (1-based) and the box
    /// `[x0, y0, x1, y1]` in image pixels of the finding's glyphs (else its line).
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<usize>,
    #[serde(rename = "box", skip_serializing_if = "Option::is_none")]
    bbox: Option<[i64; 4]>,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: String,
    findings: Vec<JsonFinding<'a>>,
}

pub fn run(args: &CheckArgs) -> Result<u8> {
    let settings =
        super::house_words::settings(&args.rules, args.house_words.as_deref(), &args.files)?;
    let lang = super::lang(args.lang);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut found = false;
    let mut failed = false;
    for path in &args.files {
        let doc = match Document::load(path) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("jiaodui: {}", escape_controls(&e.to_string()));
                failed = true;
                continue;
            }
        };
        let findings = engine::analyze_with(doc.text(), &settings, doc.geometry()).findings;
        found |= !findings.is_empty();
        write_findings(
            &mut out,
            path,
            doc.text(),
            doc.geometry(),
            &findings,
            args.format,
            lang,
        )?;
    }
    out.flush()?;
    Ok(if failed {
        super::EXIT_ERROR
    } else if found {
        1
    } else {
        0
    })
}

pub(super) fn write_findings(
    out: &mut impl Write,
    path: &Path,
    text: &str,
    geometry: Option<&Geometry>,
    findings: &[Finding],
    format: CheckFormat,
    lang: Lang,
) -> Result<()> {
    let index = LineIndex::new(text);
    // Findings come in page order: one forward walk finds every column.
    let mut cursor = index.cursor(text);
    match format {
        CheckFormat::Text => {
            for f in findings {
                let pos = cursor.position(f.span_bytes.start);
                writeln!(
                    out,
                    "{}:{}:{}: {}: {}",
                    escape_controls(&path.display().to_string()),
                    pos.line,
                    pos.column_chars,
                    f.rule,
                    escape_controls(&f.message.render(lang))
                )?;
            }
        }
        CheckFormat::Json => {
            let findings = findings
                .iter()
                .map(|f| {
                    let pos = cursor.position(f.span_bytes.start);
                    let located =
                        geometry.and_then(|g| g.locate(index.starts(), f.span_bytes.clone()));
                    JsonFinding {
                        rule: f.rule.as_str(),
                        line: pos.line,
                        column: pos.column_chars,
                        text: f.original(text),
                        replacement: f.replacement(text).or_else(|| {
                            f.suggest
                                .as_ref()
                                .and_then(|s| s.candidates.first())
                                .map(|c| c.text.clone())
                        }),
                        message: f.message.render(lang),
                        candidates: f
                            .suggest
                            .as_ref()
                            .map(|s| s.candidates.iter().map(|c| c.text.clone()).collect()),
                        confidence: f
                            .suggest
                            .as_ref()
                            .map(|s| f32::from(s.confidence_milli) / 1000.0),
                        page: located.map(|(p, _)| p + 1),
                        bbox: located.map(|(_, b)| b.to_pixels()),
                    }
                })
                .collect();
            serde_json::to_writer(
                &mut *out,
                &JsonFile {
                    path: path.display().to_string(),
                    findings,
                },
            )?;
            writeln!(out)?;
        }
    }
    Ok(())
}
