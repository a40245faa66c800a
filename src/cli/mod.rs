//! The command line: `check`, `fix`, `diff`, `score`. Orchestration only — the engine does
//! the work. Exit codes: 0 clean/success, 1 findings (check), 2 error.

mod args;
mod batch;
mod check;
mod diff;
mod fix;
mod score;

pub use args::{Cli, Command, GuiArgs};

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
        Command::Fix(_) | Command::Score(_) => 0,
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
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::from(reader_gone_code),
        Err(e) => {
            eprintln!("jiaodui: {e:#}");
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
pub(crate) fn settings_for(rules: &Option<Vec<jiaodui_core::engine::RuleId>>) -> jiaodui_core::engine::Settings {
    match rules {
        Some(list) => jiaodui_core::engine::Settings::only(list),
        None => jiaodui_core::engine::Settings::default(),
    }
}
