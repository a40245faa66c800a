//! `--bench-frames N`: steps N frames of the real app without a window (egui's
//! context plus tessellation, i.e. all CPU work of a frame but the GPU upload),
//! alternating scrolling and typing, and prints per-frame times.

use std::time::{Duration, Instant};

use eframe::egui::{self, Event, MouseWheelUnit, Pos2, RawInput, Rect, Vec2};

use super::{App, WINDOW_SIZE};

pub fn run(mut app: App, frames: u32) -> anyhow::Result<()> {
    anyhow::ensure!(frames > 0, "--bench-frames needs at least one frame");
    let ctx = egui::Context::default();
    let screen = Rect::from_min_size(Pos2::ZERO, Vec2::from(WINDOW_SIZE));
    let text_point = Pos2::new(300.0, 300.0);
    let bytes = app.text().len();
    let step = |app: &mut App, events: Vec<Event>| -> Duration {
        let input = RawInput { screen_rect: Some(screen), events, ..Default::default() };
        let start = Instant::now();
        let out = ctx.run_ui(input, |ui| app.ui(ui));
        let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
        start.elapsed()
    };
    // Fonts (inflated and installed), then the first full layout of the page.
    let fonts = step(&mut app, vec![]);
    let first = step(&mut app, vec![]);
    // Put the cursor in the text: a click there.
    step(&mut app, vec![Event::PointerMoved(text_point), click(text_point, true)]);
    step(&mut app, vec![click(text_point, false)]);
    app.push(super::command::Command::ClosePopup);
    app.focus_editor();
    step(&mut app, vec![]);

    let mut times = Vec::with_capacity(frames as usize);
    for i in 0..frames {
        let events = if i % 2 == 0 {
            vec![Event::PointerMoved(text_point), Event::MouseWheel {
                unit: MouseWheelUnit::Point,
                delta: Vec2::new(0.0, -90.0),
                phase: egui::TouchPhase::Move,
                modifiers: egui::Modifiers::NONE,
                source: egui::MouseWheelSource::Wheel,
            }]
        } else {
            vec![Event::Text("字".into())]
        };
        times.push(step(&mut app, events));
    }
    let typed = app.text().len().saturating_sub(bytes) / "字".len();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = times[times.len() / 2];
    let p95 = times[((times.len() as f64 * 0.95).ceil() as usize).min(times.len()) - 1];
    let max = times[times.len() - 1];
    println!("document: {bytes} bytes, {frames} frames (scrolling and typing; {typed} characters typed)");
    println!("font inflate: {:.1} ms (embedded {} KB)", super::fonts::inflate_time().map_or(0.0, ms), super::fonts::embedded_size() / 1024);
    println!("fonts frame: {:.1} ms, first full frame: {:.1} ms", ms(fonts), ms(first));
    println!("per frame: median {:.2} ms, p95 {:.2} ms, max {:.2} ms", ms(median), ms(p95), ms(max));
    Ok(())
}

fn click(pos: Pos2, pressed: bool) -> Event {
    Event::PointerButton { pos, button: egui::PointerButton::Primary, pressed, modifiers: egui::Modifiers::NONE }
}
