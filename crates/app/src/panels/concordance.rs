//! The All occurrences window (concordance): every place the suspect string stands
//! in the page and the folder, in context, a checkbox each; the replacement to
//! use; Apply to checked (one undo step on this page; the other pages' corrections
//! go into their sessions, offered for resume when each is opened).

use eframe::egui::{self, RichText};

use crate::command::Command;
use crate::concordance::{Concordance, ConcordanceCommand as C};
use crate::i18n::{Lang, T};

/// The window, when one is open (`concordance`).
pub fn show(
    ctx: &egui::Context,
    concordance: Option<&Concordance>,
    lang: Lang,
    out: &mut Vec<Command>,
) {
    let Some(c) = concordance else { return };
    let mut open = true;
    egui::Window::new(format!("{} — {}", T::Concordance.get(lang), c.pattern))
        .id(egui::Id::unique("concordance-window"))
        .open(&mut open)
        .default_width(520.0)
        // Over the text, clear of the menu bar and the folder's page list.
        .default_pos([240.0, 90.0])
        .show(ctx, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(T::ConcordanceReplaceWith.get(lang));
                for (k, cand) in c.candidates.iter().enumerate() {
                    let shown = format!(
                        "{} → {}{}{}",
                        c.pattern,
                        &c.pattern[..c.part.start],
                        cand,
                        &c.pattern[c.part.end..]
                    );
                    if ui.radio(c.chosen == k, shown).clicked() {
                        out.push(Command::Concordance(C::Choose(k)));
                    }
                }
            });
            ui.separator();
            if c.rows.is_empty() {
                ui.label(T::ConcordanceNone.get(lang));
            }
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    egui::Grid::new("concordance-rows")
                        .num_columns(2)
                        .striped(true)
                        .show(ui, |ui| {
                            for (i, r) in c.rows.iter().enumerate() {
                                let page = match &r.page {
                                    None => {
                                        format!("{} ({})", r.name, T::ConcordanceThisPage.get(lang))
                                    }
                                    Some(_) => r.name.clone(),
                                };
                                ui.label(RichText::new(page).weak());
                                let line =
                                    format!("…{}【{}】{}…", r.at.before, c.pattern, r.at.after)
                                        .replace(['\n', '\r'], "⏎");
                                let mut on = r.checked;
                                if ui.checkbox(&mut on, line).changed() {
                                    out.push(Command::Concordance(C::Check(i, on)));
                                }
                                ui.end_row();
                            }
                        });
                });
            for p in &c.problems {
                ui.colored_label(ui.visuals().warn_fg_color, p.text(lang));
            }
            ui.separator();
            ui.horizontal(|ui| {
                let any = c.rows.iter().any(|r| r.checked);
                if ui
                    .add_enabled(any, egui::Button::new(T::ConcordanceApply.get(lang)))
                    .clicked()
                {
                    out.push(Command::Concordance(C::Apply));
                }
                if let Some((here, there)) = c.done {
                    ui.label(format!("{here} {}", T::ConcordanceApplied.get(lang)));
                    if there > 0 {
                        ui.label(format!("{there} {}", T::ConcordanceOtherPages.get(lang)));
                    }
                }
            });
        });
    if !open {
        out.push(Command::Concordance(C::Close));
    }
}
