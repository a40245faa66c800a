//! The scan a page was OCR'd from: found beside the page by name (or a PDF's page
//! rendered), decoded on a worker thread (a 5000×7000 TIFF takes a second or more,
//! rendering a PDF page most of one; the window must keep drawing meanwhile), and
//! downscaled when it is larger than the GPU can hold.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};

use eframe::egui;
use jiaodui_desk::structured::PageImage;

/// Never upload more than this many pixels on the long side, whatever the GPU
/// allows: 8192 keeps newspaper small print legible at a fraction of the memory.
pub const MAX_SIDE: usize = 8192;

/// Extensions looked for, in order of preference.
pub const EXTENSIONS: [&str; 5] = ["png", "jpg", "jpeg", "tif", "tiff"];

/// What the worker sends back: the image ready for upload and its original size.
pub type Decoded = Result<(egui::ColorImage, [usize; 2]), String>;

/// The scan beside `page` with the same stem (`p3.txt` → `p3.png`, `p3.TIF`, …).
pub fn find_beside(page: &Path) -> Option<PathBuf> {
    let stem = page.file_stem()?.to_string_lossy().into_owned();
    let dir = page
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    EXTENSIONS.iter().find_map(|ext| {
        entries
            .iter()
            .find(|p| {
                p.file_stem().is_some_and(|s| s.to_string_lossy() == stem)
                    && p.extension()
                        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext))
                    && p.is_file()
            })
            .cloned()
    })
}

/// What the worker sends back for a page: its image file (a PDF page's rendering)
/// with the image ready for upload and its original size.
pub type Loaded = Result<(PathBuf, egui::ColorImage, [usize; 2]), String>;

/// Gets `source`'s image on a new thread — renders a PDF page first (most of a
/// second: the text is on screen and editable meanwhile), then decodes it; the
/// receiver gets the result, and `ctx` is asked to repaint when it is there.
pub fn load_in_background(
    source: PageImage,
    max_side: usize,
    ctx: egui::Context,
) -> Receiver<Loaded> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let result = source.resolve().and_then(|path| {
            let (image, original) = decode(&path, max_side)?;
            Ok((path, image, original))
        });
        // The page may have been closed meanwhile; then nobody is waiting.
        let _ = tx.send(result);
        ctx.request_repaint();
    });
    rx
}

/// Decodes and, if needed, downscales so neither side exceeds `max_side`.
pub fn decode(path: &Path, max_side: usize) -> Decoded {
    let reader = image::ImageReader::open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .with_guessed_format()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let img = reader
        .decode()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let original = [img.width() as usize, img.height() as usize];
    let max_side = max_side.max(1) as u32;
    let img = if img.width() > max_side || img.height() > max_side {
        img.resize(max_side, max_side, image::imageops::FilterType::Triangle)
    } else {
        img
    };
    let rgba = img.to_rgba8();
    let size = [rgba.width() as usize, rgba.height() as usize];
    Ok((
        egui::ColorImage::from_rgba_unmultiplied(size, rgba.as_raw()),
        original,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_scan_by_stem_and_downscales() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("p3.txt");
        std::fs::write(&page, "x").unwrap();
        assert_eq!(find_beside(&page), None);
        let img = image::RgbImage::from_fn(300, 200, |x, y| image::Rgb([x as u8, y as u8, 0]));
        let scan = dir.path().join("p3.PNG");
        img.save_with_format(&scan, image::ImageFormat::Png)
            .unwrap();
        assert_eq!(find_beside(&page), Some(scan.clone()));
        let (small, original) = decode(&scan, 100).unwrap();
        assert_eq!(original, [300, 200]);
        assert_eq!(small.size, [100, 67]);
        std::fs::write(dir.path().join("bad.png"), b"not a png").unwrap();
        assert!(decode(&dir.path().join("bad.png"), 100).is_err());
    }
}
