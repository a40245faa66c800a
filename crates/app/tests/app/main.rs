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
use jiaodui_app::command::Command;
use jiaodui_app::i18n::Lang;
use jiaodui_app::settings::AppSettings;

/// The window as the user sees it (1280×800, the embedded CJK font), around `app`.
pub fn harness(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::Vec2::from(jiaodui_app::WINDOW_SIZE))
        .with_context_setup(jiaodui_app::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app)
}

/// Writes what the window shows to `$JIAODUI_SHOTS/NAME.png` when that is set (to
/// look at a new piece of the interface), and the same in the other language to
/// `NAME-zh.png` / `NAME-en.png`, so both are looked at; the language is then set
/// back. Nothing is done (and nothing changes) when the variable is unset.
pub fn shot(h: &mut Harness<'static, App>, name: &str) {
    let Ok(dir) = std::env::var("JIAODUI_SHOTS") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    let save = |h: &mut Harness<'static, App>, file: String| {
        h.run();
        if let Ok(img) = h.render() {
            let _ = img.save(dir.join(file));
        }
    };
    save(h, format!("{name}.png"));
    let was = h.state().settings().clone();
    let (other, tag) = match was.language {
        Lang::Zh => (Lang::En, "en"),
        _ => (Lang::Zh, "zh"),
    };
    let set = |h: &mut Harness<'static, App>, s: AppSettings| {
        h.state_mut().push(Command::SetSettings(Box::new(s)));
        // A window is measured on one frame and drawn on the next.
        h.run();
        h.step();
        h.run();
    };
    set(
        h,
        AppSettings {
            language: other,
            ..was.clone()
        },
    );
    save(h, format!("{name}-{tag}.png"));
    set(h, was);
}
