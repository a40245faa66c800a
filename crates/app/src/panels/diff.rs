//! The Diff view: the page as loaded beside the page as it is now,
//! aligned by paragraph (or inline), changed characters highlighted, joined lines
//! and removed spaces shown as ⏎ and ␣ (hideable), next / previous change, a
//! count and a legend. File → Export report… writes the HTML / diff / JSON report
//! (the app applies the view's commands and writes it: `app/diff_ops.rs`).
//!
//! Speed on big pages: the diff is computed once per document revision (bounded
//! by its own deadline, see `jiaodui_core::diff`); each row's height is remembered after
//! it was drawn and estimated before, so a frame lays out only the rows on
//! screen and merely reserves space for the others.

use std::path::PathBuf;
use std::sync::Arc;

use eframe::egui::{
    self, Align, Color32, FontFamily, FontId, Rect, RichText, ScrollArea, Sense, Stroke, Ui, Vec2,
    text::{LayoutJob, TextFormat},
};

use crate::command::Command;
use crate::i18n::{Lang, T};
use jiaodui_core::diff::{self, Diff, Side, SpanKind};
use jiaodui_desk::document::Document;

/// Side by side (original | corrected) or one inline text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    SideBySide,
    Inline,
}

/// What the Diff view's widgets ask the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum DiffCommand {
    Next,
    Prev,
    ShowWhitespace(bool),
    SetMode(Mode),
    /// File → Export report…: native save dialog, or the path field.
    Export,
    ExportTo(PathBuf),
    /// Edit or close (None) the export path field.
    ExportPath(Option<String>),
}

/// What the layout of the rows depends on; a change resets remembered heights.
#[derive(Clone, Copy, Debug, PartialEq)]
struct LayoutKey {
    revision: u64,
    mode: Mode,
    whitespace: bool,
    width: f32,
    font_size: f32,
}

/// State of the Diff view, kept by the app across frames.
#[derive(Default)]
pub struct DiffView {
    diff: Option<(u64, Arc<Diff>)>,
    /// The change navigation is on (index into `Diff::changes`).
    pub current: Option<usize>,
    /// Show whitespace-only changes (⏎ ␣) — on by default: they are most of a raw page.
    pub hide_whitespace: bool,
    pub mode: Mode,
    /// Row to bring into view on the next frame.
    scroll_to: Option<usize>,
    heights: Vec<f32>,
    layout_key: Option<LayoutKey>,
    /// Path field for the report, where no native dialog can be shown.
    pub export_path: Option<String>,
    /// The path field says no native dialog could be shown (a machine without portal).
    pub export_no_native: bool,
    /// Where the row of the current change was drawn in the last frame, and the
    /// visible part of the rows (tests check the current change is in sight).
    pub current_row: Option<(Rect, Rect)>,
}

impl DiffView {
    /// The diff of the page as loaded against its current text (memoized by revision).
    pub fn diff(&mut self, doc: &Document) -> Arc<Diff> {
        match &self.diff {
            Some((rev, d)) if *rev == doc.revision() => d.clone(),
            _ => {
                let d = Arc::new(diff::diff(&doc.original, doc.text()));
                if self.current.is_some_and(|c| c >= d.changes.len()) {
                    self.current = None;
                }
                self.diff = Some((doc.revision(), d.clone()));
                d
            }
        }
    }

    pub(crate) fn step(&mut self, doc: &Document, forward: bool) {
        let d = self.diff(doc);
        let ws = !self.hide_whitespace;
        let next = if forward {
            d.next_change(self.current, ws)
                .or_else(|| d.next_change(None, ws))
        } else {
            d.prev_change(self.current, ws)
                .or_else(|| d.prev_change(None, ws))
        };
        if let Some(n) = next {
            self.current = Some(n);
            self.scroll_to = Some(d.changes[n].row);
        }
    }

    /// "3 / 120": position of the current change among the shown ones, and their count.
    pub fn position(&self) -> (Option<usize>, usize) {
        let Some((_, d)) = &self.diff else {
            return (None, 0);
        };
        let ws = !self.hide_whitespace;
        let n = d.count(ws);
        let pos = self
            .current
            .and_then(|c| d.changes.get(..=c))
            .map(|upto| upto.iter().filter(|x| ws || !x.whitespace_only).count());
        (pos, n)
    }
}

/// Colours of the view, for light and dark backgrounds.
struct Colors {
    deleted_bg: Color32,
    deleted_fg: Color32,
    inserted_bg: Color32,
    inserted_fg: Color32,
    mark_bg: Color32,
    mark_fg: Color32,
    current: Color32,
    dim: Color32,
}

impl Colors {
    fn new(dark: bool) -> Self {
        if dark {
            Colors {
                deleted_bg: Color32::from_rgb(110, 32, 36),
                deleted_fg: Color32::from_rgb(255, 190, 190),
                inserted_bg: Color32::from_rgb(26, 88, 44),
                inserted_fg: Color32::from_rgb(190, 255, 200),
                mark_bg: Color32::from_rgb(38, 50, 84),
                mark_fg: Color32::from_rgb(130, 175, 255),
                current: Color32::from_rgb(255, 220, 80),
                dim: Color32::from_gray(140),
            }
        } else {
            Colors {
                deleted_bg: Color32::from_rgb(255, 215, 213),
                deleted_fg: Color32::from_rgb(139, 0, 0),
                inserted_bg: Color32::from_rgb(204, 242, 209),
                inserted_fg: Color32::from_rgb(11, 94, 26),
                mark_bg: Color32::from_rgb(227, 233, 247),
                mark_fg: Color32::from_rgb(40, 86, 182),
                current: Color32::from_rgb(230, 140, 0),
                dim: Color32::from_gray(120),
            }
        }
    }
}

/// What the panel reads from the app.
pub struct DiffInput<'a> {
    pub doc: &'a Document,
    pub lang: Lang,
    pub dark: bool,
    pub font_size: f32,
}

impl DiffView {
    /// Draws the toolbar, the legend and the rows.
    pub fn show(&mut self, ui: &mut Ui, input: DiffInput<'_>, out: &mut Vec<Command>) {
        let d = self.diff(input.doc);
        let lang = input.lang;
        let colors = Colors::new(input.dark);
        self.toolbar(ui, &d, lang, &colors, out);
        ui.separator();
        if d.changes.is_empty() {
            ui.label(T::NoChanges.get(lang));
        }
        self.rows(ui, &d, &input, &colors);
    }

    fn toolbar(
        &mut self,
        ui: &mut Ui,
        d: &Diff,
        lang: Lang,
        colors: &Colors,
        out: &mut Vec<Command>,
    ) {
        if let Some(path) = &self.export_path {
            let mut path = path.clone();
            // The notes on their own lines and the field taking what the buttons
            // leave: one long row would push the buttons past the central area
            // (and widen it under the findings panel).
            if self.export_no_native {
                ui.label(RichText::new(T::NoNativeDialog.get(lang)).small());
            }
            let label = ui.label(T::ExportTo.get(lang));
            let row = Vec2::new(ui.available_width(), ui.spacing().interact_size.y);
            ui.allocate_ui_with_layout(row, egui::Layout::right_to_left(Align::Center), |ui| {
                let cancel = ui.button(T::Cancel.get(lang));
                let export = ui.button(T::Export.get(lang));
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut path)
                            .desired_width(ui.available_width().max(40.0)),
                    )
                    .labelled_by(label.id);
                if field.changed() {
                    out.push(Command::Diff(DiffCommand::ExportPath(Some(path.clone()))));
                }
                let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if (export.clicked() || enter) && !path.trim().is_empty() {
                    out.push(Command::Diff(DiffCommand::ExportTo(PathBuf::from(
                        path.trim(),
                    ))));
                }
                if cancel.clicked() {
                    out.push(Command::Diff(DiffCommand::ExportPath(None)));
                }
            });
            ui.separator();
        }
        ui.horizontal_wrapped(|ui| {
            if ui
                .selectable_label(self.mode == Mode::SideBySide, T::SideBySide.get(lang))
                .clicked()
            {
                out.push(Command::Diff(DiffCommand::SetMode(Mode::SideBySide)));
            }
            if ui
                .selectable_label(self.mode == Mode::Inline, T::Inline.get(lang))
                .clicked()
            {
                out.push(Command::Diff(DiffCommand::SetMode(Mode::Inline)));
            }
            ui.separator();
            let mut show_ws = !self.hide_whitespace;
            // Alt+↓ / Alt+↑ step through changes (F8 stays with the findings).
            let (down, up) = ui.input_mut(|i| {
                (
                    crate::shortcuts::consume(i, crate::shortcuts::Action::NextChange),
                    crate::shortcuts::consume(i, crate::shortcuts::Action::PrevChange),
                )
            });
            if down {
                out.push(Command::Diff(DiffCommand::Next));
            }
            if up {
                out.push(Command::Diff(DiffCommand::Prev));
            }
            if ui
                .checkbox(&mut show_ws, T::ShowWhitespace.get(lang))
                .changed()
            {
                out.push(Command::Diff(DiffCommand::ShowWhitespace(show_ws)));
            }
            ui.separator();
            let (pos, n) = self.position();
            if ui
                .add_enabled(
                    n > 0,
                    egui::Button::new(format!("◀ {}", T::PrevChange.get(lang))),
                )
                .on_hover_text(crate::shortcuts::text(crate::shortcuts::Action::PrevChange))
                .clicked()
            {
                out.push(Command::Diff(DiffCommand::Prev));
            }
            if ui
                .add_enabled(
                    n > 0,
                    egui::Button::new(format!("{} ▶", T::NextChange.get(lang))),
                )
                .on_hover_text(crate::shortcuts::text(crate::shortcuts::Action::NextChange))
                .clicked()
            {
                out.push(Command::Diff(DiffCommand::Next));
            }
            let count = match pos {
                Some(p) => format!("{p} / {n} {}", T::Changes.get(lang)),
                None => format!("{n} {}", T::Changes.get(lang)),
            };
            ui.label(RichText::new(count).strong());
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!("{}:", T::Legend.get(lang)))
                    .small()
                    .strong(),
            );
            let swatch = |ui: &mut Ui, text: &str, fg: Color32, bg: Color32, label: &str| {
                ui.label(RichText::new(text).color(fg).background_color(bg));
                ui.label(RichText::new(label).small());
            };
            swatch(
                ui,
                "删",
                colors.deleted_fg,
                colors.deleted_bg,
                T::Deleted.get(lang),
            );
            swatch(
                ui,
                "增",
                colors.inserted_fg,
                colors.inserted_bg,
                T::Inserted.get(lang),
            );
            swatch(
                ui,
                "⏎",
                colors.mark_fg,
                colors.mark_bg,
                T::JoinedLine.get(lang),
            );
            swatch(
                ui,
                "␣",
                colors.mark_fg,
                colors.mark_bg,
                T::RemovedSpace.get(lang),
            );
            if d.timed_out {
                ui.label(RichText::new(T::TimedOut.get(lang)).color(colors.current));
            }
        });
    }

    fn rows(&mut self, ui: &mut Ui, d: &Diff, input: &DiffInput<'_>, colors: &Colors) {
        let width = ui.available_width();
        let font = FontId::new(input.font_size, FontFamily::Proportional);
        let small = FontId::new((input.font_size * 0.72).max(9.0), FontFamily::Monospace);
        let gutter = input.font_size * 4.2;
        let key = LayoutKey {
            revision: input.doc.revision(),
            mode: self.mode,
            whitespace: self.hide_whitespace,
            width: width.round(),
            font_size: input.font_size,
        };
        if self.layout_key != Some(key) || self.heights.len() != d.rows.len() {
            self.layout_key = Some(key);
            self.heights = vec![0.0; d.rows.len()];
        }
        let (old, new) = (input.doc.original.as_str(), input.doc.text());
        let col_w = match self.mode {
            Mode::SideBySide => ((width - gutter - 24.0) / 2.0).max(60.0),
            Mode::Inline => (width - gutter - 12.0).max(60.0),
        };
        let row_h = input.font_size * 1.45;
        if self.mode == Mode::SideBySide {
            ui.horizontal(|ui| {
                ui.add_space(gutter);
                ui.add_sized(
                    [col_w, row_h],
                    egui::Label::new(RichText::new(T::Original.get(input.lang)).strong()),
                );
                ui.add_space(12.0);
                ui.add_sized(
                    [col_w, row_h],
                    egui::Label::new(RichText::new(T::Corrected.get(input.lang)).strong()),
                );
            });
        }
        let scroll_to = self.scroll_to.take();
        let current_row = self.current.and_then(|c| d.changes.get(c)).map(|c| c.row);
        self.current_row = None;
        let ws = !self.hide_whitespace;
        let text_color = ui.visuals().text_color();
        let sep = ui.visuals().widgets.noninteractive.bg_stroke;
        ScrollArea::vertical()
            .id_salt("diff-rows")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.spacing_mut().item_spacing.y = 0.0;
                for (ri, row) in d.rows.iter().enumerate() {
                    let estimate = || {
                        let per_line = (col_w / input.font_size).max(4.0);
                        let lines = |s: &str| {
                            s.split('\n')
                                .map(|l| (l.chars().count() as f32 / per_line).ceil().max(1.0))
                                .sum::<f32>()
                        };
                        let n = lines(old[row.old.clone()].trim_end_matches('\n'))
                            .max(lines(new[row.new.clone()].trim_end_matches('\n')));
                        n * row_h + 8.0
                    };
                    // Estimated once, then replaced by the measured height when drawn.
                    if self.heights[ri] <= 0.0 {
                        self.heights[ri] = estimate();
                    }
                    let h = self.heights[ri];
                    let top = ui.cursor().min;
                    let probe = Rect::from_min_size(top, Vec2::new(width, h));
                    if !ui.is_rect_visible(probe) && scroll_to != Some(ri) {
                        ui.allocate_space(Vec2::new(width, h));
                        continue;
                    }
                    let job = |side: Option<Side>| {
                        let spans = match side {
                            Some(s) => d.side_spans(ri, s),
                            None => d.inline_spans(ri),
                        };
                        row_job(
                            &spans,
                            old,
                            new,
                            ws,
                            self.current,
                            &font,
                            text_color,
                            colors,
                            col_w,
                        )
                    };
                    let galleys = match self.mode {
                        Mode::SideBySide => vec![
                            ui.fonts_mut(|f| f.layout_job(job(Some(Side::Old)))),
                            ui.fonts_mut(|f| f.layout_job(job(Some(Side::New)))),
                        ],
                        Mode::Inline => vec![ui.fonts_mut(|f| f.layout_job(job(None)))],
                    };
                    let text_h = galleys.iter().map(|g| g.size().y).fold(row_h, f32::max);
                    let (rect, _) =
                        ui.allocate_exact_size(Vec2::new(width, text_h + 8.0), Sense::hover());
                    self.heights[ri] = rect.height();
                    let painter = ui.painter_at(rect);
                    let lines = |r: &std::ops::Range<usize>| match r.len() {
                        0 => "—".to_owned(),
                        1 => format!("{}", r.start + 1),
                        _ => format!("{}–{}", r.start + 1, r.end),
                    };
                    let label = match self.mode {
                        Mode::SideBySide => {
                            format!("{}\n{}", lines(&row.old_lines), lines(&row.new_lines))
                        }
                        Mode::Inline => lines(&row.new_lines),
                    };
                    painter.text(
                        rect.min + Vec2::new(2.0, 4.0),
                        egui::Align2::LEFT_TOP,
                        label,
                        small.clone(),
                        colors.dim,
                    );
                    let mut x = rect.min.x + gutter;
                    for g in galleys {
                        painter.galley(egui::pos2(x, rect.min.y + 4.0), g, text_color);
                        x += col_w + 12.0;
                    }
                    painter.hline(
                        rect.x_range(),
                        rect.max.y - 0.5,
                        Stroke::new(sep.width.max(0.5), sep.color),
                    );
                    if scroll_to == Some(ri) {
                        ui.scroll_to_rect(rect, Some(Align::Center));
                    }
                    if current_row == Some(ri) {
                        // A bar in the gutter: the underline alone is easy to miss
                        // on a row near the end of the page.
                        painter.rect_filled(
                            Rect::from_min_size(rect.min, Vec2::new(3.0, rect.height())),
                            1.0,
                            colors.current,
                        );
                        self.current_row = Some((rect, ui.clip_rect()));
                    }
                }
            });
    }
}

/// One side (or the inline text) of a row as a layout job: changed pieces
/// highlighted, whitespace marks where whitespace changed (unless hidden), the
/// current change underlined.
#[allow(clippy::too_many_arguments)]
fn row_job(
    spans: &[diff::Span],
    old: &str,
    new: &str,
    show_ws: bool,
    current: Option<usize>,
    font: &FontId,
    text_color: Color32,
    colors: &Colors,
    wrap: f32,
) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap;
    let inline =
        spans.iter().any(|s| s.side == Side::Old) && spans.iter().any(|s| s.side == Side::New);
    let plain = TextFormat {
        font_id: font.clone(),
        color: text_color,
        ..Default::default()
    };
    let last = spans.len().saturating_sub(1);
    for (k, s) in spans.iter().enumerate() {
        let text = match s.side {
            Side::Old => &old[s.bytes.clone()],
            Side::New => &new[s.bytes.clone()],
        };
        // The paragraph's own final line break: the row ends anyway.
        let text = if k == last && s.kind == SpanKind::Equal {
            text.strip_suffix('\n').unwrap_or(text)
        } else {
            text
        };
        let hidden = s.whitespace_only && !show_ws;
        if s.kind == SpanKind::Equal || hidden {
            // A hidden inserted line break or space must not show twice inline.
            if !(hidden && inline && s.kind == SpanKind::Deleted) {
                job.append(text, 0.0, plain.clone());
            }
            continue;
        }
        let (fg, bg) = match (s.whitespace_only, s.kind) {
            (true, _) => (colors.mark_fg, colors.mark_bg),
            (false, SpanKind::Deleted) => (colors.deleted_fg, colors.deleted_bg),
            _ => (colors.inserted_fg, colors.inserted_bg),
        };
        let mut f = TextFormat {
            font_id: font.clone(),
            color: fg,
            background: bg,
            ..Default::default()
        };
        if s.kind == SpanKind::Deleted && !s.whitespace_only {
            f.strikethrough = Stroke::new(1.0, fg);
        }
        if s.change.is_some() && s.change == current {
            f.underline = Stroke::new(2.5, colors.current);
        }
        // Marks for whitespace. A ⏎ is followed by a real break where that side has
        // one — everywhere except a deleted break in the inline view (joined there).
        let breaks = !(inline && s.kind == SpanKind::Deleted);
        let mut parts = text.split('\n').peekable();
        while let Some(part) = parts.next() {
            if !part.is_empty() {
                job.append(&diff::whitespace_marks(part), 0.0, f.clone());
            }
            if parts.peek().is_some() {
                job.append("⏎", 0.0, f.clone());
                if breaks {
                    job.append("\n", 0.0, plain.clone());
                }
            }
        }
    }
    job
}
