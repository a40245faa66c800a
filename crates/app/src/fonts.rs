//! The embedded Simplified Chinese font. build.rs deflates Noto Sans SC into the
//! binary (10 MB → ~7 MB); it is inflated once per process, so every window and every
//! test harness shares one copy. No system font is ever consulted.

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use eframe::egui::{self, FontData, FontDefinitions, FontFamily};

static DEFLATED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/cjk_font.deflate"));

/// Name under which the CJK font is registered in egui.
pub const CJK_FONT: &str = "noto-sans-sc";

struct Inflated {
    data: Arc<FontData>,
    took: Duration,
}

static FONT: OnceLock<Option<Inflated>> = OnceLock::new();

fn inflated() -> Option<&'static Inflated> {
    FONT.get_or_init(|| {
        let start = Instant::now();
        // A corrupt embedded blob is a build bug; fall back to egui's fonts rather than panic.
        let raw = miniz_oxide::inflate::decompress_to_vec(DEFLATED).ok()?;
        Some(Inflated {
            data: Arc::new(FontData::from_owned(raw)),
            took: start.elapsed(),
        })
    })
    .as_ref()
}

/// Time spent inflating the font in this process (None before [`install`]).
pub fn inflate_time() -> Option<Duration> {
    FONT.get().and_then(|f| f.as_ref()).map(|f| f.took)
}

/// Size of the font as embedded (deflated) in the binary.
pub fn embedded_size() -> usize {
    DEFLATED.len()
}

/// Adds the CJK font after egui's own (so Latin keeps egui's look and metrics, and
/// every Chinese glyph comes from Noto Sans SC) in both families.
pub fn install(ctx: &egui::Context) {
    let mut defs = FontDefinitions::default();
    if let Some(font) = inflated() {
        defs.font_data
            .insert(CJK_FONT.to_owned(), font.data.clone());
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            defs.families
                .entry(family)
                .or_default()
                .push(CJK_FONT.to_owned());
        }
    }
    ctx.set_fonts(defs);
}
