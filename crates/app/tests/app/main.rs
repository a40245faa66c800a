//! The app's integration tests, one binary: the desk driven through its real UI
//! by egui_kittest (clicks, keys, rendered snapshots under `tests/snapshots/`).

mod concordance;
mod decisions;
mod desk;
mod disk_conflicts;
mod find_replace;
mod gui;
mod gui_diff;
mod house_words;
mod huge_page;
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

/// Writes what the window shows to `$JIAODUI_SHOTS/NAME.png` when that is set (to
/// look at a new piece of the interface).
pub fn shot(h: &mut Harness<'static, App>, name: &str) {
    if let Ok(dir) = std::env::var("JIAODUI_SHOTS") {
        h.run();
        if let Ok(img) = h.render() {
            let _ = img.save(std::path::Path::new(&dir).join(format!("{name}.png")));
        }
    }
}
