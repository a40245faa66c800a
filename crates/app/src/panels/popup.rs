//! The popup of a finding clicked in the text: rule, message, before → after,
//! Apply / Ignore / Apply all of this rule.

use eframe::egui;

use super::finding_card;
use super::icons::{Icon, icon_button};
use crate::app::{Located, Popup};
use crate::command::Command;
use crate::desk::Scan;
use crate::i18n::T;
use jiaodui_desk::review::Review;

/// What the popup reads.
pub struct PopupInput<'a> {
    /// The popup open, if any.
    pub popup: Option<Popup>,
    pub review: &'a Review,
    /// The UI's language and colours, and the page text.
    pub card: finding_card::Card<'a>,
    /// The scan, and where the selected finding stands on it (for the crop).
    pub scan: &'a Scan,
    pub located: &'a Located,
}

pub fn show(ctx: &egui::Context, input: &PopupInput, out: &mut Vec<Command>) {
    let Some(popup) = input.popup else { return };
    let Some(f) = input.review.findings().get(popup.finding) else {
        return;
    };
    let card = &input.card;
    let lang = card.lang;
    let area = egui::Area::new(egui::Id::unique("finding-popup"))
        .order(egui::Order::Foreground)
        .fixed_pos(popup.pos)
        .constrain(true)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(420.0);
                ui.horizontal(|ui| {
                    finding_card::heading(ui, card, f);
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if icon_button(ui, Icon::Cross, T::Close.get(lang), true).clicked() {
                            out.push(Command::ClosePopup);
                        }
                    });
                });
                finding_card::crop(
                    ui,
                    card,
                    input.scan,
                    input.located,
                    f,
                    finding_card::CROP_WIDTH,
                );
                finding_card::details(ui, card, popup.finding, f, "popup-before-after", out);
            });
        });
    // A click elsewhere (outside the popup and not the click that opened it) closes it.
    let clicked_outside = ctx.input(|i| i.pointer.any_pressed())
        && ctx
            .pointer_interact_pos()
            .is_some_and(|p| !area.response.rect.contains(p))
        && !ctx.input(|i| {
            i.pointer
                .press_origin()
                .is_some_and(|o| o.distance(popup.pos) < 1.0)
        });
    if clicked_outside
        && area.response.rect.is_positive()
        && !out.iter().any(|c| matches!(c, Command::Popup(..)))
    {
        out.push(Command::ClosePopup);
    }
}
