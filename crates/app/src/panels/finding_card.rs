//! One finding in full — rule, message, before → after, and its actions — as the
//! findings panel shows the selected one and the popup shows the one clicked in
//! the text: one drawing, so the two cannot drift apart.

use eframe::egui::{self, Button, RichText, Ui};

use super::findings::preview;
use super::text_view::swatch;
use crate::app::Located;
use crate::command::{Command, FindingIx};
use crate::concordance::ConcordanceCommand;
use crate::desk::Scan;
use crate::i18n::{Lang, T, rule_name};
use crate::palette::Palette;
use jiaodui_core::engine::Finding;
use jiaodui_core::engine::house_words;

/// How much larger than the body text a suspect glyph and its candidates are drawn.
const GLYPH_SCALE: f32 = 1.8;

/// What a finding's card reads: the UI's language and colours, and the page text
/// its before → after preview is cut from.
#[derive(Clone, Copy)]
pub struct Card<'a> {
    pub lang: Lang,
    pub palette: Palette,
    pub text: &'a str,
    /// A finding's popup is open: keys 1–3 put in its candidates.
    pub candidate_keys: bool,
}

/// The rule's colour swatch, name and stable id, laid out in the current row.
pub fn heading(ui: &mut Ui, card: &Card, f: &Finding) {
    let palette = card.palette;
    swatch(ui, palette, f.rule);
    ui.label(
        RichText::new(rule_name(f.rule, card.lang))
            .strong()
            .color(palette.hue(f.rule)),
    );
    ui.label(RichText::new(f.rule.as_str()).weak().small());
}

/// The message, the before → after preview and the buttons (Apply, Ignore, Apply
/// all of the rule) for finding `ix`. `grid_id` keeps two cards on one screen apart.
pub fn details(
    ui: &mut Ui,
    card: &Card,
    ix: FindingIx,
    f: &Finding,
    grid_id: &str,
    out: &mut Vec<Command>,
) {
    let lang = card.lang;
    ui.label(f.message.render(lang));
    let (before, after) = preview(card.text, f);
    egui::Grid::new(grid_id).num_columns(2).show(ui, |ui| {
        ui.label(RichText::new(T::Before.get(lang)).weak());
        ui.label(before);
        ui.end_row();
        ui.label(RichText::new(T::After.get(lang)).weak());
        ui.label(after.unwrap_or_else(|| T::NoFix.get(lang).to_owned()));
        ui.end_row();
    });
    if let Some(suggest) = &f.suggest {
        // Candidates of a suspect glyph: a click (or keys 1–3) puts one in. The glyph read
        // and its candidates are drawn large: look-alikes (末/未, 己/已) are the point, and
        // at the body size their strokes are hard to tell apart.
        let big = egui::TextStyle::Body.resolve(ui.style()).size * GLYPH_SCALE;
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(T::Candidates.get(lang)).weak());
            if let Some(read) = card.text.get(f.span_bytes.clone()) {
                ui.label(RichText::new(read).size(big));
                ui.label(RichText::new("→").weak());
            }
            for (k, c) in suggest.candidates.iter().enumerate() {
                let text = if c.text.is_empty() {
                    RichText::new(T::DeleteGlyph.get(lang))
                } else {
                    RichText::new(c.text.as_str()).size(big)
                };
                let label = if k < 3 {
                    let mut job = egui::text::LayoutJob::default();
                    RichText::new(format!("{} ", k + 1)).weak().append_to(
                        &mut job,
                        ui.style(),
                        egui::FontSelection::Default,
                        egui::Align::Center,
                    );
                    text.append_to(
                        &mut job,
                        ui.style(),
                        egui::FontSelection::Default,
                        egui::Align::Center,
                    );
                    egui::WidgetText::LayoutJob(job.into())
                } else {
                    text.into()
                };
                if ui.button(label).clicked() {
                    out.push(Command::ApplyCandidate(ix, k));
                }
            }
        });
        if card.candidate_keys {
            let keys = [egui::Key::Num1, egui::Key::Num2, egui::Key::Num3];
            for (k, key) in keys.into_iter().enumerate().take(suggest.candidates.len()) {
                if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key)) {
                    out.push(Command::ApplyCandidate(ix, k));
                }
            }
        }
    }
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(f.is_fixable(), Button::new(T::Apply.get(lang)))
            .clicked()
        {
            out.push(Command::Apply(ix));
        }
        if ui.button(T::Ignore.get(lang)).clicked() {
            out.push(Command::Ignore(ix));
        }
        if ui.button(T::ApplyAllOfRule.get(lang)).clicked() {
            out.push(Command::ApplyRule(f.rule));
        }
    });
    // What the editor teaches: a word that is right here and everywhere, and (for
    // a suspect glyph) every place the same string stands.
    ui.horizontal_wrapped(|ui| {
        let word = house_words::word_around(card.text, &f.span_bytes);
        if ui
            .add_enabled(word.is_some(), Button::new(T::AlwaysCorrect.get(lang)))
            .on_hover_text(T::AlwaysCorrectHint.get(lang))
            .clicked()
        {
            out.push(Command::AlwaysCorrect(ix));
        }
        if f.suggest.is_some() && word.is_some() && ui.button(T::AllOccurrences.get(lang)).clicked()
        {
            out.push(Command::Concordance(ConcordanceCommand::Open(ix)));
        }
    });
}

/// Widest the crop of the scan is drawn.
pub const CROP_WIDTH: f32 = 400.0;
/// Tallest the crop is drawn (a finding over many lines is scaled down to it).
const CROP_HEIGHT: f32 = 220.0;

/// The finding's line(s) cut from the scan, the glyphs it touches outlined: for
/// the selected finding of a page with boxes whose scan is loaded. Draws from the
/// texture already on the GPU (a uv rectangle), no decoding; `max_width` caps it.
/// `located`: where the selected finding stands on the scan.
pub fn crop(ui: &mut Ui, card: &Card, scan: &Scan, located: &Located, f: &Finding, max_width: f32) {
    let (Some(tex), Some([ow, oh])) = (&scan.texture, scan.original_size) else {
        return;
    };
    if located.span() != Some(&f.span_bytes) || ow == 0 || oh == 0 {
        return;
    }
    // The texture is of the page the scan shows.
    let lines: Vec<_> = located
        .lines
        .iter()
        .filter(|l| l.page == scan.page)
        .collect();
    let Some(region) = lines.iter().map(|l| l.line).reduce(|a, b| a.union(&b)) else {
        return;
    };
    let (ow, oh) = (ow as f32, oh as f32);
    let margin = (region.height() / lines.len().max(1) as f32 * 0.25).clamp(2.0, 24.0);
    let region = jiaodui_core::page::BBox::new(
        (region.x0 - margin).max(0.0),
        (region.y0 - margin).max(0.0),
        (region.x1 + margin).min(ow),
        (region.y1 + margin).min(oh),
    );
    if region.width() < 1.0 || region.height() < 1.0 {
        return;
    }
    let width = max_width.clamp(40.0, CROP_WIDTH);
    let mut scale = width / region.width();
    if region.height() * scale > CROP_HEIGHT {
        scale = CROP_HEIGHT / region.height();
    }
    let size = egui::vec2(region.width() * scale, region.height() * scale);
    let uv = egui::Rect::from_min_max(
        egui::pos2(region.x0 / ow, region.y0 / oh),
        egui::pos2(region.x1 / ow, region.y1 / oh),
    );
    let image = ui.add(
        egui::Image::new((tex.id(), size))
            .uv(uv)
            .alt_text(T::ScanCrop.get(card.lang)),
    );
    let hue = card.palette.hue(f.rule);
    let painter = ui.painter_at(image.rect);
    for l in &lines {
        let boxes: Vec<_> = if l.pieces.is_empty() {
            vec![l.touched]
        } else {
            l.pieces.clone()
        };
        for b in boxes {
            let r = egui::Rect::from_min_max(
                image.rect.min + egui::vec2(b.x0 - region.x0, b.y0 - region.y0) * scale,
                image.rect.min + egui::vec2(b.x1 - region.x0, b.y1 - region.y0) * scale,
            );
            painter.rect_stroke(
                r.expand(1.0),
                1.0,
                egui::Stroke::new(1.5, hue),
                egui::StrokeKind::Outside,
            );
        }
    }
}
