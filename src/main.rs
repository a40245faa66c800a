//! Thin entry point: parse arguments, hand over to the CLI or the GUI.

use std::process::ExitCode;

use clap::Parser;
mod cli;

use cli::Cli;

fn main() -> ExitCode {
    jiaodui_app::mark_process_start();
    jiaodui_core::allocator::tune();
    let cli = Cli::parse();
    match cli.command {
        Some(cmd) => cli::run(cmd),
        None => cli::gui(cli.gui),
    }
}
