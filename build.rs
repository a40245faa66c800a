//! Embeds the CJK font deflated, so the binary carries its own glyphs without
//! paying 10 MB of raw TrueType: the app inflates it once at start-up.

use std::{env, fs, path::PathBuf};

fn main() {
    let font = PathBuf::from("assets/fonts/NotoSansSC-Regular.ttf");
    println!("cargo:rerun-if-changed={}", font.display());
    let raw = fs::read(&font).unwrap_or_else(|e| panic!("cannot read {}: {e}", font.display()));
    let packed = miniz_oxide::deflate::compress_to_vec(&raw, 9);
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR is set by cargo"));
    fs::write(out.join("cjk_font.deflate"), &packed).expect("write deflated font");
    fs::write(out.join("cjk_font.len"), raw.len().to_string()).expect("write font length");
}
