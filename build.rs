//! Embeds the CJK font deflated, so the binary carries its own glyphs without
//! paying 10 MB of raw TrueType: the app inflates it once at start-up.
//!
//! The one build script of the repository, run for `jiaodui-app` (the crate that
//! draws text; its Cargo.toml points here): the font lives in the top-level
//! `assets/fonts/`, found from the crate's folder upwards.

use std::{env, fs, path::PathBuf};

fn main() {
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let font = manifest
        .ancestors()
        .map(|d| d.join("assets/fonts/NotoSansSC-Regular.ttf"))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "assets/fonts/NotoSansSC-Regular.ttf not found above {}",
                manifest.display()
            )
        });
    println!("cargo:rerun-if-changed={}", font.display());
    let raw = fs::read(&font).unwrap_or_else(|e| panic!("cannot read {}: {e}", font.display()));
    let packed = miniz_oxide::deflate::compress_to_vec(&raw, 9);
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR is set by cargo"));
    fs::write(out.join("cjk_font.deflate"), &packed).expect("write deflated font");
    fs::write(out.join("cjk_font.len"), raw.len().to_string()).expect("write font length");
}
