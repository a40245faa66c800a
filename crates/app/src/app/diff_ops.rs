//! The Diff view's commands: next / previous change, whitespace marks, the view
//! mode, and File → Export report… (the view itself is `panels/diff.rs`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{App, Dialogs, View};
use crate::i18n::T;
use crate::panels::diff::DiffCommand;
use crate::status_message::StatusMessage;
use jiaodui_core::engine::{self, RuleId};
use jiaodui_core::report::{Page, Report, ReportFormat, date};
use jiaodui_desk::document::write_atomic;

impl App {
    /// Applies a Diff view command (called from the app's command loop).
    pub(super) fn run_diff(&mut self, c: DiffCommand) {
        match c {
            DiffCommand::Next => self.diff_view.step(&self.doc, true),
            DiffCommand::Prev => self.diff_view.step(&self.doc, false),
            DiffCommand::ShowWhitespace(show) => {
                self.diff_view.hide_whitespace = !show;
                let d = self.diff_view.diff(&self.doc);
                if !show
                    && self
                        .diff_view
                        .current
                        .and_then(|i| d.changes.get(i))
                        .is_some_and(|c| c.whitespace_only)
                {
                    self.diff_view.current = None;
                }
            }
            DiffCommand::SetMode(m) => self.diff_view.mode = m,
            DiffCommand::Export => self.export_dialog(),
            DiffCommand::ExportTo(p) => {
                self.diff_view.export_path = None;
                self.export_to(&p);
            }
            DiffCommand::ExportPath(p) => self.diff_view.export_path = p,
        }
    }

    fn default_report_path(&self) -> PathBuf {
        let stem = Path::new(&self.page.name)
            .file_stem()
            .map_or_else(|| "page".to_owned(), |s| s.to_string_lossy().into_owned());
        let dir = self
            .doc
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_else(|| std::env::current_dir().unwrap_or_default());
        dir.join(format!("{stem}.report.html"))
    }

    fn export_dialog(&mut self) {
        let proposed = self.default_report_path();
        if self.dialogs == Dialogs::Native {
            use crate::native_dialog::{Answer, Ask, ask};
            let filters: &[(&str, &[&str])] = &[
                ("HTML", &["html"]),
                ("Unified diff", &["diff", "patch"]),
                ("JSON", &["json"]),
            ];
            match ask(Ask::SaveFile(&proposed), proposed.parent(), filters) {
                Answer::Chosen(p) => return self.export_to(&p),
                Answer::Cancelled => return,
                Answer::Unavailable => {}
            }
        }
        // No dialog could be shown: the path field, in the Diff view.
        self.view = View::Diff;
        self.diff_view.export_no_native = self.dialogs == Dialogs::Native;
        self.diff_view.export_path = Some(proposed.display().to_string());
    }

    /// Builds the report of the page's changes so far and writes it to `path`.
    fn export_to(&mut self, path: &Path) {
        let lang = self.lang();
        let Some(format) = ReportFormat::from_path(path) else {
            self.report(
                T::SaveFailed,
                format!("{}: {}", path.display(), T::UnknownFormat.get(lang)),
            );
            return;
        };
        let d = self.diff_view.diff(&self.doc);
        let settings = self.settings.engine.clone();
        // Ignored = findings in the text that review no longer lists, by rule.
        let mut ignored: BTreeMap<RuleId, usize> = BTreeMap::new();
        for f in engine::check(self.doc.text(), &settings) {
            *ignored.entry(f.rule).or_insert(0) += 1;
        }
        for (rule, n) in self.review.counts() {
            if let Some(v) = ignored.get_mut(rule) {
                *v = v.saturating_sub(*n);
            }
        }
        let format_of = self.doc.format;
        let before_bytes = jiaodui_core::text::encode(&self.doc.original, format_of)
            .unwrap_or_else(|_| self.doc.original.as_bytes().to_vec());
        let after_bytes = self
            .doc
            .encoded(path)
            .unwrap_or_else(|_| self.doc.text().as_bytes().to_vec());
        // Before is the page as loaded (the raw OCR), wherever the work was saved since;
        // after is the file it was saved to, while the text is what that file holds.
        let before_name = self.doc.source.as_ref().map_or_else(
            || super::SAMPLE_NAME.to_owned(),
            |p| p.display().to_string(),
        );
        let after_name = match &self.doc.path {
            Some(p) if self.doc.source.as_ref() != Some(p) && !self.doc.is_modified() => {
                p.display().to_string()
            }
            _ => format!("{before_name} ({})", T::Corrected.get(lang)),
        };
        let report = Report::with_diff(
            Page {
                name: before_name,
                text: &self.doc.original,
                bytes: before_bytes.into(),
                format: format_of,
            },
            Page {
                name: after_name,
                text: self.doc.text(),
                bytes: after_bytes.into(),
                format: format_of,
            },
            date::now_utc(),
            &settings,
            &ignored,
            (*d).clone(),
        );
        match write_atomic(path, &report.render(format)) {
            Ok(()) => {
                self.status = Some(StatusMessage::label(T::ReportWritten).value(path.display()))
            }
            Err(e) => self.report(T::SaveFailed, format!("{}: {e}", path.display())),
        }
    }
}
