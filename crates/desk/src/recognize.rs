//! OCR from the desk with an existing engine: Tesseract, run as a separate process
//! (`tesseract IMAGE - -l LANG --psm N hocr`, the hOCR read from its standard
//! output). The hOCR is written beside the image as `STEM.hocr` (or into an output
//! folder) and then opened like any structured page: its `image` property names the
//! scan, so the page is linked to it.
//!
//! A PDF without a text layer (a scan saved as PDF) is rendered page by page with
//! Poppler's `pdftoppm` at [`PDF_OCR_DPI`] into `STEM-pN.png` (kept: it is the scan
//! the page links to) and each page recognized into `STEM-pN.hocr`.
//!
//! Nothing here knows about windows: the desk runs [`Ocr::run_job`] on a worker
//! thread, the command line on several.

use std::ffi::OsString;
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use thiserror::Error;

/// The language Tesseract reads by default here (Simplified Chinese).
pub const DEFAULT_LANG: &str = "chi_sim";
/// Tesseract's own default page segmentation: fully automatic page layout.
pub const DEFAULT_PSM: u8 = 3;
/// Resolution a scan-only PDF page is rendered at for OCR.
pub const PDF_OCR_DPI: f32 = 300.0;
/// The Chinese languages the desk offers, where installed.
pub const CHINESE_LANGS: &[&str] = &["chi_sim", "chi_sim_vert", "chi_tra", "chi_tra_vert"];

/// Why a scan could not be recognized.
#[derive(Debug, Error)]
pub enum RecognizeError {
    /// No `tesseract` program on PATH.
    #[error("Tesseract is not installed: install it with `{}`", install_command(.lang))]
    Missing { lang: String },
    /// Tesseract runs but has no data for the language.
    #[error(
        "Tesseract has no data for the language {lang} (installed: {}): install it with `{}`",
        if .installed.is_empty() { "none".to_owned() } else { .installed.join(", ") },
        install_command(.lang)
    )]
    LanguageMissing {
        lang: String,
        installed: Vec<String>,
    },
    #[error("{}: not a PNG, JPEG or TIFF image, nor a PDF", .0.display())]
    NotAnImage(PathBuf),
    #[error("{}: Tesseract failed: {message}", path.display())]
    Failed { path: PathBuf, message: String },
    #[error("{}: {source}", path.display())]
    Pdf {
        path: PathBuf,
        source: jiaodui_pdf::PdfError,
    },
    #[error("{}: {source}", path.display())]
    Render {
        path: PathBuf,
        source: jiaodui_pdf::RenderError,
    },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cancelled")]
    Cancelled,
}

impl RecognizeError {
    /// The command that installs what is missing (Tesseract, or its language), if
    /// that is the problem.
    pub fn install_hint(&self) -> Option<String> {
        match self {
            RecognizeError::Missing { lang } | RecognizeError::LanguageMissing { lang, .. } => {
                Some(install_command(lang))
            }
            _ => None,
        }
    }
}

/// `apt-get install tesseract-ocr tesseract-ocr-chi-sim`: Debian's package of each
/// language (`chi_sim_vert` comes with `chi_sim`); `a+b` installs both.
pub fn install_command(lang: &str) -> String {
    let mut cmd = String::from("apt-get install tesseract-ocr");
    let mut seen = Vec::new();
    for one in lang.split('+').filter(|l| !l.is_empty()) {
        let base = one.strip_suffix("_vert").unwrap_or(one);
        let package = format!(
            "tesseract-ocr-{}",
            base.to_ascii_lowercase().replace('_', "-")
        );
        if !seen.contains(&package) {
            cmd.push(' ');
            cmd.push_str(&package);
            seen.push(package);
        }
    }
    cmd
}

/// What a file is to the recognizer, by its first bytes (the extension only where
/// the bytes say nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    Png,
    Jpeg,
    Tiff,
    Pdf,
}

impl InputKind {
    /// By magic bytes.
    pub fn sniff(head: &[u8]) -> Option<InputKind> {
        if head.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(InputKind::Png)
        } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(InputKind::Jpeg)
        } else if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
            Some(InputKind::Tiff)
        } else if head.starts_with(b"%PDF-") {
            Some(InputKind::Pdf)
        } else {
            None
        }
    }

    /// By extension (`png`, `jpg`, `jpeg`, `tif`, `tiff`, `pdf`).
    pub fn by_name(path: &Path) -> Option<InputKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "png" => InputKind::Png,
            "jpg" | "jpeg" => InputKind::Jpeg,
            "tif" | "tiff" => InputKind::Tiff,
            "pdf" => InputKind::Pdf,
            _ => return None,
        })
    }

    /// The kind of the file at `path`: its bytes decide; a file that cannot be read
    /// is `None`.
    pub fn of(path: &Path) -> Option<InputKind> {
        let mut head = [0u8; 16];
        let n = std::fs::File::open(path)
            .and_then(|mut f| f.read(&mut head))
            .ok()?;
        InputKind::sniff(&head[..n])
    }
}

/// True when `path` is an image (PNG, JPEG, TIFF) by name and bytes: what `jiaodui
/// IMAGE` and the desk hand to the recognizer instead of opening as text.
pub fn is_image(path: &Path) -> bool {
    matches!(
        InputKind::of(path),
        Some(InputKind::Png | InputKind::Jpeg | InputKind::Tiff)
    )
}

/// The images of a folder (PNG, JPEG, TIFF by extension, not hidden), sorted.
pub fn images_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            !p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
                && matches!(
                    InputKind::by_name(p),
                    Some(InputKind::Png | InputKind::Jpeg | InputKind::Tiff)
                )
                && p.is_file()
        })
        .collect();
    out.sort();
    Ok(out)
}

/// One page to recognize.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageJob {
    /// The file given (image or PDF).
    pub input: PathBuf,
    /// The PDF page (1-based); `None` for an image.
    pub pdf_page: Option<usize>,
    /// The hOCR to write.
    pub out: PathBuf,
}

/// The pages of `input` (an image: one; a PDF: one per page) and where their hOCR
/// goes: `STEM.hocr` (`STEM-pN.hocr` for PDF page N) beside the input, or in
/// `out_dir`.
pub fn plan(input: &Path, out_dir: Option<&Path>) -> Result<Vec<PageJob>, RecognizeError> {
    let io = |source| RecognizeError::Io {
        path: input.to_owned(),
        source,
    };
    let meta = std::fs::metadata(input).map_err(io)?;
    if !meta.is_file() {
        return Err(RecognizeError::NotAnImage(input.to_owned()));
    }
    let kind = InputKind::of(input).ok_or_else(|| RecognizeError::NotAnImage(input.to_owned()))?;
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "page".into());
    let dir = out_dir.map(Path::to_path_buf).unwrap_or_else(|| {
        input
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_owned()
    });
    if kind != InputKind::Pdf {
        return Ok(vec![PageJob {
            input: input.to_owned(),
            pdf_page: None,
            out: dir.join(format!("{stem}.hocr")),
        }]);
    }
    let bytes =
        crate::fsio::read_bounded(input, crate::fsio::MAX_PAGE_BYTES, "a PDF").map_err(io)?;
    let pages = jiaodui_pdf::page_count(&bytes).map_err(|source| RecognizeError::Pdf {
        path: input.to_owned(),
        source,
    })?;
    Ok((1..=pages)
        .map(|n| PageJob {
            input: input.to_owned(),
            pdf_page: Some(n),
            out: dir.join(format!("{stem}-p{n}.hocr")),
        })
        .collect())
}

/// The Tesseract to run and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ocr {
    /// `tesseract`, looked up on PATH (tests point it elsewhere).
    pub program: PathBuf,
    /// Tesseract's `-l` (`chi_sim`, `chi_tra`, `chi_sim+eng`, …).
    pub lang: String,
    /// Page segmentation mode (`--psm`, 0–13).
    pub psm: u8,
}

impl Default for Ocr {
    fn default() -> Self {
        Ocr {
            program: "tesseract".into(),
            lang: DEFAULT_LANG.into(),
            psm: DEFAULT_PSM,
        }
    }
}

impl Ocr {
    /// Tesseract's arguments for `image`: hOCR on standard output; `dpi` when the
    /// image's own resolution is known (a rendered PDF page).
    pub fn args(&self, image: &Path, dpi: Option<u32>) -> Vec<OsString> {
        let mut args: Vec<OsString> = vec![
            image.as_os_str().to_owned(),
            "-".into(),
            "-l".into(),
            self.lang.clone().into(),
            "--psm".into(),
            self.psm.to_string().into(),
        ];
        if let Some(dpi) = dpi {
            args.push("--dpi".into());
            args.push(dpi.to_string().into());
        }
        args.push("hocr".into());
        args
    }

    fn missing(&self) -> RecognizeError {
        RecognizeError::Missing {
            lang: self.lang.clone(),
        }
    }

    /// The installed languages (`tesseract --list-langs`), `osd` left out.
    pub fn languages(&self) -> Result<Vec<String>, RecognizeError> {
        let out = Command::new(&self.program)
            .arg("--list-langs")
            .stdin(Stdio::null())
            .output()
            .map_err(|e| match e.kind() {
                ErrorKind::NotFound | ErrorKind::PermissionDenied => self.missing(),
                _ => RecognizeError::Io {
                    path: self.program.clone(),
                    source: e,
                },
            })?;
        // Tesseract 3 printed the list on stderr.
        let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
        text.push_str(&String::from_utf8_lossy(&out.stderr));
        Ok(parse_languages(&text))
    }

    /// Tesseract is there and has every language of `lang`.
    pub fn check_ready(&self) -> Result<(), RecognizeError> {
        let installed = self.languages()?;
        if self.lang.trim().is_empty()
            || self
                .lang
                .split('+')
                .any(|l| !installed.iter().any(|i| i == l))
        {
            return Err(RecognizeError::LanguageMissing {
                lang: self.lang.clone(),
                installed,
            });
        }
        Ok(())
    }

    /// Recognizes one page and writes its hOCR (atomically) to `job.out`; a PDF
    /// page is rendered first to `STEM-pN.png` beside the hOCR. `cancel` stops the
    /// child process.
    pub fn run_job(&self, job: &PageJob, cancel: &AtomicBool) -> Result<PathBuf, RecognizeError> {
        let out_dir = job
            .out
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(out_dir).map_err(|source| RecognizeError::Io {
            path: out_dir.to_owned(),
            source,
        })?;
        let (image, dpi) = match job.pdf_page {
            None => {
                if !matches!(
                    InputKind::of(&job.input),
                    Some(InputKind::Png | InputKind::Jpeg | InputKind::Tiff)
                ) {
                    return Err(RecognizeError::NotAnImage(job.input.clone()));
                }
                (job.input.clone(), None)
            }
            Some(page) => {
                let png = jiaodui_pdf::render_page_at(&job.input, page, out_dir, PDF_OCR_DPI)
                    .map_err(|source| RecognizeError::Render {
                        path: job.input.clone(),
                        source,
                    })?;
                (png, Some(PDF_OCR_DPI as u32))
            }
        };
        // An absolute path in the hOCR's `image` property finds the scan from
        // wherever the hOCR is written.
        let image = std::fs::canonicalize(&image).unwrap_or(image);
        let hocr = self.recognize(&image, dpi, cancel)?;
        crate::document::write_atomic(&job.out, &hocr).map_err(|source| RecognizeError::Io {
            path: job.out.clone(),
            source,
        })?;
        Ok(job.out.clone())
    }

    /// Runs Tesseract on `image` and returns its hOCR.
    pub fn recognize(
        &self,
        image: &Path,
        dpi: Option<u32>,
        cancel: &AtomicBool,
    ) -> Result<Vec<u8>, RecognizeError> {
        let mut cmd = Command::new(&self.program);
        cmd.args(self.args(image, dpi))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        // Pages run side by side already; OpenMP threads inside each only fight
        // over the cores (the user's own setting wins).
        if std::env::var_os("OMP_THREAD_LIMIT").is_none() {
            cmd.env("OMP_THREAD_LIMIT", "1");
        }
        let mut child = cmd.spawn().map_err(|e| match e.kind() {
            ErrorKind::NotFound | ErrorKind::PermissionDenied => self.missing(),
            _ => RecognizeError::Io {
                path: self.program.clone(),
                source: e,
            },
        })?;
        let drain = |pipe: Option<Box<dyn Read + Send>>| {
            std::thread::spawn(move || {
                let mut buf = Vec::new();
                if let Some(mut p) = pipe {
                    let _ = p.read_to_end(&mut buf);
                }
                buf
            })
        };
        let stdout = drain(
            child
                .stdout
                .take()
                .map(|p| Box::new(p) as Box<dyn Read + Send>),
        );
        let stderr = drain(
            child
                .stderr
                .take()
                .map(|p| Box::new(p) as Box<dyn Read + Send>),
        );
        let status = loop {
            if cancel.load(Ordering::Relaxed) {
                let _ = child.kill();
                let _ = child.wait();
                return Err(RecognizeError::Cancelled);
            }
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) => std::thread::sleep(Duration::from_millis(20)),
                Err(source) => {
                    return Err(RecognizeError::Io {
                        path: self.program.clone(),
                        source,
                    });
                }
            }
        };
        let out = stdout.join().unwrap_or_default();
        let err = stderr.join().unwrap_or_default();
        let err = String::from_utf8_lossy(&err);
        if err.contains("Failed loading language") || err.contains("couldn't load any languages") {
            return Err(RecognizeError::LanguageMissing {
                lang: self.lang.clone(),
                installed: self.languages().unwrap_or_default(),
            });
        }
        if !status.success() || !out.windows(8).any(|w| w == b"ocr_page") {
            let message = err
                .lines()
                .filter(|l| !l.trim().is_empty())
                .collect::<Vec<_>>()
                .join("; ");
            return Err(RecognizeError::Failed {
                path: image.to_owned(),
                message: if message.is_empty() {
                    format!("{status} and no hOCR written")
                } else {
                    message
                },
            });
        }
        Ok(out)
    }
}

/// The language codes of `tesseract --list-langs` output (its first line is a
/// heading; `osd` is orientation detection, not a language).
pub fn parse_languages(text: &str) -> Vec<String> {
    let mut langs: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| {
            !l.is_empty()
                && !l.contains(' ')
                && *l != "osd"
                && l.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
        .map(str::to_owned)
        .collect();
    langs.sort();
    langs.dedup();
    langs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_ask_for_hocr_on_standard_output() {
        let ocr = Ocr {
            lang: "chi_tra".into(),
            psm: 6,
            ..Ocr::default()
        };
        let args: Vec<String> = ocr
            .args(Path::new("/scans/p 1.png"), None)
            .into_iter()
            .map(|a| a.into_string().unwrap())
            .collect();
        assert_eq!(
            args,
            ["/scans/p 1.png", "-", "-l", "chi_tra", "--psm", "6", "hocr"]
        );
        let args = Ocr::default().args(Path::new("x.png"), Some(300));
        assert_eq!(
            args,
            [
                "x.png", "-", "-l", "chi_sim", "--psm", "3", "--dpi", "300", "hocr"
            ]
            .map(OsString::from)
        );
    }

    #[test]
    fn install_command_names_the_language_package() {
        assert_eq!(
            install_command("chi_sim"),
            "apt-get install tesseract-ocr tesseract-ocr-chi-sim"
        );
        assert_eq!(
            install_command("chi_sim_vert+chi_sim+chi_tra"),
            "apt-get install tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra"
        );
    }

    #[test]
    fn a_missing_tesseract_says_how_to_install_it() {
        let ocr = Ocr {
            program: "/nonexistent/tesseract-not-here".into(),
            ..Ocr::default()
        };
        let err = ocr.check_ready().unwrap_err();
        assert!(matches!(err, RecognizeError::Missing { .. }), "{err:?}");
        assert!(
            err.to_string()
                .contains("apt-get install tesseract-ocr tesseract-ocr-chi-sim"),
            "{err}"
        );
        let err = ocr
            .recognize(Path::new("x.png"), None, &AtomicBool::new(false))
            .unwrap_err();
        assert!(matches!(err, RecognizeError::Missing { .. }), "{err:?}");
    }

    #[test]
    fn language_list_is_parsed() {
        let text = "List of available languages in \"/usr/share/tesseract-ocr/5/tessdata/\" (3):\nchi_sim\neng\nosd\n";
        assert_eq!(parse_languages(text), ["chi_sim", "eng"]);
    }

    #[test]
    fn inputs_are_known_by_their_bytes() {
        assert_eq!(
            InputKind::sniff(b"\x89PNG\r\n\x1a\n...."),
            Some(InputKind::Png)
        );
        assert_eq!(
            InputKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(InputKind::Jpeg)
        );
        assert_eq!(InputKind::sniff(b"II*\0"), Some(InputKind::Tiff));
        assert_eq!(InputKind::sniff(b"MM\0*"), Some(InputKind::Tiff));
        assert_eq!(InputKind::sniff(b"%PDF-1.7"), Some(InputKind::Pdf));
        assert_eq!(InputKind::sniff(b"<html>"), None);
        let dir = tempfile::tempdir().unwrap();
        // A text file named .png is not an image.
        let fake = dir.path().join("fake.png");
        std::fs::write(&fake, "not an image").unwrap();
        assert!(!is_image(&fake));
        assert!(matches!(
            plan(&fake, None),
            Err(RecognizeError::NotAnImage(_))
        ));
        let png = dir.path().join("p1.png");
        std::fs::write(&png, b"\x89PNG\r\n\x1a\nrest").unwrap();
        assert!(is_image(&png));
        let jobs = plan(&png, None).unwrap();
        assert_eq!(jobs.len(), 1);
        assert_eq!(jobs[0].out, dir.path().join("p1.hocr"));
        let jobs = plan(&png, Some(Path::new("/out"))).unwrap();
        assert_eq!(jobs[0].out, Path::new("/out/p1.hocr"));
        assert_eq!(images_in(dir.path()).unwrap(), [fake, png]);
    }
}
