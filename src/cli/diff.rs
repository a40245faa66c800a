//! `jiaodui diff BEFORE AFTER`, and the report written by `fix --report`.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context as _, Result, bail};

use super::args::{DiffArgs, DiffFormat};
use jiaodui_core::engine::Settings;
use jiaodui_core::report::{Page, Report, ReportFormat, date};
use jiaodui_desk::document::{Document, WriteOptions, write_atomic_with};

pub fn run(args: &DiffArgs) -> Result<u8> {
    super::refuse_clashes(&[&args.before, &args.after], &[args.output.as_deref()])?;
    let before_bytes = super::read_page(&args.before)?;
    let after_bytes = super::read_page(&args.after)?;
    let before = Document::from_bytes(&args.before, &before_bytes)?;
    let after = Document::from_bytes(&args.after, &after_bytes)?;
    let settings = super::settings_for(&args.rules);
    let report = Report::new(
        Page {
            name: args.before.display().to_string(),
            text: before.text(),
            bytes: before_bytes.as_slice().into(),
            format: before.format,
        },
        Page {
            name: args.after.display().to_string(),
            text: after.text(),
            bytes: after_bytes.as_slice().into(),
            format: after.format,
        },
        date::now_utc(),
        &settings,
        &BTreeMap::new(),
    );
    let format = match args.format {
        DiffFormat::Unified => ReportFormat::Unified,
        DiffFormat::Html => ReportFormat::Html,
        DiffFormat::Json => ReportFormat::Json,
    };
    write_out(args.output.as_deref(), &report.render(format), args.force)?;
    Ok(if before_bytes == after_bytes { 0 } else { 1 })
}

/// Writes to `path` atomically, or to standard output for `None` or `-`.
pub(super) fn write_out(path: Option<&Path>, bytes: &[u8], force: bool) -> Result<()> {
    match path {
        Some(p) if p.as_os_str() != "-" => write_atomic_with(p, bytes, WriteOptions { force })
            .with_context(|| write_failure(p, force)),
        _ => {
            let mut out = io::stdout().lock();
            out.write_all(bytes)?;
            out.flush()?;
            Ok(())
        }
    }
}

/// The format of `--report PATH`, from its extension; checked before any work.
pub(super) fn report_format(path: &Path) -> Result<ReportFormat> {
    match ReportFormat::from_path(path) {
        Some(f) => Ok(f),
        None => bail!(
            "cannot tell the report format of {}: use .html, .diff (or .patch) or .json",
            path.display()
        ),
    }
}

/// The report of a `fix` run: the file as read against the bytes written.
pub(super) fn fix_report(
    path: &Path,
    report_path: &Path,
    format: ReportFormat,
    original: (&Document, &[u8]),
    fixed: (&Document, &[u8], String),
    settings: &Settings,
    force: bool,
) -> Result<()> {
    let (before, before_bytes) = original;
    let (after, after_bytes, after_name) = fixed;
    let report = Report::new(
        Page {
            name: path.display().to_string(),
            text: &before.original,
            bytes: before_bytes.into(),
            format: before.format,
        },
        Page {
            name: after_name,
            text: after.text(),
            bytes: after_bytes.into(),
            format: after.format,
        },
        date::now_utc(),
        settings,
        &BTreeMap::new(),
    );
    write_atomic_with(report_path, &report.render(format), WriteOptions { force })
        .with_context(|| write_failure(report_path, force))
}

/// `cannot write PATH`, with the way out when the file is read-only.
fn write_failure(path: &Path, force: bool) -> String {
    let read_only =
        !force && fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().readonly());
    if read_only {
        format!(
            "cannot write {} (use --force to replace a read-only file)",
            path.display()
        )
    } else {
        format!("cannot write {}", path.display())
    }
}
