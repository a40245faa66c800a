//! The link from the text to the scan, for pages whose OCR came with boxes: which
//! lines of the image the selected finding and the cursor are on, and where the
//! scan panel should scroll. Worked out once a frame after the commands, and only
//! when its inputs changed: the located boxes are memoized by document revision
//! and span (locating follows the text back through the whole undo history).

use std::ops::Range;

use eframe::egui;
use jiaodui_core::page::{BBox, SpanLine};

use super::App;

/// The located lines of one span of the text, memoized by (revision, span).
#[derive(Clone, Debug, Default)]
pub struct Located {
    key: Option<(u64, Range<usize>)>,
    pub lines: Vec<SpanLine>,
}

impl Located {
    /// The lines of `span` at `revision`, located again only when either changed.
    fn update(&mut self, app_doc: &jiaodui_desk::document::Document, span: Option<Range<usize>>) {
        let key = span.map(|s| (app_doc.revision(), s));
        if key == self.key {
            return;
        }
        self.lines = key
            .as_ref()
            .map(|(_, s)| app_doc.span_lines(s.clone()))
            .unwrap_or_default();
        self.key = key;
    }

    /// The span these lines are of, when they are up to date for `revision`.
    pub fn span(&self) -> Option<&Range<usize>> {
        self.key.as_ref().map(|(_, s)| s)
    }
}

/// Where the scan panel scrolls to: a box on a page (the panel shows that page),
/// how to align it, and a number that changes with every new target (the panel
/// scrolls once per number).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Follow {
    pub seq: u64,
    /// The page of the source the box is on.
    pub page: usize,
    pub bbox: BBox,
    /// `None`: just into view; `Some(Min)`: to the top; `Some(Center)`: centred.
    pub align: Option<egui::Align>,
}

/// What the scan panel draws and follows.
#[derive(Clone, Debug, Default)]
pub struct ScanLink {
    /// The selected finding's lines (strong outline).
    pub selected: Located,
    /// The cursor's line (light outline).
    pub cursor: Located,
    pub follow: Option<Follow>,
    /// The boxes last scrolled to for each reason, so that a target that stays
    /// the same (typing in a line, re-checks) does not pull the scan back.
    last_selected: Option<Vec<(usize, BBox)>>,
    last_cursor: Option<usize>,
    last_top: Option<(usize, BBox)>,
    /// The text view's scroll offset in the last frame.
    last_scroll: Option<f32>,
}

impl ScanLink {
    fn target(&mut self, (page, bbox): (usize, BBox), align: Option<egui::Align>) {
        let seq = self.follow.map_or(1, |f| f.seq + 1);
        self.follow = Some(Follow {
            seq,
            page,
            bbox,
            align,
        });
    }
}

/// The page of the first box and the union of the boxes on that page: a span over
/// a page break is shown where it starts.
fn on_first_page(boxes: impl IntoIterator<Item = (usize, BBox)>) -> Option<(usize, BBox)> {
    let mut boxes = boxes.into_iter();
    let (page, first) = boxes.next()?;
    let union = boxes
        .filter(|(p, _)| *p == page)
        .fold(first, |a, (_, b)| a.union(&b));
    Some((page, union))
}

impl App {
    /// Once a frame, after the commands: locates the selected finding and the
    /// cursor's line when they changed, and picks where the scan scrolls — to the
    /// selected finding when the selection moves to other lines, to the cursor's
    /// line (into view) when the cursor moves, and, while no finding is
    /// selected, to the first line in sight when the text scrolls. The scan shows
    /// the page of that target (a PDF's or multi-page file's other pages).
    pub(super) fn update_scan_link(&mut self, ctx: &egui::Context) {
        if self.doc.structured().is_none() {
            if self.scan_link.selected.key.is_some() || self.scan_link.follow.is_some() {
                self.scan_link = Default::default();
            }
            return;
        }
        let selected = self
            .selection
            .selected
            .and_then(|ix| self.review.findings().get(ix))
            .map(|f| f.span_bytes.clone());
        let link = &mut self.scan_link;
        link.selected.update(&self.doc, selected.clone());
        let cursor = self.desk.cursor.min(self.doc.text().len());
        link.cursor.update(&self.doc, Some(cursor..cursor));
        let before = link.follow.map(|f| f.seq);

        let selected_boxes: Option<Vec<(usize, BBox)>> = selected.as_ref().map(|_| {
            link.selected
                .lines
                .iter()
                .map(|l| (l.page, l.touched))
                .collect()
        });
        if selected_boxes.is_some() && selected_boxes != link.last_selected {
            if let Some(b) = on_first_page(selected_boxes.clone().unwrap_or_default()) {
                link.target(b, Some(egui::Align::Center));
            }
        }
        link.last_selected = selected_boxes;

        // The cursor moved (a click, the keys, typing): its line comes into view.
        let cursor_line = link.cursor.lines.first().map(|l| (l.page, l.line));
        if link.last_cursor.is_some_and(|c| c != cursor)
            && link.follow.map(|f| f.seq) == before
            && let Some(b) = on_first_page(cursor_line)
        {
            link.target(b, None);
        }
        link.last_cursor = Some(cursor);

        let scroll = self.text_view.scroll_offset();
        let scrolled = link.last_scroll.is_some_and(|s| (s - scroll).abs() > 0.5);
        link.last_scroll = Some(scroll);
        if scrolled && selected.is_none() && link.follow.map(|f| f.seq) == before {
            let visible = self.text_view.visible_bytes();
            let top = self
                .doc
                .span_lines(visible)
                .into_iter()
                .next()
                .map(|l| (l.page, l.line));
            if top.is_some() && top != link.last_top {
                if let Some(b) = on_first_page(top) {
                    link.target(b, Some(egui::Align::Min));
                }
                link.last_top = top;
            }
        }
        if link.follow.map(|f| f.seq) != before {
            if let Some(f) = link.follow {
                self.desk.scan.show_page(f.page);
                self.poll_scan(ctx);
            }
            // The scan panel was drawn before the text moved: draw once more.
            ctx.request_repaint();
        }
    }
}
