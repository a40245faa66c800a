//! File → Export folder report…: the same summary as `jiaodui report DIR -o OUT`
//! (`jiaodui_desk::folder_report` does the work for both), written after the open
//! page's session so the summary includes the work of the last few seconds.

use std::path::{Path, PathBuf};

use super::{App, Dialog};
use crate::i18n::T;
use crate::status_message::StatusMessage;
use jiaodui_core::report::date;
use jiaodui_desk::document::WriteOptions;
use jiaodui_desk::folder_report::{self, FolderFormat};

impl App {
    /// The proposed summary: `DIR/NAME-report.html` for folder `DIR/../NAME` (its
    /// page reports go to `NAME-report-pages/`, which is not a page folder: no .txt).
    pub(super) fn default_folder_report(&self) -> Option<PathBuf> {
        let dir = &self.desk.folder.as_ref()?.dir;
        let name = dir
            .canonicalize()
            .ok()
            .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "folder".to_owned());
        Some(dir.join(format!("{name}-report.html")))
    }

    /// Native save dialog, or the path field where none can be shown.
    pub(super) fn folder_report_dialog(&mut self) {
        let Some(proposed) = self.default_folder_report() else {
            return;
        };
        if self.dialogs == super::Dialogs::Native {
            use crate::native_dialog::{Answer, Ask, ask};
            let filters: &[(&str, &[&str])] = &[("HTML", &["html"]), ("JSON", &["json"])];
            match ask(Ask::SaveFile(&proposed), proposed.parent(), filters) {
                Answer::Chosen(p) => return self.folder_report_to(&p),
                Answer::Cancelled => return,
                Answer::Unavailable => {}
            }
        }
        self.dialog = Dialog::FolderReportPath {
            path: proposed.display().to_string(),
            no_native: self.dialogs == super::Dialogs::Native,
        };
    }

    /// Writes the summary of the open folder to `out` (HTML, or JSON for `.json`).
    pub(super) fn folder_report_to(&mut self, out: &Path) {
        let Some(dir) = self.desk.folder.as_ref().map(|f| f.dir.clone()) else {
            return;
        };
        self.dialog = Dialog::None;
        self.write_session(false);
        match folder_report::write(
            &dir,
            out,
            FolderFormat::from_path(out),
            &self.settings.engine,
            &date::now_utc(),
            WriteOptions::default(),
        ) {
            Ok(w) => {
                let mut msg = StatusMessage::label(T::ReportWritten).value(out.display());
                if !w.errors.is_empty() {
                    msg = msg
                        .text(format!(" · {} ", w.errors.len()))
                        .then(T::PagesUnreadable);
                }
                self.status = Some(msg);
            }
            Err(e) => self.report(T::SaveFailed, e.to_string()),
        }
    }
}
