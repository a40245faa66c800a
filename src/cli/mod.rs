//! The command line: `check`, `fix`, `diff`, `score`, `report`. Orchestration only — the engine does
//! the work. Exit codes: 0 clean/success, 1 findings (check), 2 error.

mod args;
mod batch;
mod check;
mod diff;
mod fix;
mod house_words;
mod ocr;
mod report;
mod score;

pub use args::{Cli, Command, GuiArgs, LangArg};

use jiaodui_core::lang::Lang;

/// The language of messages: `--lang`, else the locale (LC_ALL, LC_MESSAGES, LANG:
/// the first one set decides, as in POSIX), else English.
pub fn lang(flag: Option<LangArg>) -> Lang {
    match flag {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => {
            let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .filter_map(|k| std::env::var(k).ok())
                .find(|v| !v.is_empty())
                .unwrap_or_default();
            if locale.starts_with("zh") {
                Lang::Zh
            } else {
                Lang::En
            }
        }
    }
}

/// No subcommand: the window (or one of its developer modes), on FILE or the sample.
pub fn gui(a: GuiArgs) -> ExitCode {
    let launch = jiaodui_app::Launch {
        file: a.file,
        screenshot: a.screenshot,
        bench_frames: a.bench_frames,
        time_startup: a.time_startup,
        headless_type: a.headless_type,
    };
    match jiaodui_app::run(launch) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("jiaodui: {e:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

use std::process::ExitCode;

/// Exit code for bad input or I/O failure.
pub const EXIT_ERROR: u8 = 2;

/// Runs a subcommand and maps its outcome to an exit code.
pub fn run(cmd: Command) -> ExitCode {
    // When the reader of standard output goes away (`jiaodui check … | head`), the
    // command ends quietly with the code its output implies: only findings (check)
    // and differences (diff) are printed at length; fix prints the text it made.
    let reader_gone_code = match &cmd {
        Command::Check(_) | Command::Diff(_) => 1,
        Command::Fix(_) | Command::Score(_) | Command::Report(_) | Command::Ocr(_) => 0,
    };
    let result = match cmd {
        Command::Check(a) if batch::wants_batch(&a.files) => batch::check(&a),
        Command::Check(a) => check::run(&a),
        Command::Fix(a) if a.out_dir.is_some() || a.file.is_dir() => match &a.out_dir {
            Some(_) if a.report.is_some() => Err(anyhow::anyhow!(
                "--report describes one page; it cannot be used with a folder"
            )),
            Some(dir) => batch::fix(&a, dir),
            None => Err(anyhow::anyhow!(
                "{} is a folder: give --out-dir OUT for the corrected pages",
                a.file.display()
            )),
        },
        Command::Fix(a) => fix::run(&a),
        Command::Diff(a) => diff::run(&a),
        Command::Score(a) => score::run(&a),
        Command::Report(a) => report::run(&a),
        Command::Ocr(a) => ocr::run(&a),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::from(reader_gone_code),
        Err(e) => {
            let message = format!("{e:#}");
            eprintln!(
                "jiaodui: {}",
                jiaodui_core::text::chars::escape_controls(&message)
            );
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Whether `e` is a write to a pipe whose reader has closed it.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Settings for `--rules a,b` (all rules when absent).
pub(crate) fn settings_for(
    rules: &Option<Vec<jiaodui_core::engine::RuleId>>,
) -> jiaodui_core::engine::Settings {
    match rules {
        Some(list) => jiaodui_core::engine::Settings::only(list),
        None => jiaodui_core::engine::Settings::default(),
    }
}

/// Reads a page given on the command line: a regular file, bounded (`check
/// /dev/zero` read until memory ran out; a FIFO blocked).
pub(crate) fn read_page(path: &std::path::Path) -> anyhow::Result<Vec<u8>> {
    use anyhow::Context as _;
    use jiaodui_desk::fsio;
    fsio::read_bounded(path, fsio::MAX_PAGE_BYTES, "a page")
        .with_context(|| format!("cannot read {}", path.display()))
}

/// Refuses outputs that would destroy an input or another output: the same file
/// (device and inode, so a hard link, a symbolic link or a bind mount of it does
/// not pass), or, for files not yet there, the same path. `-` (standard output)
/// clashes with nothing.
pub(crate) fn refuse_clashes(
    inputs: &[&std::path::Path],
    outputs: &[Option<&std::path::Path>],
) -> anyhow::Result<()> {
    use jiaodui_desk::fsio::same_file;
    let outputs: Vec<&std::path::Path> = outputs
        .iter()
        .flatten()
        .copied()
        .filter(|p| p.as_os_str() != "-")
        .collect();
    let same = |a: &std::path::Path, b: &std::path::Path| same_file(a, b) || same_place(a, b);
    for (i, out) in outputs.iter().enumerate() {
        if let Some(input) = inputs.iter().find(|input| same(out, input)) {
            anyhow::bail!(
                "{} is the input {}: refusing to overwrite it (write the output elsewhere)",
                out.display(),
                input.display()
            );
        }
        if let Some(other) = outputs[..i].iter().find(|other| same(out, other)) {
            anyhow::bail!(
                "{} and {} are the same file: each output needs its own",
                other.display(),
                out.display()
            );
        }
    }
    Ok(())
}

/// The same name in the same folder (folders compared by device and inode).
fn same_place(a: &std::path::Path, b: &std::path::Path) -> bool {
    let parent = |p: &std::path::Path| {
        p.parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."))
            .to_owned()
    };
    a.file_name() == b.file_name()
        && a.file_name().is_some()
        && jiaodui_desk::fsio::same_file(&parent(a), &parent(b))
}
