//! The command line: `check`, `fix`, `diff`. Orchestration only — the engine does
//! the work. Exit codes: 0 clean/success, 1 findings (check), 2 error.

mod args;
mod batch;
mod check;
mod diff;
mod fix;

pub use args::{Cli, Command, GuiArgs};

use std::process::ExitCode;

/// Exit code for bad input or I/O failure.
pub const EXIT_ERROR: u8 = 2;

/// Runs a subcommand and maps its outcome to an exit code.
pub fn run(cmd: Command) -> ExitCode {
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
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("jiaodui: {e:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Settings for `--rules a,b` (all rules when absent).
pub(crate) fn settings_for(rules: &Option<Vec<crate::engine::RuleId>>) -> crate::engine::Settings {
    match rules {
        Some(list) => crate::engine::Settings::only(list),
        None => crate::engine::Settings::default(),
    }
}
