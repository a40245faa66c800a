//! The resume question when a page with saved work is opened: Resume / Start over,
//! and when the page changed on disk, Resume anyway / Start over / Cancel.

use crate::i18n::T;
use eframe::egui::{self, RichText};

use crate::command::Command;
use crate::desk::{DeskCommand, ResumeChoice, ResumeOffer};
use crate::i18n::Lang;

/// The question, while the desk offers a session (`offer`) for the page `name`.
pub fn show(
    ctx: &egui::Context,
    offer: Option<&ResumeOffer>,
    name: &str,
    lang: Lang,
    out: &mut Vec<Command>,
) {
    let Some(offer) = offer else { return };
    egui::Modal::new(egui::Id::unique("jiaodui-resume")).show(ctx, |ui| {
        ui.set_min_width(420.0);
        ui.heading(T::ResumeTitle.get(lang));
        ui.add_space(6.0);
        ui.label(format!(
            "{} — {}",
            name,
            if offer.crashed {
                T::CrashQuestion.get(lang)
            } else {
                T::ResumeQuestion.get(lang)
            }
        ));
        // The editor's local time; UTC (20261125T214110Z → 2026-11-25 21:41:10 UTC)
        // only for a time the C library cannot convert.
        let stamp = jiaodui_desk::session::local_time(offer.saved_at).unwrap_or_else(|| {
            let s = jiaodui_desk::session::utc_stamp_secs(offer.saved_at);
            match (
                s.get(0..4),
                s.get(4..6),
                s.get(6..8),
                s.get(9..11),
                s.get(11..13),
                s.get(13..15),
            ) {
                (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(se)) => {
                    format!("{y}-{mo}-{d} {h}:{mi}:{se} UTC")
                }
                _ => s,
            }
        });
        ui.label(RichText::new(format!("{} {stamp}", T::SavedAt.get(lang))).weak());
        if offer.source_changed {
            ui.add_space(4.0);
            ui.label(RichText::new(T::SourceChanged.get(lang)).color(ui.visuals().warn_fg_color));
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let resume = if offer.source_changed {
                T::ResumeAnyway
            } else {
                T::Resume
            };
            if ui.button(resume.get(lang)).clicked() {
                out.push(Command::Desk(DeskCommand::Resume(ResumeChoice::Resume)));
            }
            if ui.button(T::StartOver.get(lang)).clicked() {
                out.push(Command::Desk(DeskCommand::Resume(ResumeChoice::StartOver)));
            }
            if offer.source_changed && ui.button(T::CancelResume.get(lang)).clicked() {
                out.push(Command::Desk(DeskCommand::Resume(ResumeChoice::Cancel)));
            }
        });
    });
}
