//! The desktop app (eframe/egui) on top of the engine and the document model.
//!
//! [`App`] holds the state and applies [`command::Command`]s; `panels/` draws it,
//! one panel per file. [`run`] opens the window, or renders a screenshot, or runs
//! the frame benchmark, as the command line asks.

pub mod app;
mod bench;
pub mod char_index;
pub mod command;
pub mod concordance;
pub mod desk;
mod display;
pub mod fonts;
mod headless;
pub mod i18n;
mod native_dialog;
pub mod palette;
pub mod panels;
pub mod scan_image;
pub mod shortcuts;
mod signals;
pub mod status_message;
pub use jiaodui_desk::settings;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use eframe::egui;

pub use app::App;

use jiaodui_desk::document::Document;

/// Window size, also the screenshot size.
pub const WINDOW_SIZE: [f32; 2] = [1280.0, 800.0];

/// What the binary asks the app to do (its command line, already parsed).
#[derive(Debug, Default)]
pub struct Launch {
    /// Page or folder to open (default: the bundled sample page).
    pub file: Option<PathBuf>,
    /// Render the window with FILE open, write this PNG and exit.
    pub screenshot: Option<PathBuf>,
    /// Render N frames (scrolling and typing), print CPU time per frame, exit.
    pub bench_frames: Option<u32>,
    /// Print the time from process start to the first frame on screen, then close.
    pub time_startup: bool,
    /// Testing aid (crash recovery): open FILE without a window, type TEXT, keep
    /// autosaving until killed.
    pub headless_type: Option<String>,
}

/// Opens the window, or renders a screenshot, or runs the frame benchmark.
pub fn run(args: Launch) -> anyhow::Result<()> {
    if let Some(text) = &args.headless_type {
        headless::run(args.file.as_deref(), text)
    } else if let Some(n) = args.bench_frames {
        let opening = std::time::Instant::now();
        open_for_batch(args.file.as_deref()).and_then(|app| bench::run(app, n, opening.elapsed()))
    } else if let Some(out) = &args.screenshot {
        open_for_batch(args.file.as_deref()).and_then(|app| screenshot(app, out))
    } else {
        interactive(args.file.as_deref(), args.time_startup)
    }
}

/// The app for a batch run (screenshot, bench): default settings, nothing persisted,
/// and a bad FILE is an error rather than a dialog.
fn open_for_batch(file: Option<&Path>) -> anyhow::Result<App> {
    let mut settings = settings::AppSettings::default();
    if std::env::var("JIAODUI_LANG").as_deref() == Ok("en") {
        settings.language = i18n::Lang::En;
    }
    if std::env::var("JIAODUI_THEME").as_deref() == Ok("dark") {
        settings.theme = settings::Theme::Dark;
    }
    Ok(match file {
        // A folder opens as the window would: page list, first page not done.
        Some(path) if path.is_dir() => {
            let mut app = App::with_sample(settings);
            app.push(command::Command::OpenPath(path.to_owned()));
            app
        }
        // A scan is recognized first, as the window does when one is opened; the
        // page is its hOCR, written beside it.
        Some(path) if jiaodui_desk::recognize::is_image(path) => {
            let hocr = recognize_for_batch(&settings, path)?;
            let mut app = App::new(Document::load(&hocr)?, settings);
            app.attach_desk(&hocr);
            app
        }
        Some(path) => {
            let mut app = App::new(Document::load(path)?, settings);
            app.attach_desk(path);
            app
        }
        None => App::with_sample(settings),
    })
}

/// Recognizes the image `path` with Tesseract (the settings' language and page
/// layout) into `STEM.hocr` beside it; what is missing (Tesseract, a language)
/// is said with the command that installs it.
fn recognize_for_batch(settings: &settings::AppSettings, path: &Path) -> anyhow::Result<PathBuf> {
    use jiaodui_desk::recognize::{self, RecognizeError};
    let ocr = settings.ocr();
    let explain = |e: RecognizeError| match e.install_hint() {
        Some(hint) => anyhow::anyhow!("cannot recognize {}: {e}\n{hint}", path.display()),
        None => anyhow::anyhow!("cannot recognize {}: {e}", path.display()),
    };
    ocr.check_ready().map_err(explain)?;
    let jobs = recognize::plan(path, None).map_err(explain)?;
    let job = jobs
        .first()
        .ok_or_else(|| anyhow::anyhow!("{}: nothing to recognize", path.display()))?;
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let hocr = ocr.run_job(job, &cancel).map_err(explain)?;
    eprintln!("recognized {} into {}", path.display(), hocr.display());
    Ok(hocr)
}

/// When `main` started: the origin of `--time-startup`.
static PROCESS_START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

/// Call first thing in `main`.
pub fn mark_process_start() {
    PROCESS_START.get_or_init(Instant::now);
}

/// `time_startup`: print how long the first frame took to reach the screen, then close.
fn interactive(file: Option<&Path>, time_startup: bool) -> anyhow::Result<()> {
    // A private Xvfb (no display) is not part of the app's start-up: say how long it took.
    // The guard outlives the window: the X connection closes before the server.
    let (_xvfb, xvfb_wait) = if time_startup {
        let t = Instant::now();
        (display::ensure()?, Some(t.elapsed()))
    } else {
        (None, None)
    };
    let settings_path = settings::default_path();
    let loaded = settings_path
        .as_deref()
        .map_or_else(settings::Loaded::default, settings::load);
    let mut app = window_app(loaded, file, settings_path);
    app.use_native_dialogs(true);
    signals::close_on_signal();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size(WINDOW_SIZE)
            .with_title("校对 jiaodui")
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "jiaodui",
        options,
        Box::new(move |cc| {
            signals::wake_on_signal(cc.egui_ctx.clone());
            Ok(Box::new(Window {
                app,
                shot: None,
                startup: xvfb_wait.map(|xvfb_wait| StartupProbe {
                    frames: 0,
                    reported: false,
                    xvfb_wait,
                }),
            }))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

/// The app the window starts with: `loaded` settings (a problem with them is
/// reported), FILE — or else the page the app was killed on — opened on the
/// first frame, settings persisted to `settings_path`. Separate from the window
/// so tests start the app exactly as the binary does.
pub fn window_app(
    loaded: settings::Loaded,
    file: Option<&Path>,
    settings_path: Option<PathBuf>,
) -> App {
    let mut app = App::with_sample(loaded.settings);
    if let Some(path) = file {
        app.push(command::Command::OpenPath(PathBuf::from(path)));
    } else if let Some(path) = app.crashed_recent() {
        // The app was killed with a page open: offer its autosaved work first.
        app.push(command::Command::OpenPath(path));
    }
    app.persist_settings_to(settings_path);
    if let Some(problem) = loaded.problem {
        app.report(i18n::T::SettingsDamaged, problem);
    }
    app
}

/// Frames `--time-startup` draws before it reports memory and closes.
const STARTUP_PROBE_FRAMES: u32 = 10;

/// `--time-startup`: counts frames; the second `ui` call comes after the first
/// frame was painted and presented.
struct StartupProbe {
    frames: u32,
    reported: bool,
    xvfb_wait: std::time::Duration,
}

/// The eframe side of the app: forwards frames, and in screenshot mode asks for
/// the picture once the page is laid out and checked.
struct Window {
    app: App,
    shot: Option<Shot>,
    startup: Option<StartupProbe>,
}

struct Shot {
    out: PathBuf,
    frames: u32,
    requested: bool,
    result: Arc<Mutex<Option<anyhow::Result<()>>>>,
}

/// Frames to draw before taking the screenshot (fonts, first layout, settled panels).
const SCREENSHOT_AFTER_FRAMES: u32 = 6;

impl eframe::App for Window {
    /// Closing the window writes the page's session (clean), whatever closed it.
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.app.leave_page();
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if let Some(probe) = &mut self.startup {
            probe.frames += 1;
            use std::io::Write as _;
            if probe.frames == 2 {
                let since_main = PROCESS_START
                    .get()
                    .map(Instant::elapsed)
                    .unwrap_or_default();
                let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
                let _ = writeln!(
                    std::io::stdout(),
                    "first frame on screen {:.1} ms after start ({:.1} ms without waiting for the private Xvfb)",
                    ms(since_main),
                    ms(since_main.saturating_sub(probe.xvfb_wait))
                );
            }
            // Memory once the page given on the command line is open and drawn
            // (it opens after the first frame), and its check has landed.
            if !probe.reported
                && probe.frames >= STARTUP_PROBE_FRAMES
                && !self.app.review().is_checking()
            {
                probe.reported = true;
                if let Some(kb) = bench::peak_rss_kb() {
                    let _ = writeln!(
                        std::io::stdout(),
                        "peak RSS after {} frames: {:.1} MB",
                        probe.frames,
                        kb as f64 / 1024.0
                    );
                }
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
            ui.ctx().request_repaint();
        }
        if signals::requested() && !self.app.is_closing() {
            // SIGTERM / SIGINT: close as a normal close does, unsaved work kept in
            // the session (no question: nobody is there to answer it).
            self.app.push(command::Command::CloseKeepingWork);
        }
        self.app.ui(ui);
        let Some(shot) = &mut self.shot else { return };
        let ctx = ui.ctx().clone();
        shot.frames += 1;
        if !shot.requested
            && shot.frames >= SCREENSHOT_AFTER_FRAMES
            && !self.app.review().is_checking()
            && !self.app.desk_busy()
        {
            shot.requested = true;
            let (out, result, ctx2) = (shot.out.clone(), shot.result.clone(), ctx.clone());
            ctx.request_screenshot(move |image| {
                let [w, h] = image.size;
                let rgba: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
                // The `image` crate (already here for scans) writes the PNG.
                let written = image::save_buffer_with_format(
                    &out,
                    &rgba,
                    w as u32,
                    h as u32,
                    image::ExtendedColorType::Rgba8,
                    image::ImageFormat::Png,
                )
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", out.display()));
                if let Ok(mut slot) = result.lock() {
                    *slot = Some(written);
                }
                ctx2.send_viewport_cmd(egui::ViewportCommand::Close);
                ctx2.request_repaint();
            });
        }
        ctx.request_repaint();
    }
}

/// `--screenshot OUT.png`: a real window (under a private Xvfb when there is no
/// display), 1280×800, findings panel visible.
fn screenshot(mut app: App, out: &Path) -> anyhow::Result<()> {
    let _xvfb = display::ensure()?;
    // Select the first finding, so the picture shows the detail card and the outline.
    app.push(command::Command::Next);
    let result = Arc::new(Mutex::new(None));
    let shot = Shot {
        out: out.to_owned(),
        frames: 0,
        requested: false,
        result: result.clone(),
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size(WINDOW_SIZE)
            .with_resizable(false)
            .with_title("校对 jiaodui"),
        ..Default::default()
    };
    eframe::run_native(
        "jiaodui-screenshot",
        options,
        Box::new(|cc| {
            cc.egui_ctx.set_pixels_per_point(1.0);
            Ok(Box::new(Window {
                app,
                shot: Some(shot),
                startup: None,
            }))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))?;
    let outcome = result
        .lock()
        .map_err(|_| anyhow::anyhow!("screenshot thread failed"))?
        .take();
    match outcome {
        Some(r) => r.map(|()| eprintln!("wrote {}", out.display())),
        None => anyhow::bail!("the window closed before the screenshot was taken"),
    }
}
