//! A display for `--screenshot` where there is none (CI, SSH): start a private
//! Xvfb, point DISPLAY at it, stop it when done. With a display already set this
//! does nothing.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Xvfb {
    child: Child,
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Ensures a display; Some(guard) when an Xvfb was started for us.
pub fn ensure() -> anyhow::Result<Option<Xvfb>> {
    if std::env::var_os("DISPLAY").is_some_and(|d| !d.is_empty()) {
        return Ok(None);
    }
    let n = (90..200)
        .find(|n| {
            !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
        })
        .ok_or_else(|| anyhow::anyhow!("no free X display number"))?;
    let child = Command::new("Xvfb")
        .args([
            format!(":{n}"),
            "-screen".into(),
            "0".into(),
            "1280x800x24".into(),
            "-nolisten".into(),
            "tcp".into(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| {
            anyhow::anyhow!("no display and cannot start Xvfb ({e}); install xvfb or set DISPLAY")
        })?;
    let guard = Xvfb { child };
    let socket = format!("/tmp/.X11-unix/X{n}");
    let start = Instant::now();
    while !Path::new(&socket).exists() {
        anyhow::ensure!(
            start.elapsed() < Duration::from_secs(10),
            "Xvfb :{n} did not start"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // SAFETY: called from main before any other thread of ours exists.
    unsafe { std::env::set_var("DISPLAY", format!(":{n}")) };
    Ok(Some(guard))
}
