//! Thin entry point: parse arguments, hand over to the CLI or the GUI.

use std::process::ExitCode;

use clap::Parser;
use jiaodui::cli::{self, Cli};

fn main() -> ExitCode {
    jiaodui::gui::mark_process_start();
    jiaodui::allocator::tune();
    let cli = Cli::parse();
    match cli.command {
        Some(cmd) => cli::run(cmd),
        None => jiaodui::gui::run(cli.gui),
    }
}
