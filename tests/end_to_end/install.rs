//! What `cargo deb` packages (`[package.metadata.deb]` in Cargo.toml) agrees with
//! the binary and the menu entry: the desktop file runs the binary this package
//! builds, names an icon the package installs, and every packaged file exists.
//! (The .deb itself is built by hand — see the README's Install — not in CI.)

use std::fs;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// `key=value` lines of the desktop file.
fn desktop_entry() -> Vec<(String, String)> {
    let text = fs::read_to_string(Path::new(ROOT).join("assets/jiaodui.desktop")).unwrap();
    assert!(text.starts_with("[Desktop Entry]\n"), "{text}");
    text.lines()
        .skip(1)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (k, v) = l
                .split_once('=')
                .unwrap_or_else(|| panic!("not key=value: {l}"));
            (k.to_owned(), v.to_owned())
        })
        .collect()
}

fn get<'a>(entry: &'a [(String, String)], key: &str) -> &'a str {
    entry
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {key}"))
}

/// (source, target) of each `assets` row of `[package.metadata.deb]`.
fn deb_assets() -> Vec<(String, String)> {
    let manifest = fs::read_to_string(Path::new(ROOT).join("Cargo.toml")).unwrap();
    let section = manifest
        .split("[package.metadata.deb]")
        .nth(1)
        .expect("[package.metadata.deb] in Cargo.toml");
    let section = section.split("\n[").next().unwrap();
    section
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("[\""))
        .map(|l| {
            let quoted: Vec<&str> = l.split('"').skip(1).step_by(2).collect();
            (quoted[0].to_owned(), quoted[1].to_owned())
        })
        .collect()
}

#[test]
fn desktop_file_matches_the_binary_and_the_package() {
    let entry = desktop_entry();
    let bin = Path::new(env!("CARGO_BIN_EXE_jiaodui"))
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(get(&entry, "Type"), "Application");
    assert_eq!(get(&entry, "Exec"), format!("{bin} %f"));
    assert_eq!(get(&entry, "Name[zh_CN]"), "校对");
    assert!(
        get(&entry, "MimeType")
            .split(';')
            .any(|m| m == "text/plain")
    );
    assert_eq!(get(&entry, "Categories"), "Office;TextTools;");
    let icon = get(&entry, "Icon");
    let assets = deb_assets();
    assert!(
        assets
            .iter()
            .any(|(src, dst)| src.ends_with(&format!("/{bin}")) && dst == "usr/bin/"),
        "{assets:?}"
    );
    assert!(
        assets
            .iter()
            .any(|(_, dst)| dst == "usr/share/applications/"),
        "{assets:?}"
    );
    // The icon theme finds the icon by the desktop file's name, in both sizes.
    for (src, dst) in &assets {
        if dst.contains("/icons/") {
            let installed = if dst.ends_with('/') {
                Path::new(src)
                    .file_name()
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .to_owned()
            } else {
                Path::new(dst)
                    .file_name()
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .to_owned()
            };
            assert!(
                installed == format!("{icon}.svg") || installed == format!("{icon}.png"),
                "{src} → {dst}"
            );
        }
    }
    assert!(assets.iter().any(|(_, d)| d.contains("scalable/apps")));
    assert!(assets.iter().any(|(_, d)| d.contains("256x256/apps")));
    // Everything packaged exists (the binary is built by `cargo build --release` first).
    for (src, _) in &assets {
        if !src.starts_with("target/") {
            assert!(Path::new(ROOT).join(src).is_file(), "{src} is missing");
        }
    }
}

#[test]
fn icons_are_what_they_claim() {
    let png = fs::read(Path::new(ROOT).join("assets/icons/jiaodui-256.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    assert_eq!((be(&png[16..20]), be(&png[20..24])), (256, 256));
    let svg = fs::read_to_string(Path::new(ROOT).join("assets/icons/jiaodui.svg")).unwrap();
    assert!(svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"));
}

/// `desktop-file-validate` (desktop-file-utils) when installed: errors fail the
/// test; hints do not.
#[test]
fn desktop_file_validates() {
    let file = Path::new(ROOT).join("assets/jiaodui.desktop");
    let Ok(out) = std::process::Command::new("desktop-file-validate")
        .arg(&file)
        .output()
    else {
        eprintln!("desktop-file-validate not installed: skipped");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{text}");
    assert!(
        !text.contains("error:") && !text.contains("warning:"),
        "{text}"
    );
}
