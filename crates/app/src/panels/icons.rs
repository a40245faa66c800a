//! Small painted icons (✓, ×, ▲, ▼) for the per-item and find buttons. Painted rather than taken
//! from a font: neither the embedded CJK font nor egui's fonts are guaranteed to
//! carry these symbols, and a missing glyph would show as tofu.

use eframe::egui::{self, Pos2, Response, Sense, Stroke, Ui, Vec2};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Icon {
    Check,
    Cross,
    /// Previous (a filled triangle pointing up).
    Up,
    /// Next (a filled triangle pointing down).
    Down,
}

/// A small square button with a painted icon; `label` is its tooltip and its
/// accessible name (what tests and screen readers find).
pub fn icon_button(ui: &mut Ui, icon: Icon, label: &str, enabled: bool) -> Response {
    let side = ui.spacing().interact_size.y;
    let sense = if enabled {
        Sense::click()
    } else {
        Sense::hover()
    };
    let (rect, response) = ui.allocate_exact_size(Vec2::splat(side), sense);
    let label_owned = label.to_owned();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, &label_owned));
    if ui.is_rect_visible(rect) {
        let visuals = if enabled {
            ui.style().interact(&response)
        } else {
            ui.style().noninteractive()
        };
        ui.painter().rect(
            rect.shrink(1.0),
            3.0,
            visuals.weak_bg_fill,
            visuals.bg_stroke,
            egui::StrokeKind::Inside,
        );
        let color = if enabled {
            visuals.fg_stroke.color
        } else {
            ui.visuals().weak_text_color()
        };
        let stroke = Stroke::new(1.8, color);
        let r = rect.shrink(side * 0.3);
        match icon {
            Icon::Check => {
                let pts = [
                    Pos2::new(r.left(), r.center().y),
                    Pos2::new(r.left() + r.width() * 0.4, r.bottom()),
                    Pos2::new(r.right(), r.top()),
                ];
                ui.painter().line_segment([pts[0], pts[1]], stroke);
                ui.painter().line_segment([pts[1], pts[2]], stroke);
            }
            Icon::Cross => {
                ui.painter()
                    .line_segment([r.left_top(), r.right_bottom()], stroke);
                ui.painter()
                    .line_segment([r.right_top(), r.left_bottom()], stroke);
            }
            Icon::Up | Icon::Down => {
                let (tip, base) = if icon == Icon::Up {
                    (r.center_top(), r.bottom())
                } else {
                    (r.center_bottom(), r.top())
                };
                let pts = vec![tip, Pos2::new(r.left(), base), Pos2::new(r.right(), base)];
                ui.painter()
                    .add(egui::Shape::convex_polygon(pts, color, Stroke::NONE));
            }
        }
    }
    response.on_hover_text(label)
}
