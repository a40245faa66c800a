//! The command line: `check`, `fix`, `diff`. Orchestration only — the engine does
//! the work. Exit codes: 0 clean/success, 1 findings (check), 2 error.

mod args;
mod check;
mod fix;

pub use args::{Cli, Command, GuiArgs};

use std::process::ExitCode;

/// Exit code for bad input or I/O failure.
pub const EXIT_ERROR: u8 = 2;

/// Runs a subcommand and maps its outcome to an exit code.
pub fn run(cmd: Command) -> ExitCode {
    let result = match cmd {
        Command::Check(a) => check::run(&a),
        Command::Fix(a) => fix::run(&a),
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
