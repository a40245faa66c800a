//! The scan image beside the text: fit to width, zoom in / out (buttons or
//! Ctrl+wheel), pan by dragging or scrolling, hide. The image is decoded off the
//! UI thread (`scan_image.rs`); until then the panel says it is loading.

use crate::i18n::T;
use eframe::egui::{self, RichText, ScrollArea, Ui};

use crate::app::ScanLink;
use crate::command::Command;
use crate::desk::{DeskCommand, Scan, ScanZoom};
use crate::i18n::{Lang, page_of};
use jiaodui_core::page::BBox;
use jiaodui_desk::document::Document;

/// One zoom step of the − / + buttons.
const ZOOM_STEP: f32 = 1.25;

/// What the scan panel reads.
pub struct ScanInput<'a> {
    pub lang: Lang,
    pub scan: &'a Scan,
    /// View → Scan is on.
    pub show: bool,
    /// The page: its boxes link text and scan.
    pub doc: &'a Document,
    /// What to outline and follow (see `app/scan_link.rs`).
    pub link: &'a ScanLink,
    /// A finding is selected (its glyphs are outlined).
    pub selected: bool,
}

pub fn show(ui: &mut Ui, input: &ScanInput, out: &mut Vec<Command>) {
    let scan = input.scan;
    if !input.show || !scan.has_image() {
        return;
    }
    let lang = input.lang;
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
            // Which page of a PDF or multi-page file this is.
            if scan.pages.len() > 1 {
                ui.label(RichText::new(page_of(scan.page, scan.pages.len(), lang)).strong());
            }
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
            if scan.source(scan.page).is_none() {
                ui.label(RichText::new(T::NoScanForPage.get(lang)).weak());
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
            let shown = ScrollArea::both()
                .id_salt("scan-scroll")
                .auto_shrink([false, false])
                // Drag with the mouse to pan, as on paper.
                .scroll_source(egui::scroll_area::ScrollSource::ALL)
                .show(ui, |ui| {
                    let image =
                        ui.add(egui::Image::new((tex.id(), size)).sense(egui::Sense::click()));
                    ui.data_mut(|d| d.insert_temp(image_rect_id(), image.rect));
                    link_to_text(ui, input, &image, scan.original_size, out);
                });
            ui.data_mut(|d| d.insert_temp(offset_id(), shown.state.clamped_offset()));
        });
}

fn offset_id() -> egui::Id {
    egui::Id::unique("jiaodui-scan-offset")
}

fn image_rect_id() -> egui::Id {
    egui::Id::unique("jiaodui-scan-image-rect")
}

/// Where the scan's image was drawn in the last frame (screen points; tests click
/// on it).
pub fn image_rect(ctx: &egui::Context) -> Option<egui::Rect> {
    ctx.data(|d| d.get_temp(image_rect_id()))
}

/// The scan's scroll offset after the last frame (points; tests read it).
pub fn scroll_offset(ctx: &egui::Context) -> Option<egui::Vec2> {
    ctx.data(|d| d.get_temp(offset_id()))
}

/// The link between text and scan, for pages whose OCR came with boxes: the
/// selected finding's glyphs are outlined on every line it covers, the cursor's
/// line lightly; the image scrolls to what the text moved to (see
/// `app/scan_link.rs`); a click on the image shows the text there.
fn link_to_text(
    ui: &mut Ui,
    input: &ScanInput,
    image: &egui::Response,
    original: Option<[usize; 2]>,
    out: &mut Vec<Command>,
) {
    let Some([ow, _]) = original else {
        return;
    };
    if input.doc.structured().is_none() || ow == 0 {
        return;
    }
    // Geometry is in the original image's pixels; the texture may be downscaled
    // and is drawn at the zoom.
    let scale = image.rect.width() / ow as f32;
    let to_screen = |b: &BBox| {
        egui::Rect::from_min_max(
            image.rect.min + egui::vec2(b.x0, b.y0) * scale,
            image.rect.min + egui::vec2(b.x1, b.y1) * scale,
        )
    };
    let painter = ui.painter().clone();
    let link = input.link;
    let page = input.scan.page;
    // The scan shows one page of the source: only that page's boxes are drawn.
    if let Some(line) = link.cursor.lines.first().filter(|l| l.page == page) {
        let colour = ui.visuals().weak_text_color();
        painter.rect_stroke(
            to_screen(&line.line).expand(3.0),
            2.0,
            egui::Stroke::new(1.0, colour),
            egui::StrokeKind::Outside,
        );
    }
    let colour = egui::Color32::from_rgb(230, 60, 30);
    for rect in outlines(link, input.selected, page).iter().map(to_screen) {
        let rect = rect.expand(2.0);
        painter.rect_filled(rect, 2.0, colour.gamma_multiply(0.15));
        painter.rect_stroke(
            rect,
            2.0,
            egui::Stroke::new(2.0, colour),
            egui::StrokeKind::Outside,
        );
    }
    // A target on another page waits until that page is shown.
    if let Some(follow) = link.follow.filter(|f| f.page == page) {
        let key = egui::Id::unique("jiaodui-scan-followed");
        let done: Option<u64> = ui.data(|d| d.get_temp(key));
        if done != Some(follow.seq) {
            ui.data_mut(|d| d.insert_temp(key, follow.seq));
            let mut rect = to_screen(&follow.bbox).expand(6.0);
            if follow.align == Some(egui::Align::Min) {
                // A little of what comes before stays in sight above the line.
                rect.min.y -= 24.0;
            }
            ui.scroll_to_rect(rect, follow.align);
        }
    }
    if image.clicked()
        && let Some(pos) = image.interact_pointer_pos()
    {
        let p = (pos - image.rect.min) / scale;
        if let Some(at) = input.doc.offset_at(page, p.x, p.y) {
            out.push(Command::GoToOffset(at));
        }
    }
    image
        .clone()
        .on_hover_cursor(egui::CursorIcon::PointingHand);
}

/// The boxes the scan outlines for the selected finding: on every line of page
/// `page` (the page shown) it covers, the glyphs it touches (else the line); none
/// when no finding is `selected`.
pub fn outlines(link: &ScanLink, selected: bool, page: usize) -> Vec<BBox> {
    if !selected {
        return Vec::new();
    }
    link.selected
        .lines
        .iter()
        .filter(|l| l.page == page)
        .map(|l| l.touched)
        .collect()
}
