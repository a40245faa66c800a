//! SIGTERM and SIGINT (a logout, `kill`, Ctrl+C in the terminal) as a request to stop
//! cleanly instead of dying mid-write: the window closes as a normal close does (the
//! session written, the lock removed), a batch finishes the page it is writing and
//! starts no other. Written once for the window and the CLI.
//!
//! The handler only sets a flag (async-signal-safe). A second signal while the first
//! is being honoured ends the process at once (128 + signal), as an impatient user
//! pressing Ctrl+C twice expects.

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(sig: libc::c_int) {
    if REQUESTED.swap(true, Ordering::SeqCst) {
        // SAFETY: _exit is async-signal-safe.
        unsafe { libc::_exit(128 + sig) };
    }
}

/// From now on SIGTERM and SIGINT set the returned flag (also read by [`requested`])
/// instead of killing the process.
pub fn stop_on_term() -> &'static AtomicBool {
    // SAFETY: the handler only touches an atomic (and _exit); `sa` is fully initialised.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        sa.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(libc::SIGTERM, &sa, std::ptr::null_mut());
        libc::sigaction(libc::SIGINT, &sa, std::ptr::null_mut());
    }
    &REQUESTED
}

/// A signal asked the process to stop.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}
