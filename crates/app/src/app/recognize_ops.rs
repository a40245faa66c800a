//! File → Recognize scan: Tesseract on a worker thread (the window stays
//! interactive; the status bar shows the page and a spinner, with Cancel), then the
//! hOCR it wrote opens as the page, linked to its scan. An image given on the
//! command line or dropped on the window takes the same path; a PDF without a text
//! layer is offered it instead of failing.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use eframe::egui;

use super::{App, Dialog, Then};
use crate::desk::{Recognition, RecognizeMsg};
use crate::i18n::T;
use crate::native_dialog::{Answer, Ask};
use crate::status_message::StatusMessage;
use jiaodui_desk::recognize::{self, Ocr, RecognizeError};

/// Extensions File → Recognize scan offers.
const SCAN_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "tif", "tiff", "pdf"];

impl App {
    /// The recognizer as the settings ask for it.
    pub fn ocr(&self) -> Ocr {
        Ocr {
            program: self.desk.ocr_program.clone(),
            ..self.settings.ocr()
        }
    }

    /// File → Recognize scan…: the native dialog, or the path field where none can
    /// be shown.
    pub(super) fn recognize_dialog(&mut self, ctx: &egui::Context) {
        let start_dir = self.dialog_start_dir();
        if self.dialogs == super::Dialogs::Native {
            let name = self.tr(T::ScanFiles);
            let filters: &[(&str, &[&str])] = &[(name, SCAN_EXTENSIONS), ("*", &["*"])];
            match crate::native_dialog::ask(Ask::OpenFile, start_dir.as_deref(), filters) {
                Answer::Chosen(p) => return self.start_recognition(ctx, &p),
                Answer::Cancelled => return,
                Answer::Unavailable => {}
            }
        }
        let path = start_dir
            .map(|d| format!("{}/", d.display()))
            .unwrap_or_default();
        self.dialog = Dialog::RecognizePath {
            path,
            no_native: self.dialogs == super::Dialogs::Native,
        };
    }

    /// Starts recognizing `path` (an image, or a scan-only PDF page by page) on a
    /// worker thread. One recognition at a time.
    pub(super) fn start_recognition(&mut self, ctx: &egui::Context, path: &Path) {
        if matches!(
            self.dialog,
            Dialog::RecognizePath { .. } | Dialog::OfferRecognize(_)
        ) {
            self.dialog = Dialog::None;
        }
        if self.desk.recognition.is_some() {
            return;
        }
        let ocr = self.ocr();
        let (tx, rx) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let (input, stop, wake) = (path.to_owned(), cancel.clone(), ctx.clone());
        let spawned = std::thread::Builder::new()
            .name("jiaodui-ocr".into())
            .spawn(move || {
                let progress = |i, n| {
                    let _ = tx.send(RecognizeMsg::Page(i, n));
                    wake.request_repaint();
                };
                let result = recognize_all(&ocr, &input, &stop, progress);
                let _ = tx.send(RecognizeMsg::Done(result));
                wake.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.desk.recognition = Some(Recognition {
                    source: path.to_owned(),
                    rx,
                    cancel,
                    page: (0, 0),
                });
            }
            Err(e) => self.report(T::RecognizeFailed, e.to_string()),
        }
    }

    /// Cancel: the worker kills Tesseract and reports `Cancelled`.
    pub(super) fn cancel_recognition(&mut self) {
        if let Some(r) = &self.desk.recognition {
            r.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Once a frame: progress, and the result when it is there.
    pub(super) fn poll_recognition(&mut self, ctx: &egui::Context) {
        loop {
            let Some(r) = self.desk.recognition.as_mut() else {
                return;
            };
            match r.rx.try_recv() {
                Ok(RecognizeMsg::Page(i, n)) => r.page = (i, n),
                Ok(RecognizeMsg::Done(result)) => {
                    self.desk.recognition = None;
                    return self.recognition_done(result);
                }
                Err(mpsc::TryRecvError::Empty) => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(250));
                    return;
                }
                Err(mpsc::TryRecvError::Disconnected) => {
                    self.desk.recognition = None;
                    self.report(T::RecognizeFailed, "the recognizer stopped".into());
                    return;
                }
            }
        }
    }

    fn recognition_done(&mut self, result: Result<Vec<PathBuf>, RecognizeError>) {
        match result {
            Ok(written) => {
                let Some(first) = written.first().cloned() else {
                    return;
                };
                if self.ask_first(Then::Open(first.clone())) {
                    self.open_now(&first);
                }
                let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
                self.status = Some(StatusMessage::label(T::RecognizedInto).value(names.join(", ")));
            }
            Err(RecognizeError::Cancelled) => {
                self.status = Some(StatusMessage::label(T::RecognizeCancelled));
            }
            Err(e) => {
                let message = match (&e, e.install_hint()) {
                    (RecognizeError::Missing { .. }, Some(hint)) => {
                        format!("{}\n{hint}", self.tr(T::TesseractMissing))
                    }
                    (_, Some(hint)) => format!("{}\n{hint}\n\n{e}", self.tr(T::OcrLangMissing)),
                    _ => e.to_string(),
                };
                self.report(T::RecognizeFailed, message);
            }
        }
    }

    /// The installed Tesseract languages, asked once (Settings shows them).
    pub(super) fn load_ocr_languages(&mut self) {
        if self.desk.ocr_languages.is_none() {
            self.desk.ocr_languages = Some(self.ocr().languages());
        }
    }
}

/// Every page of `input`, one after the other, `progress(page, pages)` before each.
fn recognize_all(
    ocr: &Ocr,
    input: &Path,
    stop: &AtomicBool,
    progress: impl Fn(usize, usize),
) -> Result<Vec<PathBuf>, RecognizeError> {
    ocr.check_ready()?;
    let jobs = recognize::plan(input, None)?;
    let mut written = Vec::new();
    for (i, job) in jobs.iter().enumerate() {
        progress(i + 1, jobs.len());
        written.push(ocr.run_job(job, stop)?);
    }
    Ok(written)
}
