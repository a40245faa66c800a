//! The page list of a folder: each page's name, status and findings left; next /
//! previous page and "Mark done". Also the desk's entries in the File and View menus.

use crate::i18n::T;
use eframe::egui::{self, RichText, ScrollArea, Ui};

use crate::command::Command;
use crate::desk::{DeskCommand, Folder};
use crate::i18n::Lang;
use jiaodui_desk::session::PageStatus;

/// What the page list reads.
pub struct PagesInput<'a> {
    pub lang: Lang,
    /// The open folder, if any.
    pub folder: Option<&'a Folder>,
    /// View → Page list is on.
    pub show: bool,
    /// The open page's index in the folder.
    pub current: Option<usize>,
    /// The open page's status and findings left (newer than the folder's record).
    pub status: PageStatus,
    pub left: usize,
}

pub fn show(ui: &mut Ui, input: &PagesInput, out: &mut Vec<Command>) {
    let Some(folder) = input.folder else {
        return;
    };
    if !input.show {
        return;
    }
    let lang = input.lang;
    let current = input.current;
    let status_now = input.status;
    egui::Panel::left("pages-panel")
        .resizable(true)
        .default_size(190.0)
        .min_size(150.0)
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.heading(T::Pages.get(lang))
                .on_hover_text(folder.dir.display().to_string());
            ui.horizontal(|ui| {
                let n = folder.pages.len();
                let prev = current.is_some_and(|i| i > 0);
                let next = current.is_none_or(|i| i + 1 < n);
                if ui
                    .add_enabled(
                        prev,
                        egui::Button::new(format!("← {}", T::PrevPage.get(lang))),
                    )
                    .on_hover_text("Ctrl+PageUp")
                    .clicked()
                {
                    out.push(Command::Desk(DeskCommand::PrevPage));
                }
                if ui
                    .add_enabled(
                        next,
                        egui::Button::new(format!("{} →", T::NextPage.get(lang))),
                    )
                    .on_hover_text("Ctrl+PageDown")
                    .clicked()
                {
                    out.push(Command::Desk(DeskCommand::NextPage));
                }
            });
            let done = status_now == PageStatus::Done;
            let label = if done { T::MarkInProgress } else { T::MarkDone };
            if ui
                .add_enabled(current.is_some(), egui::Button::new(label.get(lang)))
                .clicked()
            {
                out.push(Command::Desk(DeskCommand::MarkDone(!done)));
            }
            let done_count = folder
                .pages
                .iter()
                .enumerate()
                .filter(|(i, p)| {
                    if Some(*i) == current {
                        done
                    } else {
                        folder.project.entry(p).status == PageStatus::Done
                    }
                })
                .count();
            ui.label(format!(
                "{} {done_count} / {}",
                T::Done.get(lang),
                folder.pages.len()
            ));
            ui.label(
                RichText::new(format!(
                    "○ {}  ◎ {}  ● {}  · N {}",
                    T::NotStarted.get(lang),
                    T::InProgress.get(lang),
                    T::Done.get(lang),
                    T::FindingsLeft.get(lang)
                ))
                .weak()
                .small(),
            );
            ui.separator();
            ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    for (i, page) in folder.pages.iter().enumerate() {
                        let entry = folder.project.entry(page);
                        let is_current = Some(i) == current;
                        let (status, left) = if is_current {
                            (status_now, Some(input.left))
                        } else {
                            (entry.status, entry.findings_left)
                        };
                        let mark = match status {
                            PageStatus::NotStarted => "○",
                            PageStatus::InProgress => "◎",
                            PageStatus::Done => "●",
                        };
                        let name = page
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        let left = left.map_or_else(|| "…".to_owned(), |n| n.to_string());
                        let text = format!("{mark} {name}   {left}");
                        let text = if is_current {
                            RichText::new(text).strong()
                        } else {
                            RichText::new(text)
                        };
                        let hover = format!(
                            "{} · {left} {}",
                            crate::desk::status_label(status).get(lang),
                            T::FindingsLeft.get(lang)
                        );
                        if ui
                            .selectable_label(is_current, text)
                            .on_hover_text(hover)
                            .clicked()
                            && !is_current
                        {
                            out.push(Command::Desk(DeskCommand::OpenPage(i)));
                        }
                    }
                });
        });
}

/// File menu: Open folder….
pub fn file_menu(ui: &mut Ui, lang: Lang, out: &mut Vec<Command>) {
    if ui.button(T::OpenFolder.get(lang)).clicked() {
        out.push(Command::Desk(DeskCommand::OpenFolderDialog));
        ui.close();
    }
}

/// File menu: the folder summary, beside the page's own report (a folder is open:
/// `folder_open`).
pub fn export_menu(ui: &mut Ui, lang: Lang, folder_open: bool, out: &mut Vec<Command>) {
    if ui
        .add_enabled(
            folder_open,
            egui::Button::new(T::ExportFolderReport.get(lang)),
        )
        .clicked()
    {
        out.push(Command::Desk(DeskCommand::ExportFolderReport));
        ui.close();
    }
}

/// What the desk's View menu entries read.
#[derive(Clone, Copy)]
pub struct DeskToggles {
    pub folder_open: bool,
    pub show_pages: bool,
    pub show_scan: bool,
}

/// View menu: page list and scan image toggles.
pub fn view_menu(ui: &mut Ui, lang: Lang, toggles: DeskToggles, out: &mut Vec<Command>) {
    let mut pages = toggles.show_pages;
    if ui
        .add_enabled(
            toggles.folder_open,
            egui::Checkbox::new(&mut pages, T::PageList.get(lang)),
        )
        .changed()
    {
        out.push(Command::Desk(DeskCommand::ShowPages(pages)));
        ui.close();
    }
    let mut scan = toggles.show_scan;
    if ui.checkbox(&mut scan, T::Scan.get(lang)).changed() {
        out.push(Command::Desk(DeskCommand::ShowScan(scan)));
        ui.close();
    }
}
