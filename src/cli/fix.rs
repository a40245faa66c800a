use anyhow::{Result, bail};

use super::args::{FixArgs, OutputKind};
use jiaodui_core::engine::{self, Settings};
use jiaodui_desk::document::Document;

pub fn run(args: &FixArgs) -> Result<u8> {
    // Neither output may be the page (the raw OCR is evidence) or the other output.
    super::refuse_clashes(
        &[&args.file],
        &[args.output.as_deref(), args.report.as_deref()],
    )?;
    // A bad --report name is refused before anything is written.
    let report_format = args
        .report
        .as_deref()
        .map(super::diff::report_format)
        .transpose()?;
    let raw = super::read_page(&args.file)?;
    let mut doc = Document::from_bytes(&args.file, &raw)?;
    let settings = super::house_words::settings(
        &args.rules,
        args.house_words.as_deref(),
        std::slice::from_ref(&args.file),
    )?;
    let target = args.output.clone().unwrap_or_else(|| "-".into());
    let bytes = fixed_output(&mut doc, &settings, args.to, &target)?;
    super::diff::write_out(args.output.as_deref(), &bytes, args.force)?;
    if let (Some(report_path), Some(format)) = (&args.report, report_format) {
        let after_name = match &args.output {
            Some(p) if p.as_os_str() != "-" => p.display().to_string(),
            _ => "-".to_owned(),
        };
        super::diff::fix_report(
            &args.file,
            report_path,
            format,
            (&doc, &raw),
            (&doc, &bytes, after_name),
            &settings,
            args.force,
        )?;
    }
    Ok(0)
}

/// Fixes `doc` (its text becomes the fixed text) and returns what `fix --to`
/// writes: the text in the page's encoding, or the structured source with the
/// corrections written into its elements. The page's geometry, when it has one,
/// guides the layout.
pub(super) fn fixed_output(
    doc: &mut Document,
    settings: &Settings,
    to: OutputKind,
    target: &std::path::Path,
) -> Result<Vec<u8>> {
    let source = doc.structured_source();
    if to != OutputKind::Text {
        match &source {
            None => bail!(
                "--to {} needs a structured OCR input (hOCR, ALTO, PAGE XML, TSV, PaddleOCR JSON); this page is plain text",
                to.name()
            ),
            Some(s) if s.kind.write_back_name() != to.name() => bail!(
                "the page is {}: corrections can be written back only into its own format (--to {}) or as text (--to text)",
                s.kind.name(),
                s.kind.write_back_name()
            ),
            Some(_) => {}
        }
    }
    let (fixed, changes) = engine::fix_with_changes(doc.text(), settings, doc.geometry());
    let bytes = match source {
        Some(s) if to != OutputKind::Text => {
            let maps: Vec<_> = changes.iter().map(|c| c.offset_map()).collect();
            s.write_back(&fixed, |p| maps.iter().fold(p, |p, m| m.map(p, false)))
                .map_err(|e| anyhow::anyhow!("{}: {e}", target.display()))?
        }
        _ => {
            doc.replace_text(fixed);
            return Ok(doc.encoded(target)?);
        }
    };
    doc.replace_text(fixed);
    Ok(bytes)
}
