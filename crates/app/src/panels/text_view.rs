//! The page: an editable text with line numbers, one highlight colour per rule,
//! marks on the line breaks and spaces a fix removes, and the selected finding
//! outlined. Click a highlight to open its popup.
//!
//! Speed on big pages: the galley is memoized (same text, same findings, same
//! style → the previous galley is reused, checked by one memcmp), egui's galley
//! cache re-lays out only changed paragraphs, and everything painted on top
//! (numbers, marks, outline) is computed for the visible rows only.
//!
//! Huge pages (over 2 MB) would still lay out every glyph: there the editor is
//! given only a window of the page around what is in sight (see `text_window`),
//! and `Laid` describes that window (`base` is its first byte in the page).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

use eframe::egui::{
    self, Align, Align2, Color32, FontFamily, FontId, Galley, Id, Pos2, Rect, ScrollArea, Sense,
    Stroke, TextEdit, Ui, Vec2, text::LayoutJob, text::LayoutSection, text::TextFormat,
};

use super::text_window::{self, WindowBuffer};
use crate::char_index::CharIndex;
use crate::command::Command;
use crate::palette::Palette;
use jiaodui_desk::review::{Class, Review};
use window::Window;

mod window;

/// Id of the text editor, for focus and cursor state.
pub fn editor_id() -> Id {
    Id::unique("jiaodui-text")
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct StyleKey {
    font_size: f32,
    wrap_width: f32,
    palette: Palette,
    text_color: Color32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    Break,
    Space,
}

/// One laid-out text with the indexes painting needs.
struct Laid {
    galley: Arc<Galley>,
    /// Byte of the page where the galley's text starts (0 unless windowed).
    base: usize,
    windowed: bool,
    style: StyleKey,
    generation: u64,
    runs: Vec<(Range<usize>, Class)>,
    /// First character of each galley row.
    row_first_char: Vec<usize>,
    /// 1-based line number of rows that start a line, 0 for wrapped continuations.
    row_line: Vec<u32>,
    chars: CharIndex,
    /// Characters a fix removes that would otherwise be invisible, sorted.
    marks: Vec<(usize, Mark, jiaodui_core::engine::RuleId)>,
}

impl Laid {
    /// Byte of the page at character `ch` of the galley.
    fn abs_byte(&self, ch: usize) -> usize {
        self.base + self.chars.byte_of(self.galley.text(), ch)
    }

    /// Character of the galley at byte `byte` of the page (clamped to the galley).
    fn char_of_abs(&self, byte: usize) -> usize {
        self.chars
            .char_of(self.galley.text(), byte.saturating_sub(self.base))
    }

    /// Whether the page's bytes `range` meet the galley's text.
    fn holds(&self, range: &Range<usize>) -> bool {
        !self.windowed
            || (range.end >= self.base && range.start <= self.base + self.galley.text().len())
    }

    /// Whether the galley shows `doc_text` as it is (nothing typed ahead of it).
    fn shows(&self, doc_text: &str) -> bool {
        let text = self.galley.text();
        if self.windowed {
            doc_text.get(self.base..self.base + text.len()) == Some(text)
        } else {
            text == doc_text
        }
    }

    fn row_of_char(&self, ch: usize) -> usize {
        self.row_first_char
            .partition_point(|&s| s <= ch)
            .saturating_sub(1)
    }

    /// Galley-local rectangle of character `ch` (zero width at a line end).
    fn char_rect(&self, ch: usize) -> Rect {
        let Some(placed) = self.galley.rows.get(self.row_of_char(ch)) else {
            return Rect::NOTHING;
        };
        let col = ch - self.row_first_char[self.row_of_char(ch)];
        let x0 = placed.row.x_offset(col.into());
        let x1 = if col < placed.row.char_count_excluding_newline().0 {
            placed.row.x_offset((col + 1).into())
        } else {
            x0
        };
        let top = placed.pos.y;
        Rect::from_min_max(
            Pos2::new(placed.pos.x + x0, top),
            Pos2::new(placed.pos.x + x1, top + placed.row.height()),
        )
    }

    /// Rows that intersect the galley-local y range.
    fn visible_rows(&self, y: Range<f32>) -> Range<usize> {
        let rows = &self.galley.rows;
        let first = rows.partition_point(|r| r.pos.y + r.row.height() < y.start);
        let last = rows.partition_point(|r| r.pos.y <= y.end);
        first..last.max(first)
    }
}

/// Memoized layout of the text view.
#[derive(Default)]
pub struct TextView {
    /// Galleys of the chunks of a big text, by content (text, highlights, style), so a
    /// keystroke re-lays out one chunk, not the page. egui's own galley cache forgets
    /// anything not drawn in the last frame, which the memoized galley never is.
    chunk_cache: HashMap<u64, Arc<Galley>>,
    laid: Option<Laid>,
    /// Screen position of the galley in the last frame.
    origin: Pos2,
    /// Vertical scroll offset (points) after the last frame, kept for the session.
    scroll_y: f32,
    /// Largest vertical scroll offset the last frame's content allowed.
    max_scroll_y: f32,
    /// Bytes of the rows in sight in the last frame (the scan follows them).
    visible: Range<usize>,
    /// What the last right-click was on (the context menu reads it).
    context: super::context_menu::TextContext,
    /// A huge page's blocks and their heights.
    blocks: text_window::Layout,
    /// This frame's window on a huge page (None: the editor has the whole page).
    window: Option<Window>,
    /// Where the editor's cursor is in the page (primary, secondary bytes), kept
    /// while the window is elsewhere.
    cursor_abs: Option<(usize, usize)>,
    /// The window's first byte in the last frame (0: the editor had the page).
    last_base: usize,
    /// The block at the top of the view after the last frame, and how far into
    /// it (points): the next frame shows the same text there.
    anchor: Option<(usize, f32)>,
}

/// What the text view reads from the app.
pub struct TextViewInput<'a> {
    pub doc_text: &'a str,
    pub review: &'a Review,
    pub selected: Option<usize>,
    /// Scroll to this byte range and select it in the editor (taken once).
    pub reveal: Option<Range<usize>>,
    /// Scroll to this offset (points from the top) first, as a resumed session
    /// left it; `reveal` then only scrolls if its range is out of sight (taken once).
    pub restore_scroll: Option<f32>,
    /// Scroll so that this byte's row is the top one (taken once): after a change
    /// that reshapes the page (Apply all joins lines, and the page shrinks), the text
    /// that was in sight stays in sight.
    pub keep_at_top: Option<usize>,
    pub palette: Palette,
    pub font_size: f32,
    pub focus: bool,
    /// The widget that names the editor (the legend heading).
    pub label_id: Id,
    /// The find bar's matches (bytes of `doc_text`), shaded; the current one outlined.
    pub find_matches: &'a [Range<usize>],
    pub find_current: Option<Range<usize>>,
    /// For the right-click menu.
    pub lang: crate::i18n::Lang,
}

impl TextView {
    /// Character index ⇄ byte offset of the text as last laid out.
    pub fn byte_of_char(&self, ch: usize) -> Option<usize> {
        let laid = self.laid.as_ref()?;
        Some(laid.abs_byte(ch))
    }

    /// Vertical scroll offset (points from the top) after the last frame.
    pub fn scroll_offset(&self) -> f32 {
        self.scroll_y
    }

    /// Bytes of the text rows in sight in the last frame.
    pub fn visible_bytes(&self) -> Range<usize> {
        self.visible.clone()
    }

    /// Bytes of the page the editor laid out in the last frame: the whole page,
    /// or on a huge page the window (what bounds the view's memory).
    pub fn laid_bytes(&self) -> Range<usize> {
        self.laid
            .as_ref()
            .map_or(0..0, |l| l.base..l.base + l.galley.text().len())
    }

    /// Screen rectangle of the character at byte `byte`, as drawn in the last frame.
    pub fn screen_rect_of(&self, byte: usize) -> Option<Rect> {
        let laid = self.laid.as_ref()?;
        if !laid.holds(&(byte..byte)) {
            return None;
        }
        let ch = laid.char_of_abs(byte);
        Some(laid.char_rect(ch).translate(self.origin.to_vec2()))
    }

    pub fn show(
        &mut self,
        ui: &mut Ui,
        buffer: &mut String,
        input: TextViewInput<'_>,
        out: &mut Vec<Command>,
    ) {
        let font_id = FontId::new(input.font_size, FontFamily::Proportional);
        let text_color = ui.visuals().text_color();
        let windowed = buffer.len() > text_window::WINDOWED_ABOVE_BYTES;
        let line_count = if windowed {
            self.blocks.lines
        } else {
            self.laid
                .as_ref()
                .filter(|l| !l.windowed)
                .and_then(|l| l.row_line.iter().rev().find(|&&n| n > 0).copied())
                .unwrap_or(1)
        };
        let number_font = FontId::new((input.font_size * 0.8).max(9.0), FontFamily::Monospace);
        let digit_w = ui.fonts_mut(|f| f.glyph_width(&number_font, '0'));
        let gutter = digit_w * (line_count.max(1).ilog10() as f32 + 1.0) + 14.0;

        let mut scroll = ScrollArea::vertical()
            .id_salt("text-scroll")
            .auto_shrink([false, false]);
        if windowed || self.laid.as_ref().is_some_and(|l| l.windowed) {
            self.cursor_abs = self.cursor_in_page(ui).or(self.cursor_abs);
        }
        self.window = None;
        if windowed {
            // No animated scrolling: on the way to a far target the heights of the
            // blocks passed would become real, and the target move.
            scroll = scroll.animated(false);
            let at = self.plan_window(ui, buffer, &input, &font_id, text_color, gutter);
            if let Some(y) = at {
                scroll = scroll.vertical_scroll_offset(y);
            }
        } else if let Some(y) = input.restore_scroll.filter(|y| y.is_finite() && *y > 0.0) {
            // Past the end, egui would spring back over a dozen frames (and a
            // crafted 3.4e38 overflowed into NaN): at most the last frame's end,
            // which is the page's own (the text of a resumed session differs from
            // it by the session's edits only).
            scroll = scroll.vertical_scroll_offset(y.min(self.max_scroll_y));
        }
        let mut visible = self.visible.clone();
        let base = self.window.as_ref().map_or(0, |w| w.bytes.start);
        if base != self.last_base {
            self.move_cursor(ui, buffer);
        }
        let (above, window_bytes) = match &self.window {
            Some(w) => (self.blocks.top(w.blocks.start), Some(w.bytes.clone())),
            None => (0.0, None),
        };
        let shown = scroll.show(ui, |ui| {
            let review = input.review;
            let mut window_buffer = None;
            let edited: &mut dyn egui::TextBuffer = match window_bytes {
                Some(range) => {
                    ui.spacing_mut().item_spacing.y = 0.0;
                    ui.add_space(above);
                    window_buffer.insert(WindowBuffer {
                        text: &mut *buffer,
                        range,
                    })
                }
                None => &mut *buffer,
            };
            let mut layouter =
                |ui: &Ui, buf: &dyn egui::TextBuffer, wrap_width: f32| -> Arc<Galley> {
                    let text = buf.as_str();
                    let style = StyleKey {
                        font_size: input.font_size,
                        wrap_width,
                        palette: input.palette,
                        text_color,
                    };
                    self.layout(ui, text, input.doc_text, review, style, &font_id)
                };
            let edit = TextEdit::multiline(edited)
                .id(editor_id())
                .font(font_id.clone())
                .desired_width(f32::INFINITY)
                .margin(egui::Margin {
                    left: gutter as i8,
                    right: 6,
                    top: 6,
                    bottom: 6,
                })
                .lock_focus(true)
                .layouter(&mut layouter);
            let output = edit.show(ui);
            if let (Some(w), Some(wb)) = (&self.window, &window_buffer) {
                let below = self.blocks.total_height() - self.blocks.top(w.blocks.end);
                ui.add_space(below.max(0.0));
                self.last_base = wb.range.start;
            } else {
                self.last_base = 0;
            }
            // Named by the page, so screen readers (and tests) can find the editor.
            let response = output.response.response.clone().labelled_by(input.label_id);
            if input.focus {
                response.request_focus();
            }
            if response.changed() {
                out.push(Command::Typed);
            }
            self.origin = output.galley_pos;
            let Some(laid) = self.laid.as_ref() else {
                return;
            };
            let origin = output.galley_pos;
            let painter = ui.painter_at(ui.clip_rect());
            let clip = ui.clip_rect();
            let rows = laid.visible_rows(clip.min.y - origin.y..clip.max.y - origin.y);
            {
                let char_at = |row: usize| {
                    laid.row_first_char
                        .get(row)
                        .copied()
                        .unwrap_or(laid.chars.char_count())
                };
                visible = laid.abs_byte(char_at(rows.start))..laid.abs_byte(char_at(rows.end));
            }

            // Gutter with line numbers.
            let gutter_rect = Rect::from_min_max(
                Pos2::new(response.rect.min.x, clip.min.y),
                Pos2::new(origin.x - 4.0, clip.max.y),
            );
            painter.rect_filled(gutter_rect, 0.0, ui.visuals().faint_bg_color);
            let weak = ui.visuals().weak_text_color();
            for i in rows.clone() {
                let n = laid.row_line[i];
                if n > 0 {
                    let y = origin.y + laid.galley.rows[i].pos.y;
                    painter.text(
                        Pos2::new(origin.x - 8.0, y + 1.0),
                        Align2::RIGHT_TOP,
                        n.to_string(),
                        number_font.clone(),
                        weak,
                    );
                }
            }

            // Marks on the breaks and spaces a fix removes.
            if let (Some(first), Some(last)) = (rows.clone().next(), rows.clone().last()) {
                let c0 = laid.row_first_char[first];
                let c1 = laid
                    .row_first_char
                    .get(last + 1)
                    .copied()
                    .unwrap_or(usize::MAX);
                let from = laid.marks.partition_point(|m| m.0 < c0);
                for &(ch, mark, rule) in laid.marks[from..].iter().take_while(|m| m.0 < c1) {
                    let r = laid.char_rect(ch).translate(origin.to_vec2());
                    let hue = input.palette.hue(rule);
                    match mark {
                        Mark::Break => paint_break_mark(&painter, r, input.font_size, hue),
                        Mark::Space => {
                            let c = Pos2::new((r.min.x + r.max.x) / 2.0, r.center().y);
                            painter.circle_filled(c, (input.font_size * 0.12).max(1.5), hue);
                        }
                    }
                }
            }

            // The find bar's matches in sight, the current one outlined.
            if !input.find_matches.is_empty() && laid.shows(input.doc_text) {
                paint_matches(&painter, laid, origin, &visible, &input);
            }

            // Outline of the selected finding.
            let selected = input.selected.and_then(|i| review.findings().get(i));
            if let Some(f) = selected.filter(|f| laid.holds(&f.span_bytes)) {
                let (a, b) = (
                    laid.char_of_abs(f.span_bytes.start),
                    laid.char_of_abs(f.span_bytes.end),
                );
                let (ra, rb) = (laid.row_of_char(a), laid.row_of_char(b.max(a)));
                let stroke = Stroke::new(1.5, input.palette.selection());
                for row in ra.max(rows.start)..=rb.min(rows.end.saturating_sub(1)) {
                    let placed = &laid.galley.rows[row];
                    let left = if row == ra {
                        laid.char_rect(a).min.x
                    } else {
                        placed.pos.x
                    };
                    let right = if row == rb {
                        laid.char_rect(b).min.x.max(left + 4.0)
                    } else {
                        placed.pos.x + placed.row.size.x
                    };
                    let rect = Rect::from_min_max(
                        Pos2::new(left, placed.pos.y),
                        Pos2::new(right.max(left + 4.0), placed.pos.y + placed.row.height()),
                    );
                    painter.rect_stroke(
                        rect.translate(origin.to_vec2()).expand(1.0),
                        2.0,
                        stroke,
                        egui::StrokeKind::Outside,
                    );
                }
            }

            if let Some(byte) = input.keep_at_top
                && laid.shows(input.doc_text)
            {
                let ch = laid.char_of_abs(byte);
                let row = laid.char_rect(ch).translate(origin.to_vec2());
                ui.scroll_to_rect(row, Some(Align::Min));
            }

            // Scroll to and select a finding chosen in the panel or by F8.
            if let Some(range) = input.reveal {
                let (a, b) = (laid.char_of_abs(range.start), laid.char_of_abs(range.end));
                let rect = laid
                    .char_rect(a)
                    .union(laid.char_rect(b))
                    .translate(origin.to_vec2());
                let target = Rect::from_min_size(
                    rect.min,
                    Vec2::new(rect.width().min(200.0), rect.height().min(200.0)),
                );
                // After a restored scroll offset, a cursor already in sight stays put.
                let in_sight =
                    input.restore_scroll.is_some() && ui.clip_rect().contains_rect(target);
                if !in_sight {
                    ui.scroll_to_rect(target.expand(input.font_size * 2.0), Some(Align::Center));
                }
                if let Some(mut state) = TextEdit::load_state(ui.ctx(), editor_id()) {
                    state
                        .cursor
                        .set_char_range(Some(egui::text::CCursorRange::two(
                            egui::text::CCursor::new(a),
                            egui::text::CCursor::new(b),
                        )));
                    state.store(ui.ctx(), editor_id());
                }
            }

            // Right-click: Apply / Ignore on a finding, Copy, Find this.
            if response.secondary_clicked()
                && let Some(pos) = response.interact_pointer_pos()
            {
                // The boundary nearest the pointer; the character clicked is the one
                // left of it when the pointer is left of the boundary.
                let mut ch = laid.galley.cursor_from_pos(pos - origin).index.0;
                if ch > 0 && pos.x < laid.char_rect(ch).translate(origin.to_vec2()).min.x {
                    ch -= 1;
                }
                let at = laid.abs_byte(ch);
                let selection = output.cursor_range.map(|r| {
                    let (a, b) = (
                        r.primary.index.min(r.secondary.index),
                        r.primary.index.max(r.secondary.index),
                    );
                    laid.abs_byte(a.0)..laid.abs_byte(b.0)
                });
                self.context = super::context_menu::TextContext::at(buffer, review, selection, at);
            }
            let context = &self.context;
            response.context_menu(|ui| super::context_menu::show(ui, context, input.lang, out));

            // A click on a highlight opens its popup.
            if response.clicked()
                && let Some(range) = output.cursor_range
            {
                let at = laid.abs_byte(range.primary.index.0);
                // The cursor lands between characters: the highlight clicked is on
                // either side of it; the narrower finding (a space, not its paragraph) wins.
                let sides = [Some(at), at.checked_sub(1)];
                let hit = sides
                    .into_iter()
                    .flatten()
                    .filter_map(|b| review.at_byte(b))
                    .min_by_key(|&i| review.findings()[i].span_bytes.len());
                if let Some(ix) = hit {
                    let pos = response
                        .interact_pointer_pos()
                        .unwrap_or(response.rect.center());
                    out.push(Command::Popup(ix, pos + Vec2::new(0.0, input.font_size)));
                }
            }
        });
        self.scroll_y = shown.state.clamped_offset().y;
        self.visible = visible;
        self.max_scroll_y = (shown.content_size.y - shown.inner_rect.height()).max(0.0);
        if self.window.is_some() {
            self.remember_window();
        }
    }

    /// The galley for `text`: the memoized one when nothing changed, otherwise a new
    /// layout job with the highlight runs (shifted through the pending edit when the
    /// editor has typed ahead of the document this frame). On a huge page `text`
    /// is the window's and the runs are the window's.
    fn layout(
        &mut self,
        ui: &Ui,
        text: &str,
        doc_text: &str,
        review: &Review,
        style: StyleKey,
        font_id: &FontId,
    ) -> Arc<Galley> {
        let generation = review.generation();
        let base = self.window.as_ref().map_or(0, |w| w.bytes.start);
        let windowed = self.window.is_some();
        if let Some(l) = &mut self.laid
            && l.style == style
            && l.base == base
            && l.windowed == windowed
            && l.galley.text() == text
        {
            if l.generation == generation {
                return l.galley.clone();
            }
            let same = match &self.window {
                None => l.runs == review.runs(),
                Some(w) => w.start_text == text && l.runs == w.runs,
            };
            if same {
                l.generation = generation;
                return l.galley.clone();
            }
        }
        let (src_text, src_runs) = match &self.window {
            None => (doc_text, review.runs()),
            Some(w) => (w.start_text.as_str(), w.runs.as_slice()),
        };
        let runs: Vec<(Range<usize>, Class)> = if text == src_text {
            src_runs.to_vec()
        } else {
            jiaodui_core::edit::map_runs(
                src_runs,
                &jiaodui_core::edit::minimal_change(src_text, text),
                text,
            )
        };
        let (galley, heights) = self.lay_out_chunks(ui, text, &runs, style, font_id, windowed);
        if let Some(w) = &self.window
            && w.start_text == text
            && heights.len() == w.blocks.len()
        {
            for (k, h) in w.blocks.clone().zip(heights) {
                self.blocks.measure(k, h);
            }
        }
        let mut row_first_char = Vec::with_capacity(galley.rows.len());
        let mut row_line = Vec::with_capacity(galley.rows.len());
        let (first_line, starts) = match &self.window {
            Some(w) => self.blocks.line_of_block(w.blocks.start),
            None => (1, true),
        };
        let (mut ch, mut starts_line) = (0usize, starts);
        let mut line = if starts {
            first_line.saturating_sub(1)
        } else {
            first_line
        };
        for placed in &galley.rows {
            row_first_char.push(ch);
            if starts_line {
                line += 1;
                row_line.push(line);
            } else {
                row_line.push(0);
            }
            ch += placed.char_count_including_newline().0;
            starts_line = placed.ends_with_newline;
        }
        let chars = CharIndex::new(text);
        // Runs are sorted: count characters forward from the previous mark, once.
        let mut marks = Vec::new();
        let (mut at_byte, mut at_char) = (0usize, 0usize);
        for (r, class) in &runs {
            if !class.strong {
                continue;
            }
            for (b, c) in text[r.clone()].char_indices() {
                let mark = match c {
                    '\n' => Mark::Break,
                    ' ' | '\u{3000}' | '\t' => Mark::Space,
                    _ => continue,
                };
                let byte = r.start + b;
                at_char += text.get(at_byte..byte).map_or(0, |s| s.chars().count());
                at_byte = byte;
                marks.push((at_char, mark, class.rule));
            }
        }
        self.laid = Some(Laid {
            galley: galley.clone(),
            base,
            windowed,
            style,
            generation,
            runs,
            row_first_char,
            row_line,
            chars,
            marks,
        });
        galley
    }
}

/// Texts up to this size are laid out in one job (egui splits it by paragraph).
const CHUNKED_ABOVE_BYTES: usize = 64 * 1024;
/// Content-defined chunk cuts: after a line whose hash is 0 modulo this (and at
/// least [`CHUNK_MIN_LINES`] lines in), so an edit moves no cut but its own.
const CHUNK_CUT_MODULUS: u64 = 128;
const CHUNK_MIN_LINES: usize = 32;
const CHUNK_MAX_LINES: usize = 2048;

impl TextView {
    /// Lays `text` out with the highlight `runs`: in one job for small texts; for
    /// big ones as content-defined chunks of lines, each laid out (or found in the
    /// chunk cache) on its own and stacked with `Galley::concat`. A huge page's
    /// window is laid out as its blocks (whose heights come back too, in order).
    fn lay_out_chunks(
        &mut self,
        ui: &Ui,
        text: &str,
        runs: &[(Range<usize>, Class)],
        style: StyleKey,
        font_id: &FontId,
        windowed: bool,
    ) -> (Arc<Galley>, Vec<f32>) {
        let job_for = |range: Range<usize>| -> LayoutJob {
            let mut job = LayoutJob {
                text: text[range.clone()].to_owned(),
                ..Default::default()
            };
            job.wrap.max_width = style.wrap_width;
            let plain = TextFormat::simple(font_id.clone(), style.text_color);
            let push = |job: &mut LayoutJob, r: Range<usize>, format: TextFormat| {
                if !r.is_empty() {
                    job.sections.push(LayoutSection {
                        leading_space: 0.0,
                        byte_range: r.start.into()..r.end.into(),
                        format,
                    });
                }
            };
            let mut at = range.start;
            let first = runs.partition_point(|(r, _)| r.end <= range.start);
            for (r, class) in &runs[first..] {
                if r.start >= range.end {
                    break;
                }
                let (s, e) = (r.start.max(at), r.end.min(range.end));
                if s >= e || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                    continue;
                }
                push(&mut job, at - range.start..s - range.start, plain.clone());
                let mut f = plain.clone();
                f.background = style.palette.background(class.rule, class.strong);
                if class.strong && class.rule == jiaodui_core::engine::RuleId::DoubledGlyph {
                    f.strikethrough = Stroke::new(1.2, style.palette.hue(class.rule));
                    f.color = style.palette.hue(class.rule);
                }
                push(&mut job, s - range.start..e - range.start, f);
                at = e;
            }
            push(&mut job, at - range.start..range.end - range.start, plain);
            job
        };
        if text.len() <= CHUNKED_ABOVE_BYTES && !windowed {
            self.chunk_cache.clear();
            return (
                ui.fonts_mut(|f| f.layout_job(job_for(0..text.len()))),
                Vec::new(),
            );
        }
        let style_hash = {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            style.font_size.to_bits().hash(&mut h);
            style.wrap_width.to_bits().hash(&mut h);
            style.palette.dark.hash(&mut h);
            style.text_color.hash(&mut h);
            h.finish()
        };
        let mut galleys = Vec::new();
        let mut used = HashMap::new();
        let mut run_ix = 0;
        let pieces: Vec<(Range<usize>, bool)> = if windowed {
            text_window::blocks(text)
                .into_iter()
                .map(|b| (b.range, b.ends_line))
                .collect()
        } else {
            chunk_ranges(text).into_iter().map(|r| (r, true)).collect()
        };
        for (chunk, _) in &pieces {
            let chunk = chunk.clone();
            let mut h = std::collections::hash_map::DefaultHasher::new();
            style_hash.hash(&mut h);
            text[chunk.clone()].hash(&mut h);
            while run_ix < runs.len() && runs[run_ix].0.end <= chunk.start {
                run_ix += 1;
            }
            for (r, class) in runs[run_ix..]
                .iter()
                .take_while(|(r, _)| r.start < chunk.end)
            {
                (
                    r.start.max(chunk.start) - chunk.start,
                    r.end.min(chunk.end) - chunk.start,
                    class,
                )
                    .hash(&mut h);
            }
            let key = h.finish();
            let galley = match self.chunk_cache.get(&key) {
                Some(g) => g.clone(),
                None => ui.fonts_mut(|f| f.layout_job(job_for(chunk.clone()))),
            };
            used.insert(key, galley.clone());
            galleys.push(galley);
        }
        self.chunk_cache = used;
        let mut job = LayoutJob {
            text: text.to_owned(),
            ..Default::default()
        };
        job.wrap.max_width = style.wrap_width;
        job.sections.push(LayoutSection {
            leading_space: 0.0,
            byte_range: 0.into()..text.len().into(),
            format: TextFormat::simple(font_id.clone(), style.text_color),
        });
        let mut galley = Galley::concat(Arc::new(job), &galleys, ui.ctx().pixels_per_point());
        let mut heights = Vec::new();
        if windowed {
            // `concat` ends every piece but the last with a newline: a block cut
            // inside a line has none (its last row wraps into the next block's).
            let mut row = 0;
            for (g, (_, ends_line)) in galleys.iter().zip(&pieces) {
                row += g.rows.len();
                if !ends_line && let Some(placed) = galley.rows.get_mut(row.wrapping_sub(1)) {
                    placed.ends_with_newline = false;
                }
                heights.push(g.rect.height());
            }
        }
        (Arc::new(galley), heights)
    }
}

/// Byte ranges of the chunks of `text`: whole lines, the newline between two chunks
/// belonging to neither (as `Galley::concat` expects). Cuts depend only on the
/// content of nearby lines, so typing moves at most the cut of the line it is in.
fn chunk_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut lines) = (0usize, 0usize);
    let mut line_start = 0usize;
    for nl in memchr::memchr_iter(b'\n', text.as_bytes()) {
        lines += 1;
        if nl + 1 >= text.len() {
            break;
        }
        let cut = lines >= CHUNK_MAX_LINES
            || (lines >= CHUNK_MIN_LINES
                && line_hash(&text.as_bytes()[line_start..nl]) % CHUNK_CUT_MODULUS == 0);
        line_start = nl + 1;
        if cut {
            out.push(start..nl);
            start = nl + 1;
            lines = 0;
        }
    }
    out.push(start..text.len());
    out
}

/// FNV-1a of one line: cheap and deterministic.
fn line_hash(line: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in line {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Shades the find bar's matches on the rows in sight (`visible`: their bytes) and
/// outlines the current one.
fn paint_matches(
    painter: &egui::Painter,
    laid: &Laid,
    origin: Pos2,
    visible: &Range<usize>,
    input: &TextViewInput<'_>,
) {
    let fill = if input.palette.dark {
        Color32::from_rgba_unmultiplied(255, 210, 60, 60)
    } else {
        Color32::from_rgba_unmultiplied(255, 190, 0, 80)
    };
    let first = input
        .find_matches
        .partition_point(|m| m.end <= visible.start);
    for m in input.find_matches[first..]
        .iter()
        .take_while(|m| m.start <= visible.end)
    {
        let current = input.find_current.as_ref() == Some(m);
        for rect in range_rects(laid, m.clone()) {
            let rect = rect.translate(origin.to_vec2());
            painter.rect_filled(rect, 2.0, fill);
            if current {
                painter.rect_stroke(
                    rect.expand(1.0),
                    2.0,
                    Stroke::new(2.0, Color32::from_rgb(230, 120, 0)),
                    egui::StrokeKind::Outside,
                );
            }
        }
    }
}

/// Galley-local rectangles of the bytes `range`, one per row it spans.
fn range_rects(laid: &Laid, range: Range<usize>) -> Vec<Rect> {
    let (a, b) = (laid.char_of_abs(range.start), laid.char_of_abs(range.end));
    let (ra, rb) = (laid.row_of_char(a), laid.row_of_char(b.max(a)));
    (ra..=rb)
        .filter_map(|row| {
            let placed = laid.galley.rows.get(row)?;
            let left = if row == ra {
                laid.char_rect(a).min.x
            } else {
                placed.pos.x
            };
            let right = if row == rb {
                laid.char_rect(b).min.x
            } else {
                placed.pos.x + placed.row.size.x
            };
            (right > left).then(|| {
                Rect::from_min_max(
                    Pos2::new(left, placed.pos.y),
                    Pos2::new(right, placed.pos.y + placed.row.height()),
                )
            })
        })
        .collect()
}

/// A small ⏎: the line break that a fix joins.
fn paint_break_mark(painter: &egui::Painter, at: Rect, size: f32, hue: Color32) {
    let w = size * 0.55;
    let h = size * 0.45;
    let x0 = at.min.x + 2.0;
    let y_mid = at.center().y + h * 0.25;
    let stroke = Stroke::new((size / 12.0).max(1.2), hue);
    let right = Pos2::new(x0 + w, y_mid);
    painter.line_segment([Pos2::new(x0 + w, y_mid - h), right], stroke);
    painter.line_segment([right, Pos2::new(x0, y_mid)], stroke);
    let a = h * 0.4;
    painter.line_segment([Pos2::new(x0, y_mid), Pos2::new(x0 + a, y_mid - a)], stroke);
    painter.line_segment([Pos2::new(x0, y_mid), Pos2::new(x0 + a, y_mid + a)], stroke);
}

/// Legend swatch for a rule (also used by the findings panel).
pub fn swatch(ui: &mut Ui, palette: Palette, rule: jiaodui_core::engine::RuleId) -> egui::Response {
    let size = Vec2::splat(ui.text_style_height(&egui::TextStyle::Body) * 0.8);
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    ui.painter()
        .rect_filled(rect, 2.0, palette.background(rule, true));
    ui.painter().rect_stroke(
        rect,
        2.0,
        Stroke::new(1.0, palette.hue(rule)),
        egui::StrokeKind::Inside,
    );
    response
}

/// Legend icon for the break mark.
pub fn break_icon(ui: &mut Ui, palette: Palette) {
    let h = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, _) = ui.allocate_exact_size(Vec2::new(h * 0.8, h), Sense::hover());
    paint_break_mark(
        ui.painter(),
        rect,
        h,
        palette.hue(jiaodui_core::engine::RuleId::BrokenLine),
    );
}

/// Legend icon for the space mark.
pub fn space_icon(ui: &mut Ui, palette: Palette) {
    let h = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, _) = ui.allocate_exact_size(Vec2::new(h * 0.6, h), Sense::hover());
    ui.painter().circle_filled(
        rect.center(),
        (h * 0.12).max(1.5),
        palette.hue(jiaodui_core::engine::RuleId::SpuriousSpace),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> String {
        crate::app::SAMPLE_TEXT.repeat(8)
    }

    #[test]
    fn chunks_cover_the_text_with_one_newline_between() {
        let text = page();
        let chunks = chunk_ranges(&text);
        assert!(chunks.len() > 4);
        let mut rebuilt = String::new();
        for (i, c) in chunks.iter().enumerate() {
            if i > 0 {
                rebuilt.push('\n');
            }
            rebuilt.push_str(&text[c.clone()]);
        }
        assert_eq!(rebuilt, text);
    }

    #[test]
    fn typing_moves_only_nearby_cuts() {
        let text = page();
        let before: Vec<&str> = chunk_ranges(&text).into_iter().map(|r| &text[r]).collect();
        let mid = text.len() / 2;
        let at = (mid..).find(|&i| text.is_char_boundary(i)).unwrap();
        let mut edited = text.clone();
        edited.insert_str(at, "甲\n");
        let after: Vec<&str> = chunk_ranges(&edited)
            .into_iter()
            .map(|r| &edited[r])
            .collect();
        let changed = after.iter().filter(|c| !before.contains(c)).count();
        assert!(changed <= 2, "{changed} chunks changed");
    }
}
