//! What the app remembers between sessions: engine settings, font size, theme,
//! language, recent files. Stored as RON in the platform's config folder. Every
//! field has a default (`#[serde(default)]`), so files from older versions load;
//! a damaged file is reported and replaced by defaults rather than stopping the app.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::i18n::Lang;
use crate::engine::Settings;

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
        self
    }
}

/// Where settings live: `settings.ron` in the platform config folder
/// (`~/.config/jiaodui/` on Linux), or None when the platform has no home.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "jiaodui").map(|d| d.config_dir().join("settings.ron"))
}

/// Settings plus, when the file could not be used, why (shown in the window).
pub struct Loaded {
    pub settings: AppSettings,
    pub problem: Option<String>,
}

/// Reads settings from `path`. A missing file is normal (defaults, no problem); an
/// unreadable or damaged one gives defaults and a message, and is overwritten with
/// the defaults so the next start is clean.
pub fn load(path: &Path) -> Loaded {
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
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
    match ron::from_str::<AppSettings>(&text) {
        Ok(s) => Loaded {
            settings: s.sanitized(),
            problem: None,
        },
        Err(e) => {
            let settings = AppSettings::default();
            // Best effort: if even this fails, the message below still tells the user.
            let _ = save(path, &settings);
            Loaded {
                settings,
                problem: Some(format!("{}: {e}", path.display())),
            }
        }
    }
}

/// Writes settings atomically (a crash mid-write must not damage the file).
pub fn save(path: &Path, settings: &AppSettings) -> anyhow::Result<()> {
    let text = ron::ser::to_string_pretty(settings, ron::ser::PrettyConfig::default())?;
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    crate::document::write_atomic(path, text.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_file_gives_defaults_and_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.ron");
        fs::write(&path, "(font_size: \"big\"").unwrap();
        let loaded = load(&path);
        assert_eq!(loaded.settings, AppSettings::default());
        assert!(loaded.problem.is_some());
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
            .set_enabled(crate::engine::RuleId::HalfwidthPunct, false);
        save(&path, &s).unwrap();
        assert_eq!(load(&path).settings, s);
        fs::write(&path, "(theme: dark)").unwrap();
        let l = load(&path);
        assert!(l.problem.is_none());
        assert_eq!(l.settings.theme, Theme::Dark);
        assert_eq!(l.settings.font_size, 16.0);
    }
}
