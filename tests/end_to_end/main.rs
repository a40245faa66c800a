//! End-to-end tests through the `jiaodui` binary (one test binary): the CLI's
//! contracts, folder batches, reports, reliability cases, fuzz crashers replayed,
//! crash recovery and the real-window screenshot.

mod cli;
mod crash_recovery;
mod folder_batch;
mod folder_report;
mod fuzz_regressions;
mod gui_screenshot;
mod gui_signal;
mod install;
mod ocr;
mod reliability;
mod report;
mod safe_outputs;
mod structured;
