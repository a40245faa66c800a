//! The scan image beside the text: fit to width, zoom in / out (buttons or
//! Ctrl+wheel), pan by dragging or scrolling, hide. The image is decoded off the
//! UI thread (`scan_image.rs`); until then the panel says it is loading.

use crate::i18n::T;
use eframe::egui::{self, RichText, ScrollArea, Ui};

use crate::app::App;
use crate::command::Command;
use crate::desk::{DeskCommand, ScanZoom};

/// One zoom step of the − / + buttons.
const ZOOM_STEP: f32 = 1.25;

pub fn show(ui: &mut Ui, app: &App, out: &mut Vec<Command>) {
    let scan = &app.desk.scan;
    if !app.desk.show_scan || scan.path.is_none() {
        return;
    }
    let lang = app.lang();
    egui::Panel::right("scan-panel")
        .resizable(true)
        .default_size(330.0)
        .min_size(180.0)
        .show(ui, |ui| {
            ui.add_space(4.0);
            // The zoom in effect: fit-to-width follows the panel's width.
            let fit = scan
                .texture
                .as_ref()
                .map(|t| ui.available_width().max(50.0) / t.size_vec2().x.max(1.0));
            let zoom_now = if scan.fit_width {
                fit.unwrap_or(scan.zoom)
            } else {
                scan.zoom
            };
            ui.horizontal(|ui| {
                ui.heading(T::Scan.get(lang));
                if ui
                    .selectable_label(scan.fit_width, T::FitWidth.get(lang))
                    .clicked()
                {
                    out.push(Command::Desk(DeskCommand::ScanZoom(ScanZoom::FitWidth)));
                }
                if ui.button("−").on_hover_text(T::ZoomOut.get(lang)).clicked() {
                    out.push(Command::Desk(DeskCommand::ScanZoom(ScanZoom::Set(
                        zoom_now / ZOOM_STEP,
                    ))));
                }
                if ui.button("+").on_hover_text(T::ZoomIn.get(lang)).clicked() {
                    out.push(Command::Desk(DeskCommand::ScanZoom(ScanZoom::Set(
                        zoom_now * ZOOM_STEP,
                    ))));
                }
                if ui.button(T::Hide.get(lang)).clicked() {
                    out.push(Command::Desk(DeskCommand::ShowScan(false)));
                }
            });
            if let Some(p) = &scan.path {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let mut info = name;
                if let (Some(tex), Some([w, h])) = (&scan.texture, scan.original_size) {
                    info.push_str(&format!("  {w}×{h}"));
                    if tex.size() != [w, h] {
                        info.push_str(&format!(" ({})", T::Downscaled.get(lang)));
                    }
                }
                ui.label(RichText::new(info).weak().small());
            }
            ui.separator();
            if let Some(e) = &scan.error {
                ui.label(
                    RichText::new(format!("{}: {e}", T::ScanFailed.get(lang)))
                        .color(ui.visuals().error_fg_color),
                );
                return;
            }
            let Some(tex) = &scan.texture else {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(T::ScanLoading.get(lang));
                });
                return;
            };
            let [tw, th] = tex.size_vec2().into();
            // Ctrl+wheel (or pinch) over the image zooms; plain wheel and drag pan.
            let hovered = ui.rect_contains_pointer(ui.available_rect_before_wrap());
            let ctrl_zoom = ui.input(|i| if hovered { i.zoom_delta() } else { 1.0 });
            if (ctrl_zoom - 1.0).abs() > f32::EPSILON {
                out.push(Command::Desk(DeskCommand::ScanZoom(ScanZoom::Set(
                    zoom_now * ctrl_zoom,
                ))));
            }
            let size = egui::vec2(tw * zoom_now, th * zoom_now);
            ScrollArea::both()
                .id_salt("scan-scroll")
                .auto_shrink([false, false])
                // Drag with the mouse to pan, as on paper.
                .scroll_source(egui::scroll_area::ScrollSource::ALL)
                .show(ui, |ui| {
                    ui.add(egui::Image::new((tex.id(), size)).sense(egui::Sense::hover()));
                });
        });
}
