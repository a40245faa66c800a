//! Pages with geometry: what structured OCR (hOCR, ALTO, PAGE XML, Tesseract TSV,
//! PaddleOCR JSON) and PDF text layers give beyond the text — a box per line, and
//! per word or glyph where the source has them.
//!
//! The readers (in `jiaodui-ocr`) fill an [`OcrDocument`] in the source's own line
//! order; [`OcrDocument::to_text`] puts the lines in reading order (columns from the
//! boxes, [`reading_order`]) and makes the text the engine checks and the editor
//! edits, one OCR line per text line, with a [`Geometry`] that ties every text line
//! back to its box. Positions are image pixels, y down.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// An axis-aligned box on the page image, in pixels (`x0 <= x1`, `y0 <= y1`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BBox {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl BBox {
    /// A box from two corners in any order.
    pub fn new(xa: f32, ya: f32, xb: f32, yb: f32) -> BBox {
        BBox {
            x0: xa.min(xb),
            y0: ya.min(yb),
            x1: xa.max(xb),
            y1: ya.max(yb),
        }
    }

    /// The smallest box holding every point (a polygon's bounding box); `None` for
    /// no points or a non-finite coordinate.
    pub fn from_points(points: impl IntoIterator<Item = (f32, f32)>) -> Option<BBox> {
        let mut b: Option<BBox> = None;
        for (x, y) in points {
            if !x.is_finite() || !y.is_finite() {
                return None;
            }
            let p = BBox::new(x, y, x, y);
            b = Some(b.map_or(p, |b| b.union(&p)));
        }
        b
    }

    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }

    pub fn union(&self, o: &BBox) -> BBox {
        BBox {
            x0: self.x0.min(o.x0),
            y0: self.y0.min(o.y0),
            x1: self.x1.max(o.x1),
            y1: self.y1.max(o.y1),
        }
    }

    pub fn contains(&self, x: f32, y: f32) -> bool {
        (self.x0..=self.x1).contains(&x) && (self.y0..=self.y1).contains(&y)
    }

    /// `[x0, y0, x1, y1]` rounded to whole pixels, as `check --format json` prints it.
    pub fn to_pixels(&self) -> [i64; 4] {
        [
            self.x0.round() as i64,
            self.y0.round() as i64,
            self.x1.round() as i64,
            self.y1.round() as i64,
        ]
    }
}

/// A word or glyph of a line, as the source gave it.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    /// Bytes of the piece within its [`OcrLine::text`].
    pub range_bytes: Range<usize>,
    pub bbox: Option<BBox>,
    /// The engine's confidence, 0–1.
    pub conf: Option<f32>,
}

/// One line as the OCR engine (or PDF text layer) gave it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OcrLine {
    pub text: String,
    /// Words or glyphs in line order (empty when the source has line boxes only).
    pub pieces: Vec<Piece>,
    pub bbox: Option<BBox>,
    pub conf: Option<f32>,
    /// The source's block (hOCR `ocr_par`, ALTO `TextBlock`, PAGE `TextRegion`):
    /// lines of one block share the number. Sources without blocks put every line
    /// in block 0.
    pub block: usize,
    /// Glyph size in pixels where the source says it (PDF font size); otherwise the
    /// box height stands for it.
    pub font_size: Option<f32>,
}

/// One page: its lines in the source's order, and the image they were read from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OcrPage {
    /// The image as the source names it (hOCR `image`, ALTO `fileName`, PAGE
    /// `imageFilename`, PaddleOCR `input_path`), relative to the source file.
    pub image: Option<String>,
    /// Image width and height in pixels, when known.
    pub size: Option<(f32, f32)>,
    pub lines: Vec<OcrLine>,
}

/// A structured OCR file or PDF: its pages in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OcrDocument {
    pub pages: Vec<OcrPage>,
}

/// Where a text line's box is.
#[derive(Clone, Debug, PartialEq)]
pub struct LineGeometry {
    /// Index into [`OcrDocument::pages`].
    pub page: usize,
    /// Index into that page's [`OcrPage::lines`] (the source's order).
    pub source_line: usize,
    pub bbox: BBox,
    /// The x-extent of the column the line stands in (from [`reading_order`]).
    pub column: (f32, f32),
    /// Glyph size in pixels (font size, else the box height).
    pub glyph_size: f32,
    /// The line's words or glyphs, their bytes now in the document text.
    pub pieces: Vec<PieceBox>,
    pub conf: Option<f32>,
}

/// A word or glyph with its bytes in the document text.
#[derive(Clone, Debug, PartialEq)]
pub struct PieceBox {
    pub range_bytes: Range<usize>,
    pub bbox: Option<BBox>,
    pub conf: Option<f32>,
}

/// A page's image and size, for the desk's scan panel and reports.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageInfo {
    pub image: Option<String>,
    pub size: Option<(f32, f32)>,
}

/// The geometry of a document text: one entry per text line (`None` for the blank
/// lines between blocks and pages, and for lines the source gave no box).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Geometry {
    pub lines: Vec<Option<LineGeometry>>,
    pub pages: Vec<PageInfo>,
    /// For every text line, the `(page, source line)` it was made from — also for
    /// lines without a box, which have no [`LineGeometry`] — so a writer can carry
    /// the edited text back into every element of a structured file. `None` for the
    /// blank lines between blocks and pages.
    pub origins: Vec<Option<(usize, usize)>>,
}

/// One text line a span covers, as [`Geometry::span_lines`] gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct SpanLine {
    /// Index into [`Geometry::pages`].
    pub page: usize,
    /// The whole line's box.
    pub line: BBox,
    /// The box of the span's part of the line: the union of the pieces it
    /// touches, else the line's box.
    pub touched: BBox,
    /// The boxes of the pieces the span touches, in line order (empty when the
    /// line has no piece boxes or the span touches none).
    pub pieces: Vec<BBox>,
}

impl Geometry {
    /// The box of the text at `range_bytes` of the document the geometry was made
    /// for, with its page: the union of the pieces it touches, else its line's box.
    /// `line_starts` are the byte offsets where the document's lines start. Only
    /// the first line of a span that runs over several: see [`Geometry::locate_all`].
    pub fn locate(
        &self,
        line_starts: &[usize],
        range_bytes: Range<usize>,
    ) -> Option<(usize, BBox)> {
        let line = line_starts
            .partition_point(|&s| s <= range_bytes.start)
            .checked_sub(1)?;
        self.span_line(line, &range_bytes)
            .map(|l| (l.page, l.touched))
    }

    /// The box of the text at `range_bytes` on every line it covers (a joined
    /// paragraph, a run over a line break), each with its page, in text order;
    /// lines without a box (blank lines between blocks) are left out.
    pub fn locate_all(
        &self,
        line_starts: &[usize],
        range_bytes: Range<usize>,
    ) -> Vec<(usize, BBox)> {
        self.span_lines(line_starts, range_bytes)
            .into_iter()
            .map(|l| (l.page, l.touched))
            .collect()
    }

    /// Every line `range_bytes` covers, with its box, the box of the span's part
    /// of it and the boxes of the pieces it touches (see [`Geometry::locate_all`]).
    /// An empty span covers the line it is in.
    pub fn span_lines(&self, line_starts: &[usize], range_bytes: Range<usize>) -> Vec<SpanLine> {
        let Some(first) = line_starts
            .partition_point(|&s| s <= range_bytes.start)
            .checked_sub(1)
        else {
            return Vec::new();
        };
        let end = range_bytes.end.max(range_bytes.start + 1);
        // The last line that starts before the span ends.
        let last = line_starts
            .partition_point(|&s| s < end)
            .saturating_sub(1)
            .max(first);
        (first..=last)
            .filter_map(|i| self.span_line(i, &range_bytes))
            .collect()
    }

    /// Line `line`'s part of `range_bytes`.
    fn span_line(&self, line: usize, range_bytes: &Range<usize>) -> Option<SpanLine> {
        let g = self.lines.get(line)?.as_ref()?;
        let end = range_bytes.end.max(range_bytes.start + 1);
        let pieces: Vec<BBox> = g
            .pieces
            .iter()
            .filter(|p| p.range_bytes.start < end && range_bytes.start < p.range_bytes.end)
            .filter_map(|p| p.bbox)
            .collect();
        let touched = pieces.iter().copied().reduce(|a, b| a.union(&b));
        Some(SpanLine {
            page: g.page,
            line: g.bbox,
            touched: touched.unwrap_or(g.bbox),
            pieces,
        })
    }
}

impl Geometry {
    /// The byte offset of the text under point (`x`, `y`) of page `page`: the start
    /// of the glyph or word there, else of the line whose box holds the point, else
    /// of the nearest line above or below on that page (a click between lines).
    pub fn offset_at(&self, line_starts: &[usize], page: usize, x: f32, y: f32) -> Option<usize> {
        let mut nearest: Option<(f32, usize)> = None;
        for (i, g) in self.lines.iter().enumerate() {
            let Some(g) = g.as_ref().filter(|g| g.page == page) else {
                continue;
            };
            let start = *line_starts.get(i)?;
            if g.bbox.contains(x, y) {
                let piece = g
                    .pieces
                    .iter()
                    .find(|p| p.bbox.is_some_and(|b| x <= b.x1))
                    .map(|p| p.range_bytes.start);
                return Some(piece.unwrap_or(start));
            }
            let dy = if y < g.bbox.y0 {
                g.bbox.y0 - y
            } else {
                (y - g.bbox.y1).max(0.0)
            };
            let dx = if x < g.bbox.x0 {
                g.bbox.x0 - x
            } else {
                (x - g.bbox.x1).max(0.0)
            };
            let d = dx + dy;
            if nearest.is_none_or(|(nd, _)| d < nd) {
                nearest = Some((d, start));
            }
        }
        nearest.map(|(_, s)| s)
    }
}

impl OcrDocument {
    /// The text to check and edit — each page's lines in reading order, one OCR line
    /// per text line, a blank line where the block changes and between pages — and
    /// the geometry of every text line.
    pub fn to_text(&self) -> (String, Geometry) {
        let mut text = String::new();
        let mut geometry = Geometry::default();
        for (p, page) in self.pages.iter().enumerate() {
            geometry.pages.push(PageInfo {
                image: page.image.clone(),
                size: page.size,
            });
            let boxes: Vec<Option<BBox>> = page.lines.iter().map(|l| l.bbox).collect();
            let mut ordered = reading_order(&boxes);
            // An engine that found several blocks has done the layout analysis
            // (Tesseract, a PAGE ReadingOrder): its order stands; the columns measured
            // above still tell each line's extent. A flat list of lines (PaddleOCR, a
            // single region) is ordered by the geometry.
            if page.lines.iter().any(|l| l.block != page.lines[0].block) {
                ordered.sort_by_key(|&(i, _)| i);
                narrow_to_blocks(&page.lines, &mut ordered);
            }
            let mut last_block: Option<usize> = None;
            for (i, column) in ordered {
                let line = &page.lines[i];
                let starts_page = last_block.is_none() && p > 0 && !text.is_empty();
                let new_block = last_block.is_some_and(|b| b != line.block);
                if starts_page || new_block {
                    text.push('\n');
                    geometry.lines.push(None);
                    geometry.origins.push(None);
                }
                last_block = Some(line.block);
                let start = text.len();
                // A line break inside a source line would shift every line after it.
                text.extend(
                    line.text
                        .chars()
                        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
                );
                text.push('\n');
                geometry.origins.push(Some((p, i)));
                geometry.lines.push(line.bbox.map(|bbox| {
                    LineGeometry {
                        page: p,
                        source_line: i,
                        bbox,
                        column: column.unwrap_or((bbox.x0, bbox.x1)),
                        glyph_size: line.font_size.unwrap_or_else(|| bbox.height()),
                        pieces: line
                            .pieces
                            .iter()
                            .filter(|pc| pc.range_bytes.end <= line.text.len())
                            .map(|pc| PieceBox {
                                range_bytes: start + pc.range_bytes.start
                                    ..start + pc.range_bytes.end,
                                bbox: pc.bbox,
                                conf: pc.conf,
                            })
                            .collect(),
                        conf: line.conf,
                    }
                }));
            }
        }
        if text.ends_with('\n') {
            text.pop();
        }
        (text, geometry)
    }
}

/// Where the engine's blocks are narrower than the columns the geometry found, the
/// block is the column: an engine that merged a few lines across a gutter (Tesseract
/// does, in a region where two columns start level) leaves no clean gutter for the
/// geometry to find, yet still put each column's lines in blocks of their own. A block
/// of one or two lines (a text float) takes the column of the nearest such block
/// that holds it.
fn narrow_to_blocks(lines: &[OcrLine], ordered: &mut [(usize, Option<(f32, f32)>)]) {
    // Per block: x-extent and number of boxed lines, in order of first appearance.
    let mut blocks: Vec<(usize, f32, f32, usize)> = Vec::new();
    for l in lines {
        let Some(b) = l.bbox else { continue };
        match blocks.iter_mut().find(|e| e.0 == l.block) {
            Some(e) => *e = (e.0, e.1.min(b.x0), e.2.max(b.x1), e.3 + 1),
            None => blocks.push((l.block, b.x0, b.x1, 1)),
        }
    }
    let narrower = |c: (f32, f32), x0: f32, x1: f32| x1 - x0 < 0.8 * (c.1 - c.0);
    for (i, column) in ordered.iter_mut() {
        let (Some(c), Some(bbox)) = (column.as_mut(), lines[*i].bbox) else {
            continue;
        };
        let Some(k) = blocks.iter().position(|e| e.0 == lines[*i].block) else {
            continue;
        };
        let (_, x0, x1, n) = blocks[k];
        if n >= 3 {
            if narrower(*c, x0, x1) {
                *c = (x0, x1);
            }
            continue;
        }
        let slack = 0.05 * (c.1 - c.0);
        let holds = |e: &&(usize, f32, f32, usize)| {
            e.3 >= 3 && narrower(*c, e.1, e.2) && bbox.x0 >= e.1 - slack && bbox.x1 <= e.2 + slack
        };
        let before = blocks[..k].iter().rev().find(holds);
        let after = blocks[k + 1..].iter().find(holds);
        if let Some(e) = before.or(after) {
            *c = (e.1, e.2);
        }
    }
}

/// Reading order of a page's lines by recursive XY-cut: a band of white across the
/// whole region (wider than a line's height) splits it top from bottom — a headline
/// from the columns under it, one article from the next — and a gutter down the
/// whole region splits it into columns read left to right. So a line-based engine's
/// output, the lines of two columns interleaved by height, comes out column by
/// column. Returns the line indices in reading order, each with the x-extent of the
/// column it stands in; lines without a box keep their place after the line before.
pub fn reading_order(boxes: &[Option<BBox>]) -> Vec<(usize, Option<(f32, f32)>)> {
    reading_order_around(boxes, &[])
}

/// [`reading_order`] with `obstacles` (a page's photos) standing in the cuts' way
/// as lines do — a photo in one column is no white band across the page — but
/// never read, and never taken for a headline however tall: a column that opens
/// with a photo is no article's top.
pub fn reading_order_around(
    boxes: &[Option<BBox>],
    obstacles: &[BBox],
) -> Vec<(usize, Option<(f32, f32)>)> {
    let text = boxes.len();
    let boxed: Vec<usize> = (0..text).filter(|&i| boxes[i].is_some()).collect();
    if boxed.is_empty() {
        return (0..text).map(|i| (i, None)).collect();
    }
    let mut heights: Vec<f32> = boxed
        .iter()
        .filter_map(|&i| boxes[i])
        .map(|b| b.height())
        .collect();
    heights.sort_by(f32::total_cmp);
    let line_height = heights[heights.len() / 2].max(1.0);
    let get = |i: usize| {
        boxes
            .get(i)
            .copied()
            .flatten()
            .or_else(|| obstacles.get(i.wrapping_sub(text)).copied())
            .unwrap_or(BBox::new(0.0, 0.0, 0.0, 0.0))
    };
    let page = Sheet { line_height, text };
    let mut leaves = Vec::new();
    let ids = boxed
        .into_iter()
        .chain(text..text + obstacles.len())
        .collect();
    xy_cut(ids, &get, &page, &mut leaves, None, 0);
    let mut out = Vec::with_capacity(text);
    let mut placed = vec![false; text];
    for (leaf, extent) in leaves {
        for i in leaf.into_iter().filter(|&i| i < text) {
            out.push((i, Some(extent)));
            placed[i] = true;
            // Box-less lines that followed this one in the source follow it here.
            let mut j = i + 1;
            while j < text && boxes[j].is_none() && !placed[j] {
                out.push((j, None));
                placed[j] = true;
                j += 1;
            }
        }
    }
    // Box-less lines before the first boxed one.
    let lead: Vec<(usize, Option<(f32, f32)>)> = (0..text)
        .filter(|&i| !placed[i])
        .map(|i| (i, None))
        .collect();
    lead.into_iter().chain(out).collect()
}

/// What every cut of one page measures against: the body line height, and where
/// the obstacles' ids start (ids from `text` on are photos, not lines).
struct Sheet {
    line_height: f32,
    text: usize,
}

impl Sheet {
    /// A line (never a photo) of type this much larger than `body` high.
    fn larger(&self, i: usize, height: f32, body: f32) -> bool {
        i < self.text && body > 0.0 && height >= LARGER_TYPE * body
    }
}

/// A line this much taller than the lines above it is of larger type (a headline).
const LARGER_TYPE: f32 = 1.3;

/// `column` is the x-extent of the column the region stands in: set where a gutter
/// splits off a column, inherited down through the bands cut from it (so a short
/// line alone in its band is still measured against its column); before any
/// gutter, the region's own extent.
fn xy_cut(
    ids: Vec<usize>,
    get: &impl Fn(usize) -> BBox,
    page: &Sheet,
    leaves: &mut Vec<(Vec<usize>, (f32, f32))>,
    column: Option<(f32, f32)>,
    depth: usize,
) {
    let extent = |ids: &[usize]| {
        ids.iter()
            .map(|&i| get(i))
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), bx| {
                (a.min(bx.x0), b.max(bx.x1))
            })
    };
    if ids.is_empty() {
        return;
    }
    let line_height = page.line_height;
    if ids.len() == 1 || depth > 64 {
        let col = column.unwrap_or_else(|| extent(&ids));
        leaves.push((ids, col));
        return;
    }
    // Articles side by side, each opening with its headline at the top of its
    // column: clean gutters down the whole region, a line of larger type on top of
    // the first column and of at least one more. Each such column and the columns
    // right of it up to the next (an article's further columns) are read first
    // then, though the headlines (and bylines) stand level and a white band runs
    // under them across the page.
    let columns = split(&ids, |i| (get(i).x0, get(i).x1), line_height * 0.8);
    let opens_with_headline = |c: &[usize]| {
        c.iter()
            .min_by(|&&a, &&b| get(a).y0.total_cmp(&get(b).y0))
            .is_some_and(|&i| page.larger(i, get(i).height(), line_height))
    };
    let heads: Vec<bool> = columns.iter().map(|c| opens_with_headline(c)).collect();
    if columns.len() > 1 && heads[0] && heads.iter().filter(|&&h| h).count() >= 2 {
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (c, h) in columns.iter().zip(&heads) {
            match groups.last_mut() {
                Some(g) if !*h => g.extend(c),
                _ => groups.push(c.clone()),
            }
        }
        for g in groups {
            let col = extent(&g);
            xy_cut(g, get, page, leaves, Some(col), depth + 1);
        }
        return;
    }
    // Bands first: a white band across the region separates what is above from what
    // is below whatever the columns do.
    let bands = split(&ids, |i| (get(i).y0, get(i).y1), line_height);
    // A band of white that is only one column ending early (the left column runs on
    // below the right one's last line) is no band: under it lies a column of the
    // region above, which must be read before the next column.
    // A band that opens with a line of larger type than the band above (the next
    // article's headline, set left or short enough to stand on one side of the
    // gutter) starts something new whatever side it stands on.
    let opens_larger = |upper: &[usize], lower: &[usize]| {
        let mut h: Vec<f32> = upper
            .iter()
            .filter(|&&i| i < page.text)
            .map(|&i| get(i).height())
            .collect();
        h.sort_by(f32::total_cmp);
        let body = h.get(h.len() / 2).copied().unwrap_or(0.0);
        lower
            .iter()
            .min_by(|&&a, &&b| get(a).y0.total_cmp(&get(b).y0))
            .is_some_and(|&i| page.larger(i, get(i).height(), body))
    };
    // Bands a column runs on through stay together: the cut falls only between
    // the others (a white band across the region that no column crosses). A
    // column of the page that runs on below the next one's end is read before it.
    let gap = if bands.len() > 1 {
        column_gap(&ids, get, line_height)
    } else {
        None
    };
    let continues = |upper: &[usize], lower: &[usize]| {
        gap.is_some_and(|g| {
            let one_side = |b: &[usize]| {
                b.iter().all(|&i| get(i).x1 <= g) || b.iter().all(|&i| get(i).x0 >= g)
            };
            // Columns on both sides above: a line across the gutter (a headline over
            // the columns, its byline under it on one side) is no column ending.
            let two_columns = |b: &[usize]| {
                b.iter().any(|&i| get(i).x1 <= g) && b.iter().any(|&i| get(i).x0 >= g)
            };
            two_columns(upper) && one_side(lower) && !opens_larger(upper, lower)
        })
    };
    // Measured against all the column has run through so far: a column that runs
    // on past a paragraph's white, one side only, is still the same column.
    let mut groups: Vec<Vec<usize>> = Vec::with_capacity(bands.len());
    for b in &bands {
        match groups.last_mut() {
            Some(g) if continues(g, b) => g.extend(b),
            _ => groups.push(b.clone()),
        }
    }
    if groups.len() > 1 {
        let col = column.unwrap_or_else(|| extent(&ids));
        for b in side_by_side(groups, get, page) {
            xy_cut(b, get, page, leaves, Some(col), depth + 1);
        }
        return;
    }
    if columns.len() > 1 {
        for c in columns {
            let col = extent(&c);
            xy_cut(c, get, page, leaves, Some(col), depth + 1);
        }
        return;
    }
    // A gutter crossed by a few lines: a headline over both columns, a centred
    // title line, a line that runs a little into the gutter. Lines across its
    // middle stand alone, each a band of its own; what lies between them is cut again.
    if let Some(mid) = gutter(&ids, get, line_height) {
        let (mut spanning, rest): (Vec<usize>, Vec<usize>) = ids
            .iter()
            .partition(|&&i| get(i).x0 < mid && mid < get(i).x1);
        let region = column.unwrap_or_else(|| extent(&ids));
        if spanning.is_empty() {
            let (left, right): (Vec<usize>, Vec<usize>) = rest
                .into_iter()
                .partition(|&i| (get(i).x0 + get(i).x1) / 2.0 < mid);
            for c in [left, right] {
                let col = extent(&c);
                xy_cut(c, get, page, leaves, Some(col), depth + 1);
            }
            return;
        }
        let centre = |i: usize| (get(i).y0 + get(i).y1) / 2.0;
        spanning.sort_by(|&a, &b| centre(a).total_cmp(&centre(b)));
        let mut rest = rest;
        rest.sort_by(|&a, &b| centre(a).total_cmp(&centre(b)));
        let mut k = 0;
        for s in spanning {
            let slab: Vec<usize> = rest[k..]
                .iter()
                .copied()
                .take_while(|&i| centre(i) < centre(s))
                .collect();
            k += slab.len();
            xy_cut(slab, get, page, leaves, Some(region), depth + 1);
            leaves.push((vec![s], region));
        }
        xy_cut(
            rest[k..].to_vec(),
            get,
            page,
            leaves,
            Some(region),
            depth + 1,
        );
        return;
    }
    let col = column.unwrap_or_else(|| extent(&ids));
    let mut ids = ids;
    ids.sort_by(|&a, &b| {
        let (ba, bb) = (get(a), get(b));
        (ba.y0 + ba.y1)
            .total_cmp(&(bb.y0 + bb.y1))
            .then(ba.x0.total_cmp(&bb.x0))
    });
    leaves.push((ids, col));
}

/// Bands with the bands below them that belong to the same articles set side by
/// side: a band holding two headlines (lines of larger type) in columns of their
/// own is a row of articles' tops, and the bands under it (bylines, the bodies)
/// join it while a clean gutter still runs down all of them. Joined, the region
/// is read article by article ([`xy_cut`]'s columns that open with a headline)
/// instead of headlines first, then bylines, then bodies.
fn side_by_side(
    bands: Vec<Vec<usize>>,
    get: &impl Fn(usize) -> BBox,
    page: &Sheet,
) -> Vec<Vec<usize>> {
    let line_height = page.line_height;
    let headline = |i: usize| page.larger(i, get(i).height(), line_height);
    let columns = |ids: &[usize]| split(ids, |i| (get(i).x0, get(i).x1), line_height * 0.8);
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut open = false;
    for b in bands {
        if open {
            if let Some(last) = out.last_mut() {
                let mut joined = last.clone();
                joined.extend(&b);
                if columns(&joined).len() > 1 {
                    *last = joined;
                    continue;
                }
            }
        }
        let heads = columns(&b)
            .iter()
            .filter(|c| c.iter().any(|&i| headline(i)))
            .count();
        open = heads >= 2;
        out.push(b);
    }
    out
}

/// The middle of the region's (first) column gutter, clean or crossed by a few lines.
fn column_gap(ids: &[usize], get: &impl Fn(usize) -> BBox, line_height: f32) -> Option<f32> {
    let columns = split(ids, |i| (get(i).x0, get(i).x1), line_height * 0.8);
    if columns.len() > 1 {
        let left = columns[0]
            .iter()
            .map(|&i| get(i).x1)
            .fold(f32::NEG_INFINITY, f32::max);
        let right = columns[1]
            .iter()
            .map(|&i| get(i).x0)
            .fold(f32::INFINITY, f32::min);
        return Some((left + right) / 2.0);
    }
    gutter(ids, get, line_height)
}

/// The middle of a column gutter that a few lines cross (see [`crossed_gutter`]), or
/// of one that a run of lines crosses above or below the columns: where two columns
/// start (or end) level, an engine may merge every row across the gutter until
/// the lines part — Tesseract does, six rows and more under a headline — and
/// those rows, with the headline over them, outnumber the few crossings a page
/// may have. Lines crossing the gutter on top of (or under) both columns take
/// nothing from it: they are read first (last) on their own, as any line across
/// the gutter is.
fn gutter(ids: &[usize], get: &impl Fn(usize) -> BBox, line_height: f32) -> Option<f32> {
    if let Some(mid) = crossed_gutter(ids, get, line_height) {
        return Some(mid);
    }
    let crosses = |i: usize, mid: f32| get(i).x0 < mid && mid < get(i).x1;
    let mut by_top = ids.to_vec();
    by_top.sort_by(|&a, &b| get(a).y0.total_cmp(&get(b).y0));
    let mut by_bottom = ids.to_vec();
    by_bottom.sort_by(|&a, &b| get(b).y1.total_cmp(&get(a).y1));
    for order in [by_top, by_bottom] {
        for k in 1..=ids.len() / 3 {
            let (run, rest) = order.split_at(k);
            if let Some(mid) = crossed_gutter(rest, get, line_height) {
                if run.iter().all(|&i| crosses(i, mid)) {
                    return Some(mid);
                }
            }
        }
    }
    None
}

/// The middle of a column gutter that a few lines cross: the widest stretch of x
/// (at least `0.8 * line_height`) covered by at most one line in ten (two on a
/// short page), with at
/// least three lines wholly on either side of it.
fn crossed_gutter(ids: &[usize], get: &impl Fn(usize) -> BBox, line_height: f32) -> Option<f32> {
    if ids.len() < 6 {
        return None;
    }
    // A few lines may cross it: headlines, and lines an engine merged across the
    // gutter where two columns start level (Tesseract does, several in a row).
    let tolerance = (ids.len() / 10).max(2) as i32;
    let mut events: Vec<(f32, i32)> = ids
        .iter()
        .flat_map(|&i| [(get(i).x0, 1), (get(i).x1, -1)])
        .collect();
    events.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut best: Option<(f32, f32)> = None;
    let mut cover = 0;
    let mut run_start: Option<f32> = None;
    let mut ends: Vec<f32> = ids.iter().map(|&i| get(i).x1).collect();
    let mut starts: Vec<f32> = ids.iter().map(|&i| get(i).x0).collect();
    ends.sort_by(f32::total_cmp);
    starts.sort_by(f32::total_cmp);
    let consider = |from: f32, to: f32, best: &mut Option<(f32, f32)>| {
        let left = ends.partition_point(|&x| x <= from);
        let right = starts.len() - starts.partition_point(|&x| x < to);
        if to - from >= 0.8 * line_height
            && left >= 3
            && right >= 3
            && best.is_none_or(|(a, b)| to - from > b - a)
        {
            *best = Some((from, to));
        }
    };
    for (x, d) in events {
        let before = cover;
        cover += d;
        if before > tolerance && cover <= tolerance {
            run_start = Some(x);
        } else if before <= tolerance && cover > tolerance {
            if let Some(from) = run_start.take() {
                consider(from, x, &mut best);
            }
        }
    }
    best.map(|(a, b)| (a + b) / 2.0)
}

/// Groups `ids` by the gaps (at least `min_gap` wide) in the union of their
/// intervals along one axis, in axis order; one group when there is no such gap.
fn split(ids: &[usize], interval: impl Fn(usize) -> (f32, f32), min_gap: f32) -> Vec<Vec<usize>> {
    let mut sorted: Vec<usize> = ids.to_vec();
    sorted.sort_by(|&a, &b| interval(a).0.total_cmp(&interval(b).0));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut reach = f32::NEG_INFINITY;
    for i in sorted {
        let (lo, hi) = interval(i);
        if groups.is_empty() || lo - reach >= min_gap {
            groups.push(Vec::new());
        }
        reach = reach.max(hi);
        if let Some(g) = groups.last_mut() {
            g.push(i);
        }
    }
    // Keep the source order inside each group (it is the tie-breaker further down).
    for g in &mut groups {
        g.sort_unstable();
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f32, y0: f32, x1: f32, y1: f32) -> OcrLine {
        OcrLine {
            text: text.into(),
            bbox: Some(BBox::new(x0, y0, x1, y1)),
            ..OcrLine::default()
        }
    }

    #[test]
    fn interleaved_columns_are_read_column_by_column() {
        // A line-based engine's order: by height, the two columns interleaved.
        let page = OcrPage {
            lines: vec![
                line("标题", 100.0, 0.0, 500.0, 40.0),
                line("左一", 0.0, 100.0, 280.0, 130.0),
                line("右一", 320.0, 100.0, 600.0, 130.0),
                line("左二", 0.0, 140.0, 280.0, 170.0),
                line("右二", 320.0, 140.0, 600.0, 170.0),
            ],
            ..OcrPage::default()
        };
        let doc = OcrDocument { pages: vec![page] };
        let (text, geometry) = doc.to_text();
        assert_eq!(text, "标题\n左一\n左二\n右一\n右二");
        let g = geometry.lines[2].as_ref().unwrap();
        assert_eq!((g.source_line, g.column), (3, (0.0, 280.0)));
    }

    #[test]
    fn articles_side_by_side_are_read_one_by_one() {
        // Two articles level with each other: headlines (larger type), bylines and
        // bodies each stand in a row of their own with white under it, so bands
        // alone would read both headlines first.
        let page = OcrPage {
            lines: vec![
                line("左标题", 0.0, 0.0, 200.0, 50.0),
                line("右标题", 320.0, 0.0, 520.0, 50.0),
                line("左记者", 0.0, 90.0, 150.0, 115.0),
                line("右记者", 320.0, 90.0, 470.0, 115.0),
                line("左一", 0.0, 160.0, 280.0, 185.0),
                line("右一", 320.0, 160.0, 600.0, 185.0),
                line("左二", 0.0, 195.0, 280.0, 220.0),
                line("右二", 320.0, 195.0, 600.0, 220.0),
            ],
            ..OcrPage::default()
        };
        let doc = OcrDocument { pages: vec![page] };
        let (text, _) = doc.to_text();
        assert_eq!(
            text,
            "左标题\n左记者\n左一\n左二\n右标题\n右记者\n右一\n右二"
        );
    }

    #[test]
    fn a_wide_headline_over_two_columns_still_comes_first() {
        let page = OcrPage {
            lines: vec![
                line("通栏标题", 50.0, 0.0, 550.0, 50.0),
                line("左一", 0.0, 90.0, 280.0, 115.0),
                line("右一", 320.0, 90.0, 600.0, 115.0),
                line("左二", 0.0, 125.0, 280.0, 150.0),
                line("右二", 320.0, 125.0, 600.0, 150.0),
                line("左三", 0.0, 160.0, 280.0, 185.0),
            ],
            ..OcrPage::default()
        };
        let doc = OcrDocument { pages: vec![page] };
        assert_eq!(doc.to_text().0, "通栏标题\n左一\n左二\n左三\n右一\n右二");
    }

    #[test]
    fn blocks_narrower_than_the_measured_column_are_the_columns() {
        // Tesseract merged three lines across the gutter (block 0), so the geometry
        // finds no gutter; its blocks 1 and 2 are the columns, and block 3, a text
        // float of one line in the left column, takes block 1's column.
        let mut lines = Vec::new();
        for k in 0..3 {
            let y = 40.0 * k as f32;
            lines.push(OcrLine {
                block: 0,
                ..line("左右合一", 0.0, y, 600.0, y + 30.0)
            });
        }
        for k in 0..4 {
            let y = 120.0 + 40.0 * k as f32;
            lines.push(OcrLine {
                block: 1,
                ..line("左栏", 0.0, y, 280.0, y + 30.0)
            });
        }
        lines.push(OcrLine {
            block: 3,
            ..line("左栏", 0.0, 280.0, 200.0, 310.0)
        });
        for k in 0..4 {
            let y = 120.0 + 40.0 * k as f32;
            lines.push(OcrLine {
                block: 2,
                ..line("右栏", 320.0, y, 600.0, y + 30.0)
            });
        }
        let doc = OcrDocument {
            pages: vec![OcrPage {
                lines,
                ..OcrPage::default()
            }],
        };
        let (_, geometry) = doc.to_text();
        let columns: Vec<(f32, f32)> = geometry.lines.iter().flatten().map(|g| g.column).collect();
        assert_eq!(columns[0], (0.0, 600.0));
        assert_eq!(columns[3], (0.0, 280.0));
        assert_eq!(columns[7], (0.0, 280.0), "the text float");
        assert_eq!(columns[8], (320.0, 600.0));
    }

    #[test]
    fn a_headline_across_the_gutter_does_not_hide_the_columns() {
        // No white band under the headline; it and a centred second line cross the
        // gutter. A line-based engine lists everything by height.
        let mut lines = vec![
            line("标题横跨两栏", 50.0, 0.0, 550.0, 40.0),
            line("法", 280.0, 50.0, 320.0, 90.0),
        ];
        for k in 0..5 {
            let y = 100.0 + k as f32 * 40.0;
            lines.push(line(&format!("左{k}"), 0.0, y, 280.0, y + 30.0));
            lines.push(line(&format!("右{k}"), 320.0, y, 600.0, y + 30.0));
        }
        let doc = OcrDocument {
            pages: vec![OcrPage {
                lines,
                ..OcrPage::default()
            }],
        };
        let (text, _) = doc.to_text();
        assert_eq!(
            text,
            "标题横跨两栏\n法\n左0\n左1\n左2\n左3\n左4\n右0\n右1\n右2\n右3\n右4"
        );
    }

    #[test]
    fn rows_merged_across_the_gutter_where_the_columns_start_level_stand_on_top() {
        // Under the headline the engine merged six rows across the gutter (more
        // crossings than a gutter may have), then the columns part. The merged rows
        // stay as they are, each read on its own; the columns below come out whole.
        let mut lines = vec![line("标题横跨两栏", 50.0, 0.0, 550.0, 60.0)];
        for k in 0..6 {
            let y = 80.0 + k as f32 * 40.0;
            lines.push(line(&format!("合{k}"), 0.0, y, 600.0, y + 30.0));
        }
        for k in 0..8 {
            let y = 320.0 + k as f32 * 40.0;
            lines.push(line(&format!("左{k}"), 0.0, y, 280.0, y + 30.0));
            lines.push(line(&format!("右{k}"), 320.0, y, 600.0, y + 30.0));
        }
        let doc = OcrDocument {
            pages: vec![OcrPage {
                lines,
                ..OcrPage::default()
            }],
        };
        let (text, _) = doc.to_text();
        let merged: String = (0..6).map(|k| format!("合{k}\n")).collect();
        let left: String = (0..8).map(|k| format!("左{k}\n")).collect();
        let right: Vec<String> = (0..8).map(|k| format!("右{k}")).collect();
        assert_eq!(
            text,
            format!("标题横跨两栏\n{merged}{left}{}", right.join("\n"))
        );
    }

    #[test]
    fn a_column_running_on_below_its_neighbour_is_read_before_it() {
        let mut lines = Vec::new();
        for k in 0..4 {
            let y = k as f32 * 40.0;
            lines.push(line(&format!("左{k}"), 0.0, y, 280.0, y + 30.0));
            lines.push(line(&format!("右{k}"), 320.0, y, 600.0, y + 30.0));
        }
        // White across the page under the right column's end, then the left runs on.
        lines.push(line("左4", 0.0, 240.0, 280.0, 270.0));
        lines.push(line("左5", 0.0, 280.0, 280.0, 310.0));
        let doc = OcrDocument {
            pages: vec![OcrPage {
                lines,
                ..OcrPage::default()
            }],
        };
        let (text, _) = doc.to_text();
        assert_eq!(text, "左0\n左1\n左2\n左3\n左4\n左5\n右0\n右1\n右2\n右3");
    }

    #[test]
    fn an_engine_that_found_blocks_keeps_its_order() {
        let mut a = line("乙", 0.0, 100.0, 100.0, 130.0);
        a.block = 0;
        let mut b = line("甲", 0.0, 0.0, 100.0, 30.0);
        b.block = 1;
        let doc = OcrDocument {
            pages: vec![OcrPage {
                lines: vec![a, b],
                ..OcrPage::default()
            }],
        };
        assert_eq!(doc.to_text().0, "乙\n\n甲");
    }

    /// An article in three columns on top (headline across two of them, byline
    /// under it on one side), then two articles side by side whose left one runs
    /// on below the right one's first block. The white band under the top article
    /// is a cut, though a column further down ends early (that only keeps the bands
    /// it runs through together): the top article is read whole before the rest.
    #[test]
    fn a_column_ending_early_below_does_not_merge_the_article_above() {
        let mut boxes: Vec<Option<BBox>> = Vec::new();
        let mut add = |x0: f32, y0: f32, x1: f32, h: f32| {
            boxes.push(Some(BBox::new(x0, y0, x1, y0 + h)));
            boxes.len() - 1
        };
        let cols = [(75.0, 346.0), (367.0, 638.0), (658.0, 929.0)];
        let head = add(75.0, 79.0, 612.0, 38.0);
        let byline = add(75.0, 152.0, 169.0, 22.0);
        let mut top = vec![head, byline];
        for (x0, x1) in cols {
            for k in 0..4 {
                top.push(add(x0, 209.0 + 29.5 * k as f32, x1, 24.0));
            }
        }
        // The left article: headline, byline, one long column.
        let mut left = vec![add(75.0, 386.0, 301.0, 43.0), add(75.0, 517.0, 173.0, 22.0)];
        for k in 0..15 {
            left.push(add(75.0, 574.0 + 29.0 * k as f32, 346.0, 24.0));
        }
        // The right article over two columns, a second one under it.
        let mut right = vec![
            add(367.0, 386.0, 854.0, 43.0),
            add(367.0, 517.0, 517.0, 22.0),
        ];
        for (x0, x1) in &cols[1..] {
            for k in 0..9 {
                right.push(add(*x0, 574.0 + 29.0 * k as f32, *x1, 24.0));
            }
        }
        right.push(add(367.0, 926.0, 640.0, 48.0));
        for (x0, x1) in &cols[1..] {
            for k in 0..7 {
                right.push(add(*x0, 1037.0 + 29.0 * k as f32, *x1, 24.0));
            }
        }
        let order: Vec<usize> = reading_order(&boxes).into_iter().map(|(i, _)| i).collect();
        assert_eq!(
            order[..top.len()],
            top[..],
            "the top article first, column by column"
        );
        let rest = &order[top.len()..];
        assert_eq!(rest[..left.len()], left[..], "then the left article whole");
        assert_eq!(rest[left.len()..], right[..]);
    }

    /// Two columns under a headline; the left runs on below the right one's end,
    /// and there its paragraphs are parted by more white than a line, twice: still
    /// the same column, read whole before the right one (Tesseract pages read
    /// through PaddleOCR's line list).
    #[test]
    fn a_column_running_on_past_white_stays_one_column() {
        let mut boxes: Vec<Option<BBox>> = vec![Some(BBox::new(120.0, 140.0, 944.0, 219.0))];
        let mut left = Vec::new();
        let mut right = Vec::new();
        let mut y = 300.0;
        for k in 0..14 {
            if k == 8 || k == 12 {
                y += 45.0; // a paragraph's white, below the right column's end
            }
            boxes.push(Some(BBox::new(116.0, y, 492.0, y + 36.0)));
            left.push(boxes.len() - 1);
            if k < 8 {
                boxes.push(Some(BBox::new(572.0, y, 948.0, y + 36.0)));
                right.push(boxes.len() - 1);
            }
            y += 58.0;
        }
        let order: Vec<usize> = reading_order(&boxes).into_iter().map(|(i, _)| i).collect();
        let expected: Vec<usize> = [0].into_iter().chain(left).chain(right).collect();
        assert_eq!(order, expected);
    }

    #[test]
    fn blocks_and_pages_are_separated_by_blank_lines_and_boxless_lines_keep_their_place() {
        let mut a = line("甲", 0.0, 0.0, 100.0, 30.0);
        a.block = 0;
        let mut b = line("乙", 0.0, 40.0, 100.0, 70.0);
        b.block = 1;
        let c = OcrLine {
            text: "丙".into(),
            block: 1,
            ..OcrLine::default()
        };
        let doc = OcrDocument {
            pages: vec![
                OcrPage {
                    lines: vec![a, b, c],
                    ..OcrPage::default()
                },
                OcrPage {
                    lines: vec![line("丁", 0.0, 0.0, 100.0, 30.0)],
                    ..OcrPage::default()
                },
            ],
        };
        let (text, geometry) = doc.to_text();
        assert_eq!(text, "甲\n\n乙\n丙\n\n丁");
        assert_eq!(geometry.lines.len(), 6);
        assert!(geometry.lines[3].is_none());
        // The box-less line still says where it came from.
        assert_eq!(geometry.origins[3], Some((0, 2)));
        assert_eq!(geometry.origins[4], None);
        assert_eq!(geometry.origins.len(), geometry.lines.len());
        assert_eq!(geometry.lines[5].as_ref().unwrap().page, 1);
    }

    #[test]
    fn locate_unions_the_pieces_a_span_touches() {
        let mut l = line("八八月", 0.0, 0.0, 90.0, 30.0);
        l.pieces = (0..3)
            .map(|k| Piece {
                range_bytes: k * 3..k * 3 + 3,
                bbox: Some(BBox::new(
                    k as f32 * 30.0,
                    0.0,
                    k as f32 * 30.0 + 28.0,
                    30.0,
                )),
                conf: None,
            })
            .collect();
        let doc = OcrDocument {
            pages: vec![OcrPage {
                lines: vec![line("上", 0.0, -40.0, 30.0, -10.0), l],
                ..OcrPage::default()
            }],
        };
        let (text, geometry) = doc.to_text();
        assert_eq!(text, "上\n八八月");
        let starts = [0, 4];
        let (page, b) = geometry.locate(&starts, 7..10).unwrap();
        assert_eq!((page, b.to_pixels()), (0, [30, 0, 58, 30]));
        // A span that touches no piece gets the line's box.
        assert_eq!(
            geometry.locate(&starts, 0..3).unwrap().1.to_pixels(),
            [0, -40, 30, -10]
        );
    }

    #[test]
    fn locate_all_gives_every_line_a_span_covers() {
        let glyphs = |text: &str, y: f32| {
            let mut l = line(text, 0.0, y, 90.0, y + 30.0);
            l.pieces = (0..text.chars().count())
                .map(|k| Piece {
                    range_bytes: k * 3..k * 3 + 3,
                    bbox: Some(BBox::new(
                        k as f32 * 30.0,
                        y,
                        k as f32 * 30.0 + 28.0,
                        y + 30.0,
                    )),
                    conf: None,
                })
                .collect();
            l
        };
        let mut other = glyphs("丙丁", 0.0);
        other.block = 1;
        let doc = OcrDocument {
            pages: vec![OcrPage {
                lines: vec![glyphs("甲乙", 0.0), glyphs("三四", 40.0), {
                    other.bbox = Some(BBox::new(0.0, 80.0, 60.0, 110.0));
                    for p in &mut other.pieces {
                        p.bbox = p.bbox.map(|b| BBox::new(b.x0, 80.0, b.x1, 110.0));
                    }
                    other
                }],
                ..OcrPage::default()
            }],
        };
        let (text, geometry) = doc.to_text();
        assert_eq!(text, "甲乙\n三四\n\n丙丁");
        let starts = [0, 7, 14, 15];
        let px = |v: Vec<(usize, BBox)>| {
            v.into_iter()
                .map(|(p, b)| (p, b.to_pixels()))
                .collect::<Vec<_>>()
        };
        // 乙 ⏎ 三: the end of one line and the start of the next, a box on each.
        assert_eq!(
            px(geometry.locate_all(&starts, 3..10)),
            vec![(0, [30, 0, 58, 30]), (0, [0, 40, 28, 70])]
        );
        // locate keeps to the first line.
        assert_eq!(
            geometry.locate(&starts, 3..10).unwrap().1.to_pixels(),
            [30, 0, 58, 30]
        );
        // Over the blank line between blocks: it has no box and is left out.
        assert_eq!(
            px(geometry.locate_all(&starts, 7..18)),
            vec![(0, [0, 40, 58, 70]), (0, [0, 80, 28, 110])]
        );
        // A span ending where a line starts does not reach into that line.
        assert_eq!(geometry.locate_all(&starts, 0..7).len(), 1);
        // Only the line break: the line's box.
        let lines = geometry.span_lines(&starts, 6..7);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].pieces.is_empty());
        assert_eq!(lines[0].touched, lines[0].line);
        // An empty span (a cursor) is on its line.
        assert_eq!(
            px(geometry.locate_all(&starts, 7..7)),
            vec![(0, [0, 40, 28, 70])]
        );
        // Past the text or before any line: nothing.
        assert!(geometry.locate_all(&[], 0..1).is_empty());
    }
}
