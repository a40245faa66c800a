//! The app's integration tests, one binary: the desk driven through its real UI
//! by egui_kittest (clicks, keys, rendered snapshots under `tests/snapshots/`).

mod decisions;
mod desk;
mod disk_conflicts;
mod find_replace;
mod gui;
mod gui_diff;
mod recognize;
mod scan_link;

use eframe::egui;
use egui_kittest::Harness;
use jiaodui_app::App;

/// The window as the user sees it (1280×800, the embedded CJK font), around `app`.
pub fn harness(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::Vec2::from(jiaodui_app::WINDOW_SIZE))
        .with_context_setup(jiaodui_app::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app)
}
