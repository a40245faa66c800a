//! What the app remembers between sessions: engine settings, font size, theme,
//! language, recent files. Stored as RON in the platform's config folder. Every
//! field has a default (`#[serde(default)]`), so files from older versions load;
//! a damaged file is reported, kept aside for inspection and replaced by defaults
//! rather than stopping the app.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use jiaodui_core::engine::Settings;
use jiaodui_core::lang::Lang;

/// How many recent files the File menu keeps.
pub const MAX_RECENT: usize = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppSettings {
    pub engine: Settings,
    pub font_size: f32,
    pub theme: Theme,
    pub language: Lang,
    pub recent: Vec<PathBuf>,
    pub show_findings: bool,
    /// Tesseract's language for File → Recognize scan (`chi_sim`, `chi_tra`, …).
    pub ocr_lang: String,
    /// Tesseract's page segmentation mode (3: automatic, its default).
    pub ocr_psm: u8,
    /// The user's own house words ("Always correct" outside a folder, or added in
    /// Settings): never flagged, on any page. A folder's list is kept in the folder.
    pub house_words: std::collections::BTreeSet<String>,
    /// Apply all also takes `suspect-glyph` findings whose confidence is at least
    /// this (percent), their best candidate; None (the default): never.
    pub apply_suspects_from_percent: Option<u8>,
}

impl Default for AppSettings {
    fn default() -> Self {
        AppSettings {
            engine: Settings::default(),
            font_size: 16.0,
            theme: Theme::Light,
            language: Lang::Zh,
            recent: Vec::new(),
            show_findings: true,
            ocr_lang: crate::recognize::DEFAULT_LANG.to_owned(),
            ocr_psm: crate::recognize::DEFAULT_PSM,
            house_words: Default::default(),
            apply_suspects_from_percent: None,
        }
    }
}

/// Font sizes the settings window offers; values outside are clamped on load.
pub const FONT_SIZES: std::ops::RangeInclusive<f32> = 10.0..=32.0;

impl AppSettings {
    /// Moves `path` to the top of the recent list.
    pub fn remember(&mut self, path: &Path) {
        let path = fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    fn sanitized(mut self) -> Self {
        if !self.font_size.is_finite() {
            self.font_size = AppSettings::default().font_size;
        }
        self.font_size = self.font_size.clamp(*FONT_SIZES.start(), *FONT_SIZES.end());
        self.recent.truncate(MAX_RECENT);
        self.house_words
            .retain(|w| jiaodui_core::engine::house_words::is_valid(w));
        if let Some(p) = &mut self.apply_suspects_from_percent {
            *p = (*p).clamp(50, 100);
        }
        if self.ocr_psm > 13 {
            self.ocr_psm = crate::recognize::DEFAULT_PSM;
        }
        if self.ocr_lang.trim().is_empty() {
            self.ocr_lang = crate::recognize::DEFAULT_LANG.to_owned();
        }
        self
    }

    /// The recognizer these settings ask for (Tesseract on PATH).
    pub fn ocr(&self) -> crate::recognize::Ocr {
        crate::recognize::Ocr {
            lang: self.ocr_lang.clone(),
            psm: self.ocr_psm,
            ..Default::default()
        }
    }
}

/// Where settings live: `settings.ron` in the platform config folder
/// (`~/.config/jiaodui/` on Linux), or None when the platform has no home.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "jiaodui").map(|d| d.config_dir().join("settings.ron"))
}

/// Settings plus, when the file could not be used, why (shown in the window).
#[derive(Default)]
pub struct Loaded {
    pub settings: AppSettings,
    pub problem: Option<String>,
}

/// Largest settings file read: a real one is a few hundred bytes (ten recent paths
/// and a handful of switches); anything far bigger is not a settings file.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Parses the text of a settings file (values out of range are clamped). The
/// error is the parser's message with its line and column.
pub fn parse(text: &str) -> Result<AppSettings, String> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "too large for a settings file ({} bytes, at most {MAX_FILE_BYTES})",
            text.len()
        ));
    }
    ron::from_str::<AppSettings>(text)
        .map(AppSettings::sanitized)
        .map_err(|e| e.to_string())
}

/// The text [`save`] writes.
pub fn to_ron(settings: &AppSettings) -> Result<String, ron::Error> {
    ron::ser::to_string_pretty(settings, ron::ser::PrettyConfig::default())
}

/// Reads settings from `path`. A missing file is normal (defaults, no problem); an
/// unreadable or damaged one gives defaults and a message. A damaged one is moved
/// aside as `settings.ron.damaged-<UTC time>` (like a damaged session) and
/// replaced by the defaults, so the next start is clean and nothing is lost.
pub fn load(path: &Path) -> Loaded {
    if let Ok(meta) = fs::metadata(path)
        && meta.len() > MAX_FILE_BYTES
    {
        let why = format!(
            "too large for a settings file ({} bytes, at most {MAX_FILE_BYTES})",
            meta.len()
        );
        return damaged(path, why);
    }
    let text = match crate::fsio::read_bounded(path, MAX_FILE_BYTES, "a settings file") {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => return damaged(path, "not UTF-8 text".to_owned()),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Loaded {
                settings: AppSettings::default(),
                problem: None,
            };
        }
        Err(e) => {
            return Loaded {
                settings: AppSettings::default(),
                problem: Some(format!("{}: {e}", path.display())),
            };
        }
    };
    match parse(&text) {
        Ok(settings) => Loaded {
            settings,
            problem: None,
        },
        Err(why) => damaged(path, why),
    }
}

/// Defaults in place of the damaged file at `path`, which is kept aside.
fn damaged(path: &Path, why: String) -> Loaded {
    let settings = AppSettings::default();
    let problem = match crate::session::set_aside(path) {
        Ok(kept) => format!("{}: {why} (kept as {})", path.display(), kept.display()),
        Err(e) => format!("{}: {why} (could not keep it aside: {e})", path.display()),
    };
    // Best effort: if even this fails, the message still tells the user.
    let _ = save(path, &settings);
    Loaded {
        settings,
        problem: Some(problem),
    }
}

/// Writes settings atomically (a crash mid-write must not damage the file).
pub fn save(path: &Path, settings: &AppSettings) -> std::io::Result<()> {
    let text = to_ron(settings).map_err(std::io::Error::other)?;
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    crate::document::write_atomic(path, text.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A FIFO as settings.ron: defaults and a message at once, the FIFO left alone
    /// (was: the window froze waiting for a writer).
    #[test]
    fn a_fifo_as_settings_file_does_not_block() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.ron");
        let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let loaded = load(&path);
        assert_eq!(loaded.settings, AppSettings::default());
        let problem = loaded.problem.unwrap();
        assert!(problem.contains("FIFO"), "{problem}");
        use std::os::unix::fs::FileTypeExt;
        assert!(fs::symlink_metadata(&path).unwrap().file_type().is_fifo());
    }

    #[test]
    fn damaged_file_gives_defaults_and_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.ron");
        fs::write(&path, "(font_size: \"big\"").unwrap();
        let loaded = load(&path);
        assert_eq!(loaded.settings, AppSettings::default());
        let problem = loaded.problem.expect("a message");
        assert!(problem.contains("kept as"), "{problem}");
        // Kept aside, byte for byte.
        let kept: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with("settings.ron.damaged-")
            })
            .collect();
        assert_eq!(kept.len(), 1);
        assert_eq!(
            fs::read_to_string(kept[0].path()).unwrap(),
            "(font_size: \"big\""
        );
        // Replaced by defaults: the next load is clean.
        assert!(load(&path).problem.is_none());
    }

    #[test]
    fn round_trip_and_missing_fields() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        let mut s = AppSettings {
            font_size: 20.0,
            theme: Theme::Dark,
            language: Lang::En,
            ..Default::default()
        };
        s.engine
            .set_enabled(jiaodui_core::engine::RuleId::HalfwidthPunct, false);
        s.house_words.insert("丽丽".to_owned());
        s.apply_suspects_from_percent = Some(80);
        save(&path, &s).unwrap();
        assert_eq!(load(&path).settings, s);
        fs::write(&path, "(theme: dark)").unwrap();
        let l = load(&path);
        assert!(l.problem.is_none());
        assert_eq!(l.settings.theme, Theme::Dark);
        assert_eq!(l.settings.font_size, 16.0);
    }
}
