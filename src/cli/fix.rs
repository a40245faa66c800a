use anyhow::Result;

use super::args::FixArgs;
use jiaodui_core::engine;
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
    let settings = super::settings_for(&args.rules);
    let fixed = engine::fix(doc.text(), &settings);
    doc.replace_text(fixed);
    let target = args.output.clone().unwrap_or_else(|| "-".into());
    let bytes = doc.encoded(&target)?;
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
