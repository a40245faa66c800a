//! Rendering a page for the scan panel with Poppler's `pdftoppm`, run as a separate
//! process (Poppler is GPL: run, never linked). The only I/O of this crate.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Command;

use thiserror::Error;

use crate::DPI;

/// Why a page could not be rendered.
#[derive(Debug, Error)]
pub enum RenderError {
    #[error("pdftoppm is not installed: install Poppler's tools (apt-get install poppler-utils)")]
    Missing,
    #[error("pdftoppm failed on page {page}: {message}")]
    Failed { page: usize, message: String },
    #[error("cannot run pdftoppm: {0}")]
    Io(#[from] std::io::Error),
}

/// Renders page `page` (1-based) of the PDF at `path` as a PNG at [`DPI`] into
/// `out_dir`, returning the PNG's path (`<stem>-p<page>.png`). Glyph boxes from
/// [`read_pdf`](crate::read_pdf) are pixels of this image.
pub fn render_page(path: &Path, page: usize, out_dir: &Path) -> Result<PathBuf, RenderError> {
    render_with("pdftoppm", path, page, out_dir, DPI)
}

/// [`render_page`] at `dpi` (OCR wants 300 or more; the boxes of the text layer
/// are at [`DPI`] only).
pub fn render_page_at(
    path: &Path,
    page: usize,
    out_dir: &Path,
    dpi: f32,
) -> Result<PathBuf, RenderError> {
    render_with("pdftoppm", path, page, out_dir, dpi)
}

/// Where [`render_page`] writes page `page` (1-based) of `path` in `out_dir`:
/// `STEM-pN.png`, so a caller can reuse an image rendered before.
pub fn rendered_path(path: &Path, page: usize, out_dir: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "page".into());
    out_dir.join(format!("{stem}-p{page}.png"))
}

fn render_with(
    program: &str,
    path: &Path,
    page: usize,
    out_dir: &Path,
    dpi: f32,
) -> Result<PathBuf, RenderError> {
    let png = rendered_path(path, page, out_dir);
    let prefix = png.with_extension("");
    let n = page.to_string();
    let output = Command::new(program)
        .args([
            "-r",
            &dpi.to_string(),
            "-f",
            &n,
            "-l",
            &n,
            "-png",
            "-singlefile",
        ])
        .arg(path)
        .arg(&prefix)
        .output()
        .map_err(|e| match e.kind() {
            ErrorKind::NotFound => RenderError::Missing,
            _ => RenderError::Io(e),
        })?;
    if !output.status.success() || !png.exists() {
        let stderr = String::from_utf8_lossy(&output.stderr).trim().to_string();
        return Err(RenderError::Failed {
            page,
            message: if stderr.is_empty() {
                format!("{} and no image written", output.status)
            } else {
                stderr
            },
        });
    }
    Ok(png)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_renderer_names_the_package() {
        let dir = std::env::temp_dir();
        let err = render_with(
            "pdftoppm-not-installed-here",
            Path::new("x.pdf"),
            1,
            &dir,
            DPI,
        )
        .unwrap_err();
        assert!(matches!(err, RenderError::Missing));
        assert!(err.to_string().contains("apt-get install poppler-utils"));
    }
}
