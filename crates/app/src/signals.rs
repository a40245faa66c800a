//! SIGTERM and SIGINT to the window (a logout, `kill`, Ctrl+C in the terminal that
//! started it): the window closes as a normal close does — the page's session is
//! written with the unsaved work in it, the page's lock is removed — instead of
//! dying with the work of the last autosave interval. The handler only sets a flag
//! (async-signal-safe); a small thread wakes egui, whose next frame closes the
//! window. A second signal while that is under way ends the process at once.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use eframe::egui;

static REQUESTED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(sig: libc::c_int) {
    if REQUESTED.swap(true, Ordering::SeqCst) {
        // SAFETY: _exit is async-signal-safe.
        unsafe { libc::_exit(128 + sig) };
    }
}

/// From now on SIGTERM and SIGINT ask the window to close ([`requested`]).
pub fn close_on_signal() {
    // SAFETY: the handler only touches an atomic (and _exit); `sa` is initialised.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        sa.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(libc::SIGTERM, &sa, std::ptr::null_mut());
        libc::sigaction(libc::SIGINT, &sa, std::ptr::null_mut());
    }
}

/// A signal asked the window to close.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
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
