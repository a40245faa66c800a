//! SIGTERM and SIGINT to the window (a logout, `kill`, Ctrl+C in the terminal that
//! started it): the window closes as a normal close does — the page's session is
//! written with the unsaved work in it, the page's lock is removed — instead of
//! dying with the work of the last autosave interval. The flag is kept by
//! [`jiaodui_desk::signals`]; a small thread wakes egui, whose next frame closes the
//! window.

use std::time::Duration;

use eframe::egui;

/// From now on SIGTERM and SIGINT ask the window to close ([`requested`]).
pub fn close_on_signal() {
    jiaodui_desk::signals::stop_on_term();
}

/// A signal asked the window to close.
pub fn requested() -> bool {
    jiaodui_desk::signals::requested()
}

/// Wakes `ctx` once a signal arrives (an idle window draws no frames by itself).
pub fn wake_on_signal(ctx: egui::Context) {
    std::thread::spawn(move || {
        while !requested() {
            std::thread::sleep(Duration::from_millis(50));
        }
        ctx.request_repaint();
    });
}
