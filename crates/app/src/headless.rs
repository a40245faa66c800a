//! `--headless-type TEXT` (hidden; for the crash-recovery test): the real app
//! without a window — opens FILE as the window would, types TEXT into the editor
//! one character per frame, autosaves on the app's own timer
//! (`JIAODUI_AUTOSAVE_MS`), and keeps running until it is killed. A test kills it
//! with SIGKILL and checks that the next start offers the typed text.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use eframe::egui::{self, Event, Pos2, RawInput, Rect, Vec2};

use super::command::Command;
use super::settings::AppSettings;
use super::{App, WINDOW_SIZE};

/// Time between frames (and so between typed characters).
const FRAME: Duration = Duration::from_millis(20);

pub fn run(file: Option<&Path>, text: &str) -> anyhow::Result<()> {
    let file = file.ok_or_else(|| anyhow::anyhow!("--headless-type needs a FILE"))?;
    let mut app = App::with_sample(AppSettings::default());
    app.push(Command::OpenPath(file.to_owned()));
    let ctx = egui::Context::default();
    let screen = Rect::from_min_size(Pos2::ZERO, Vec2::from(WINDOW_SIZE));
    let step = |app: &mut App, events: Vec<Event>| {
        let input = RawInput {
            screen_rect: Some(screen),
            events,
            ..Default::default()
        };
        let mut out = ctx.run_ui(input, |ui| app.ui(ui));
        // No GPU here: nothing will upload the font atlas; say so, as egui asks.
        out.textures_delta.clear();
    };
    for _ in 0..4 {
        step(&mut app, vec![]);
    }
    if app.desk().offer.is_some() {
        anyhow::bail!(
            "{} has saved work; --headless-type starts from a page without a session",
            file.display()
        );
    }
    app.focus_editor();
    step(&mut app, vec![]);
    let mut stdout = std::io::stdout();
    for (n, ch) in text.chars().enumerate() {
        step(&mut app, vec![Event::Text(ch.to_string())]);
        let _ = writeln!(stdout, "typed {}", n + 1);
        let _ = stdout.flush();
        std::thread::sleep(FRAME);
    }
    let _ = writeln!(stdout, "typing done");
    let _ = stdout.flush();
    // Idle like an editor who stopped typing: frames keep the autosave timer running.
    loop {
        step(&mut app, vec![]);
        std::thread::sleep(FRAME);
    }
}
