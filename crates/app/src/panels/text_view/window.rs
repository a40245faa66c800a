//! The text view on a huge page: which window of the page the editor gets this
//! frame (around a jump's target, else around the scroll offset, anchored to the
//! text at the top of the view), and the cursor carried from window to window.

use std::ops::Range;

use eframe::egui::{self, Color32, FontId, TextEdit, Ui};

use super::{TextView, TextViewInput, editor_id, text_window};
use jiaodui_desk::review::Class;

/// The window on a huge page in this frame.
pub(super) struct Window {
    /// Blocks of the page given to the editor, and their bytes.
    pub(super) blocks: Range<usize>,
    pub(super) bytes: Range<usize>,
    /// The window's text at the start of the frame, and its highlight runs.
    pub(super) start_text: String,
    pub(super) runs: Vec<(Range<usize>, Class)>,
}

/// The editor's top margin (`top: 6` in `TextView::show`): the content starts
/// this far above the first block.
const TOP_MARGIN: f32 = 6.0;

impl TextView {
    /// Where the editor's cursor is in the page, read with the galley it was set on.
    pub(super) fn cursor_in_page(&self, ui: &Ui) -> Option<(usize, usize)> {
        let laid = self.laid.as_ref()?;
        let range = TextEdit::load_state(ui.ctx(), editor_id())?
            .cursor
            .char_range()?;
        Some((
            laid.abs_byte(range.primary.index.0),
            laid.abs_byte(range.secondary.index.0),
        ))
    }

    /// Chooses this frame's window on a huge page: around what a jump (a finding,
    /// a match, a line, the cursor when a key is pressed) asks to show, else around
    /// the scroll offset, kept on the same text when heights above it became real.
    /// Returns the scroll offset to set, if it is to move.
    pub(super) fn plan_window(
        &mut self,
        ui: &Ui,
        buffer: &str,
        input: &TextViewInput<'_>,
        font_id: &FontId,
        text_color: Color32,
        gutter: f32,
    ) -> Option<f32> {
        let last_style = self.laid.as_ref().map(|l| l.style).filter(|s| {
            s.font_size == input.font_size
                && s.palette == input.palette
                && s.text_color == text_color
        });
        let wrap_width = last_style.map_or_else(
            || (ui.available_width() - gutter - 6.0).max(50.0),
            |s| s.wrap_width,
        );
        let (wide, narrow, row_height) = ui.fonts_mut(|f| {
            (
                f.glyph_width(font_id, '中'),
                f.glyph_width(font_id, 'a'),
                f.row_height(font_id),
            )
        });
        let metrics = text_window::Metrics {
            wrap_width,
            row_height,
            wide,
            narrow,
        };
        self.blocks.update(buffer, metrics);
        let view = ui.available_height().max(1.0);
        let restore = input
            .restore_scroll
            .filter(|y| y.is_finite() && *y > 0.0)
            .map(|y| {
                y.min(self.blocks.total_height() + 2.0 * TOP_MARGIN - view)
                    .max(0.0)
            });
        let anchored = |blocks: &text_window::Layout, anchor: Option<(usize, f32)>, y: f32| {
            anchor.map_or(y, |(k, within)| blocks.top(k) + within)
        };
        let mut y = restore.unwrap_or_else(|| anchored(&self.blocks, self.anchor, self.scroll_y));
        let mut window = self.blocks.window_at_y(y - TOP_MARGIN, view);
        let in_sight = self.blocks.bytes_of(&window);
        let parked = self
            .cursor_abs
            .map(|(p, _)| p)
            .filter(|&p| p < in_sight.start || p > in_sight.end);
        let typing = ui.memory(|m| m.has_focus(editor_id()))
            && ui.input(|i| {
                i.events.iter().any(|e| {
                    matches!(
                        e,
                        egui::Event::Text(_)
                            | egui::Event::Paste(_)
                            | egui::Event::Ime(_)
                            | egui::Event::Key { pressed: true, .. }
                    )
                })
            });
        let target = input
            .keep_at_top
            .or(input.reveal.as_ref().map(|r| r.start))
            .or(parked.filter(|_| typing));
        if let Some(byte) = target {
            window = self
                .blocks
                .window_around(self.blocks.block_of_byte(byte), view);
        }
        let bytes = self.blocks.bytes_of(&window);
        let runs = window_runs(input, buffer, &bytes);
        self.window = Some(Window {
            blocks: window,
            start_text: buffer.get(bytes.clone()).unwrap_or("").to_owned(),
            bytes: bytes.clone(),
            runs,
        });
        // Laid out now (the editor then finds it memoized), so that the real
        // heights of its blocks are known before the space above them is.
        if let Some(style) = last_style
            && let Some(text) = buffer.get(bytes)
        {
            self.layout(ui, text, input.doc_text, input.review, style, font_id);
        }
        if restore.is_none() && target.is_none() {
            y = anchored(&self.blocks, self.anchor, self.scroll_y);
        }
        (restore.is_some() || (y - self.scroll_y).abs() > 0.5).then_some(y)
    }

    /// Carries the editor's cursor over to this frame's window (the editor counts
    /// characters from the window's start). A cursor outside the window is left
    /// out of the editor and waits in `cursor_abs`.
    pub(super) fn move_cursor(&mut self, ui: &Ui, buffer: &str) {
        let Some(mut state) = TextEdit::load_state(ui.ctx(), editor_id()) else {
            return;
        };
        let range = self
            .window
            .as_ref()
            .map_or(0..buffer.len(), |w| w.bytes.clone());
        let to_char = |b: usize| -> Option<egui::text::CCursor> {
            let b = (0..=b.min(buffer.len()))
                .rev()
                .find(|&i| buffer.is_char_boundary(i))?;
            let chars = buffer.get(range.start..b).filter(|_| b <= range.end)?;
            Some(egui::text::CCursor::new(chars.chars().count()))
        };
        let cursor = self
            .cursor_abs
            .and_then(|(p, s)| Some(egui::text::CCursorRange::two(to_char(s)?, to_char(p)?)));
        state.cursor.set_char_range(cursor);
        state.store(ui.ctx(), editor_id());
    }

    /// After a frame on a huge page: the block at the top of the view and how far
    /// into it, so the next frame keeps that text in place.
    pub(super) fn remember_window(&mut self) {
        let k = self.blocks.block_at_y(self.scroll_y - TOP_MARGIN);
        self.anchor = Some((k, self.scroll_y - self.blocks.top(k)));
    }
}

/// The highlight runs of the page's bytes `bytes`, counted from their start.
fn window_runs(
    input: &TextViewInput<'_>,
    buffer: &str,
    bytes: &Range<usize>,
) -> Vec<(Range<usize>, Class)> {
    let mapped;
    let runs = if buffer == input.doc_text {
        input.review.runs()
    } else {
        mapped = jiaodui_core::edit::map_runs(
            input.review.runs(),
            &jiaodui_core::edit::minimal_change(input.doc_text, buffer),
            buffer,
        );
        &mapped
    };
    let first = runs.partition_point(|(r, _)| r.end <= bytes.start);
    runs[first..]
        .iter()
        .take_while(|(r, _)| r.start < bytes.end)
        .map(|(r, class)| {
            let (a, b) = (r.start.max(bytes.start), r.end.min(bytes.end));
            (a - bytes.start..b - bytes.start, *class)
        })
        .collect()
}
