use std::fs;

use anyhow::{Context as _, Result};

use super::args::FixArgs;
use jiaodui_desk::document::Document;
use jiaodui_core::engine;

pub fn run(args: &FixArgs) -> Result<u8> {
    // A bad --report name is refused before anything is written.
    let report_format = args
        .report
        .as_deref()
        .map(super::diff::report_format)
        .transpose()?;
    let raw =
        fs::read(&args.file).with_context(|| format!("cannot read {}", args.file.display()))?;
    let mut doc = Document::from_bytes(&args.file, &raw)?;
    let settings = super::settings_for(&args.rules);
    let fixed = engine::fix(doc.text(), &settings);
    doc.replace_text(fixed);
    let target = args.output.clone().unwrap_or_else(|| "-".into());
    let bytes = doc.encoded(&target)?;
    super::diff::write_out(args.output.as_deref(), &bytes)?;
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
        )?;
    }
    Ok(0)
}
