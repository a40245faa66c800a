//! `jiaodui report DIR -o OUT`: the folder summary (the work is in
//! `jiaodui_desk::folder_report`, which the app's File → Export folder report… runs too).

use anyhow::Result;

use super::args::{ReportArgs, ReportFormatArg};
use jiaodui_core::report::date;
use jiaodui_desk::document::WriteOptions;
use jiaodui_desk::folder_report::{self, FolderFormat};

/// Exit 0 when every page was summarized; 2 when a page could not be read (it is
/// listed in the summary with its error, as a batch goes on past a bad file).
pub fn run(args: &ReportArgs) -> Result<u8> {
    let format = match args.format {
        Some(ReportFormatArg::Html) => FolderFormat::Html,
        Some(ReportFormatArg::Json) => FolderFormat::Json,
        None => FolderFormat::from_path(&args.output),
    };
    let settings = super::settings_for(&args.rules);
    let written = folder_report::write(
        &args.dir,
        &args.output,
        format,
        &settings,
        &date::now_utc(),
        WriteOptions { force: args.force },
    )?;
    for (page, why) in &written.errors {
        let line = format!("jiaodui: {}: {why}", page.display());
        eprintln!("{}", jiaodui_core::text::chars::escape_controls(&line));
    }
    eprintln!(
        "{} pages: summary {}, page reports in {}",
        written.pages,
        written.summary.display(),
        written.pages_dir.display()
    );
    Ok(if written.errors.is_empty() {
        0
    } else {
        super::EXIT_ERROR
    })
}
