//! `--bench-frames N`: steps N frames of the real app without a window (egui's
//! context plus tessellation, i.e. all CPU work of a frame but the GPU upload),
//! alternating scrolling and typing, and prints per-frame times.

use std::fmt::Write as _;
use std::io::Write as _;
use std::time::{Duration, Instant};

use eframe::egui::{self, Event, MouseWheelUnit, Pos2, RawInput, Rect, Vec2};

use super::{App, WINDOW_SIZE};

/// `opened` is how long reading the file and checking it took (before any frame).
pub fn run(mut app: App, frames: u32, opened: Duration) -> anyhow::Result<()> {
    anyhow::ensure!(frames > 0, "--bench-frames needs at least one frame");
    let ctx = egui::Context::default();
    let screen = Rect::from_min_size(Pos2::ZERO, Vec2::from(WINDOW_SIZE));
    let text_point = Pos2::new(300.0, 300.0);
    let bytes = app.text().len();
    let step_timed = |app: &mut App, events: Vec<Event>| -> (Duration, Duration) {
        let input = RawInput {
            screen_rect: Some(screen),
            events,
            ..Default::default()
        };
        let (start, cpu_start) = (Instant::now(), thread_cpu_time());
        let mut out = ctx.run_ui(input, |ui| app.ui(ui));
        let _ = ctx.tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
        // No GPU here: the font atlas uploads are deliberately dropped.
        out.textures_delta.clear();
        let wall = start.elapsed();
        match (cpu_start, thread_cpu_time()) {
            (Some(a), Some(b)) => (b.saturating_sub(a), wall),
            _ => (wall, wall),
        }
    };
    let step = |app: &mut App, events: Vec<Event>| step_timed(app, events).0;
    let mut wall = Vec::with_capacity(frames as usize);
    // Fonts (inflated and installed), then the first full layout of the page.
    let fonts = step(&mut app, vec![]);
    let first = step(&mut app, vec![]);
    // Put the cursor in the text: a click there.
    step(
        &mut app,
        vec![Event::PointerMoved(text_point), click(text_point, true)],
    );
    step(&mut app, vec![click(text_point, false)]);
    app.push(super::command::Command::ClosePopup);
    app.focus_editor();
    step(&mut app, vec![]);

    let mut times = Vec::with_capacity(frames as usize);
    for i in 0..frames {
        let events = if i % 2 == 0 {
            vec![
                Event::PointerMoved(text_point),
                Event::MouseWheel {
                    unit: MouseWheelUnit::Point,
                    delta: Vec2::new(0.0, -90.0),
                    phase: egui::TouchPhase::Move,
                    modifiers: egui::Modifiers::NONE,
                    source: egui::MouseWheelSource::Wheel,
                },
            ]
        } else {
            vec![Event::Text("字".into())]
        };
        let (cpu, w) = step_timed(&mut app, events);
        times.push(cpu);
        wall.push(w);
    }
    // Let a pending background re-check land, as it would while the editor pauses.
    for _ in 0..50 {
        if !app.review().is_checking() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
        step(&mut app, vec![]);
    }
    // Written at once at the end; a closed pipe (`| head`) is not an error worth a panic.
    let mut report = String::new();
    let typed = app.text().len().saturating_sub(bytes) / "字".len();
    // Apply all: the frame that commits every safe fix (one undo step), and the
    // next one, which lays the changed page out again.
    let fixable = app
        .review()
        .findings()
        .iter()
        .filter(|f| f.is_fixable())
        .count();
    app.push(super::command::Command::ApplyEverything);
    let apply_frame = step(&mut app, vec![]);
    let after_apply = step(&mut app, vec![]);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let _ = writeln!(
        report,
        "document: {bytes} bytes, {frames} frames (scrolling and typing alternately; {typed} characters typed)"
    );
    let _ = writeln!(
        report,
        "font inflate: {:.1} ms (embedded {} KB)",
        super::fonts::inflate_time().map_or(0.0, ms),
        super::fonts::embedded_size() / 1024
    );
    let _ = writeln!(
        report,
        "open (read + check): {:.1} ms, fonts frame: {:.1} ms, first full frame: {:.1} ms; \
         open to first interactive frame: {:.1} ms",
        ms(opened),
        ms(fonts),
        ms(first),
        ms(opened + fonts + first)
    );
    let _ = writeln!(
        report,
        "apply all ({fixable} fixable findings): {:.1} ms, next frame {:.1} ms",
        ms(apply_frame),
        ms(after_apply)
    );
    if let Some(kb) = peak_rss_kb() {
        let _ = writeln!(report, "peak RSS: {:.1} MB", kb as f64 / 1024.0);
    }
    let scroll: Vec<Duration> = times.iter().step_by(2).copied().collect();
    let typing: Vec<Duration> = times.iter().skip(1).step_by(2).copied().collect();
    let clock = if thread_cpu_time().is_some() {
        "CPU time of the UI thread"
    } else {
        "wall time"
    };
    let _ = writeln!(report, "per frame ({clock}):");
    for (name, set) in [
        ("all frames", times),
        ("scrolling", scroll),
        ("typing", typing),
        ("wall, all", wall),
    ] {
        if let Some((median, p95, max)) = stats(set) {
            let _ = writeln!(
                report,
                "{name:>10}: median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
                ms(median),
                ms(p95),
                ms(max)
            );
        }
    }
    let _ = std::io::stdout().write_all(report.as_bytes());
    Ok(())
}

/// Peak resident memory of this process so far (`VmHWM`), in KiB.
pub fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// CPU time consumed by this thread: what a frame costs, whatever else the machine runs.
#[cfg(target_os = "linux")]
fn thread_cpu_time() -> Option<Duration> {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    unsafe extern "C" {
        fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut ts = Timespec { sec: 0, nsec: 0 };
    // SAFETY: clock_gettime writes one timespec to a valid pointer; 64-bit Linux layout.
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0 && cfg!(target_pointer_width = "64"))
        .then(|| Duration::new(ts.sec as u64, ts.nsec as u32))
}

#[cfg(not(target_os = "linux"))]
fn thread_cpu_time() -> Option<Duration> {
    None
}

fn stats(mut times: Vec<Duration>) -> Option<(Duration, Duration, Duration)> {
    if times.is_empty() {
        return None;
    }
    times.sort();
    let p95 = times[((times.len() as f64 * 0.95).ceil() as usize).clamp(1, times.len()) - 1];
    Some((times[times.len() / 2], p95, times[times.len() - 1]))
}

fn click(pos: Pos2, pressed: bool) -> Event {
    Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    }
}
