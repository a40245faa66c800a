//! From glyphs to printed lines and blocks.
//!
//! A text layer has no lines, only glyphs drawn in whatever order the program that
//! wrote it chose (a fake-bold run drawn twice, columns interleaved, a headline
//! last). So lines are rebuilt from geometry:
//! - a *row* is glyphs whose baselines lie within a third of their size of the
//!   row's first glyph;
//! - a row splits into *lines* where the white between two glyphs is wider than
//!   [`GUTTER_EMS`] of their size: a column gutter, never the spacing of justified
//!   Chinese text — or, narrower, where the producer's text lines of an OCR engine
//!   part in row after row ([`producer_breaks`]); inside a line runs of glyphs go
//!   left to right, and a glyph drawn
//!   twice a hair apart comes out as two adjacent glyphs ("88月2266日") — as
//!   extraction gives it, for the doubled-glyph rule to judge by the boxes;
//! - lines form a *block* (one column of one article, or a headline) when one
//!   stands under the other with at most one size of white between them, their
//!   x-extents overlap by half the shorter one (or their left edges are at most
//!   [`INDENT_EMS`] apart: an indented first line under a short last line), and their sizes differ by at most
//!   [`SIZE_TOLERANCE`]: a headline and a byline are blocks of their own, and the
//!   two columns of an article are two blocks.

use jiaodui_core::page::{BBox, OcrLine, Piece, reading_order_around};

use crate::content::Glyph;

/// White wider than this many font sizes between two glyphs of a row separates
/// two lines (a column gutter). Justified CJK text spreads far less; the
/// ideographic space in a headline (one em) stays inside its line.
pub const GUTTER_EMS: f32 = 1.5;

/// The narrowest gutter: white of at least this many font sizes between two
/// glyphs of a row separates two lines when it runs down the rows around it
/// ([`channels`]).
pub const MIN_GUTTER_EMS: f32 = 0.7;

/// White of this many sizes (of the smaller glyph) between glyphs of sizes more
/// than [`SIZE_TOLERANCE`] apart separates two lines.
pub const TYPE_CHANGE_EMS: f32 = 0.5;

/// How many rows above and below a gap [`channels`] looks at.
const CHANNEL_ROWS: usize = 3;

/// Left edges at most this many font sizes apart are one column's (an indent).
pub const INDENT_EMS: f32 = 3.0;

/// Lines whose sizes differ by more than this fraction are never one block.
pub const SIZE_TOLERANCE: f32 = 0.12;

/// Lines of a page in reading order (XY-cut over the line boxes), with blocks
/// numbered in that order.
pub fn assemble(glyphs: Vec<Glyph>) -> Vec<OcrLine> {
    assemble_with_images(glyphs, &[])
}

/// [`assemble`], with the boxes of the page's images (photos) standing in the
/// reading order's way: a photo in one column is no white band across the page,
/// however level it is with the gap between two articles in the next column. An
/// image under text (a scan under Tesseract's invisible text) is left out.
pub fn assemble_with_images(glyphs: Vec<Glyph>, images: &[BBox]) -> Vec<OcrLine> {
    let rows = rows(glyphs);
    let mut channels = channels(&rows);
    for (ch, breaks) in channels.iter_mut().zip(producer_breaks(&rows)) {
        ch.extend(breaks);
    }
    let mut lines: Vec<OcrLine> = rows
        .into_iter()
        .zip(channels)
        .flat_map(|(row, ch)| split_row(row, &ch))
        .collect();
    let blocks = blocks(&lines);
    for (line, b) in lines.iter_mut().zip(&blocks) {
        line.block = *b;
    }
    let boxes: Vec<Option<BBox>> = lines.iter().map(|l| l.bbox).collect();
    let under_text = |im: &BBox| {
        lines
            .iter()
            .filter_map(|l| l.bbox)
            .any(|b| b.x0.max(im.x0) < b.x1.min(im.x1) && b.y0.max(im.y0) < b.y1.min(im.y1))
    };
    let photos: Vec<BBox> = images
        .iter()
        .filter(|im| im.width() > 1.0 && im.height() > 1.0 && !under_text(im))
        .copied()
        .collect();
    let order: Vec<usize> = reading_order_around(&boxes, &photos)
        .into_iter()
        .map(|(i, _)| i)
        .collect();
    let mut slots: Vec<Option<OcrLine>> = lines.into_iter().map(Some).collect();
    let mut out: Vec<OcrLine> = order.iter().filter_map(|&i| slots[i].take()).collect();
    // Blocks numbered by first appearance in reading order.
    let mut renumber: Vec<Option<usize>> = vec![None; out.len()];
    let mut next = 0;
    for line in &mut out {
        let b = line.block;
        line.block = *renumber[b].get_or_insert_with(|| {
            next += 1;
            next - 1
        });
    }
    out
}

/// Glyphs grouped by baseline, then by type size: a glyph joins the row whose
/// first glyph's baseline lies within a third of their size, and a row's runs of
/// another size set apart by white ([`size_classes`]) are rows of their own — a
/// caption level with the next column's body lines, or a headline level with
/// another column's text, would otherwise lend the row its size and hide the
/// gutter from [`channels`], which compares rows of one size. Rows of one size
/// whose first baselines lie that close are one row again: a headline whose
/// baseline falls just inside a smaller line's row, and its fake-bold copy a hair
/// lower just outside it, are one line. Each row's glyphs go by baseline.
fn rows(mut glyphs: Vec<Glyph>) -> Vec<Vec<Glyph>> {
    glyphs.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    let mut anchor = (f32::NEG_INFINITY, 0.0f32);
    for g in glyphs {
        if g.baseline - anchor.0 > anchor.1.max(g.size) / 3.0 {
            anchor = (g.baseline, g.size);
            rows.push(Vec::new());
        }
        if let Some(r) = rows.last_mut() {
            r.push(g);
        }
    }
    let mut split: Vec<(f32, f32, Vec<Glyph>)> = rows
        .into_iter()
        .flat_map(size_classes)
        .map(|mut r| {
            r.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
            (r.first().map_or(0.0, |g| g.baseline), row_size(&r), r)
        })
        .collect();
    split.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Measured from the row's lowest baseline so far: a fake-bold copy drawn a hair
    // lower than its line, whose row began at a higher baseline in another column,
    // falls just outside a third of a size from the row's first baseline.
    let mut out: Vec<(f32, f32, Vec<Glyph>)> = Vec::new();
    for (baseline, size, row) in split {
        let last = |r: &[Glyph]| r.last().map_or(f32::NEG_INFINITY, |g| g.baseline);
        let same = out
            .iter_mut()
            .rev()
            .find(|(b, s, r)| !differs(*s, size) && baseline - b.max(last(r)) <= s.min(size) / 3.0);
        match same {
            Some((_, _, r)) => {
                r.extend(row);
                r.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
            }
            None => out.push((baseline, size, row)),
        }
    }
    out.into_iter().map(|(_, _, r)| r).collect()
}

/// A row split by type size: runs of glyphs (left to right) parted where the size
/// changes past [`TYPE_CHANGE_EMS`] of white — where [`split_row`] parts lines —
/// and the runs of about one size ([`SIZE_TOLERANCE`]) gathered into one row. A
/// glyph of another size inside a run (no white before it) stays with the run.
fn size_classes(mut row: Vec<Glyph>) -> Vec<Vec<Glyph>> {
    row.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
    let mut runs: Vec<Vec<Glyph>> = vec![Vec::new()];
    let mut last: Option<(f32, f32)> = None;
    for g in row {
        if !g.text.trim().is_empty() {
            if let Some((x1, size)) = last {
                if other_type(size, g.size, g.bbox.x0 - x1) {
                    runs.push(Vec::new());
                }
            }
            last = Some((
                g.bbox.x1.max(last.map_or(f32::NEG_INFINITY, |l| l.0)),
                g.size,
            ));
        }
        if let Some(r) = runs.last_mut() {
            r.push(g);
        }
    }
    if runs.len() == 1 {
        return runs;
    }
    let mut sized: Vec<(f32, Vec<Glyph>)> = runs
        .into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| (row_size(&r), r))
        .collect();
    sized.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f32, Vec<Glyph>)> = Vec::new();
    for (size, run) in sized {
        match out.last_mut() {
            Some((s, r)) if !differs(*s, size) => r.extend(run),
            _ => out.push((size, run)),
        }
    }
    out.into_iter().map(|(_, r)| r).collect()
}

/// Sizes more than [`SIZE_TOLERANCE`] apart: another type.
fn differs(a: f32, b: f32) -> bool {
    (a - b).abs() > SIZE_TOLERANCE * a.max(b)
}

/// Type of another size past white (a headline or caption beside the next
/// column's text, however narrow the gutter): two lines.
fn other_type(size: f32, next: f32, white: f32) -> bool {
    differs(size, next) && white > TYPE_CHANGE_EMS * size.min(next)
}

/// The inked x-extents of a row's glyphs (white space left out), left to right,
/// overlapping extents merged: where the row has ink.
fn ink(row: &[Glyph]) -> Vec<(f32, f32)> {
    let mut xs: Vec<(f32, f32)> = row
        .iter()
        .filter(|g| !g.text.trim().is_empty())
        .map(|g| (g.bbox.x0, g.bbox.x1))
        .collect();
    xs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f32, f32)> = Vec::with_capacity(xs.len());
    for (a, b) in xs {
        match out.last_mut() {
            Some(l) if a <= l.1 => l.1 = l.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// The median size of a row's glyphs.
fn row_size(row: &[Glyph]) -> f32 {
    let mut s: Vec<f32> = row.iter().map(|g| g.size).collect();
    s.sort_by(f32::total_cmp);
    s.get(s.len() / 2).copied().unwrap_or(0.0)
}

/// Per row, the gaps narrower than [`GUTTER_EMS`] that are still column gutters:
/// newspapers set columns as little as one em apart, as close as a justified line
/// spreads its glyphs, so the white alone cannot tell. A gutter runs down the page:
/// a gap of at least [`MIN_GUTTER_EMS`] is one when, among the nearest rows above and
/// below of about its size that have ink on both sides of it, more leave it white
/// than write across it (a headline over the columns does), and at least two do.
/// The gaps of a justified line fall wherever its glyph count puts them, never in
/// one place row after row.
fn channels(rows: &[Vec<Glyph>]) -> Vec<Vec<(f32, f32)>> {
    let inks: Vec<Vec<(f32, f32)>> = rows.iter().map(|r| ink(r)).collect();
    let sizes: Vec<f32> = rows.iter().map(|r| row_size(r)).collect();
    let baselines: Vec<f32> = rows
        .iter()
        .map(|r| r.first().map_or(0.0, |g| g.baseline))
        .collect();
    let mut out = vec![Vec::new(); rows.len()];
    for (i, ink) in inks.iter().enumerate() {
        let size = sizes[i];
        if size <= 0.0 {
            continue;
        }
        for gap in gaps(ink, size) {
            let line_end = past_white(&rows[i], gap, size);
            if gap.1 - line_end < MIN_GUTTER_EMS * size {
                continue;
            }
            // Measured from where the line ends, shrunk so a neighbour's glyph that
            // only touches it does not count as crossing.
            let (a, b) = (line_end + 0.1 * size, gap.1 - 0.1 * size);
            let (mut white, mut crossed) = (0, 0);
            // Up and down, the nearest rows that say something: rows of a column
            // set elsewhere on the page (at other baselines) have no ink on one side.
            let up = (0..i).rev();
            let down = i + 1..rows.len();
            for side in [&mut up.collect::<Vec<_>>(), &mut down.collect::<Vec<_>>()] {
                let mut seen = 0;
                for &j in side.iter() {
                    if seen == CHANNEL_ROWS
                        || (baselines[j] - baselines[i]).abs() > 3.0 * CHANNEL_ROWS as f32 * size
                    {
                        break;
                    }
                    let sj = sizes[j];
                    let left = inks[j].iter().any(|e| e.0 < a);
                    let right = inks[j].iter().any(|e| e.1 > b);
                    if (sj - size).abs() > SIZE_TOLERANCE * sj.max(size) || !(left && right) {
                        continue;
                    }
                    seen += 1;
                    // White where this row's gap is, wide enough for a gutter: this
                    // row's gap may be wider than the gutter (a paragraph's last line
                    // ends short of the column's edge), the rows around leave the
                    // gutter's part of it white.
                    if widest_white(&inks[j], (a, b)) >= MIN_GUTTER_EMS * size {
                        white += 1;
                    } else {
                        crossed += 1;
                    }
                }
            }
            if white >= 2 && white > crossed {
                out[i].push(gap);
            }
        }
    }
    on_the_grid(rows, &inks, &sizes, out)
}

/// The widest stretch of `(a, b)` that none of `ink` covers.
fn widest_white(ink: &[(f32, f32)], (a, b): (f32, f32)) -> f32 {
    let (mut widest, mut at) = (0.0f32, a);
    for &(x0, x1) in ink.iter().filter(|e| e.0 < b && e.1 > a) {
        widest = widest.max(x0 - at);
        at = at.max(x1);
    }
    widest.max(b - at)
}

/// The white between two inks of a row (see [`ink`]) that may be a gutter: at least
/// [`MIN_GUTTER_EMS`] and at most [`GUTTER_EMS`] of the row's size (wider white
/// parts a row anyway), as `(right edge of the ink before, left edge of the next)`.
fn gaps(ink: &[(f32, f32)], size: f32) -> impl Iterator<Item = (f32, f32)> + '_ {
    ink.windows(2)
        .map(|w| (w[0].1, w[1].0))
        .filter(move |&(a, b)| (MIN_GUTTER_EMS * size..=GUTTER_EMS * size).contains(&(b - a)))
}

/// Where a line ends that ends at `a` (the right edge of its last ink) with white
/// space drawn after it, inside `(a, b)` and at most half an em on (letter spacing
/// of a justified line, narrower than any gutter): the end of that space. A
/// justified line broken after a space (`若apt ⏎show…`) keeps the space as its last
/// glyph, flush with the column's edge; measured from the ink, its gap to the next
/// column is wider than the gutter, and the rows around it, ending at the edge,
/// stand in it. An OCR engine's words end in a space too (Tesseract's text layer),
/// so a gap between two words is the white after that space.
fn past_white(row: &[Glyph], (a, b): (f32, f32), size: f32) -> f32 {
    let mut whites: Vec<(f32, f32)> = row
        .iter()
        .filter(|g| g.text.trim().is_empty() && g.bbox.x1 > a && g.bbox.x1 < b)
        .map(|g| (g.bbox.x0, g.bbox.x1))
        .collect();
    whites.sort_by(|p, q| p.0.total_cmp(&q.0));
    let mut end = a;
    for (x0, x1) in whites {
        if x0 <= end + 0.5 * size {
            end = end.max(x1);
        }
    }
    end
}

/// Edges of a gap at most this many sizes from a channel's are the same gutter's.
const GRID_EMS: f32 = 0.3;

/// A column's line runs at least this many sizes (a word set apart is shorter).
const COLUMN_LINE_EMS: f32 = 4.0;

/// `channels` plus the gaps of each row that line up with a channel found in
/// another row of the page: columns keep the page's grid from article to article,
/// so a short article's last row, with no row of two columns beside it to show
/// the gutter, still splits where the columns above split. Both edges must match
/// (a justified line ends at the column's edge, the next column's line starts at
/// its own), which the gaps of a spread line do not; and only a channel between
/// two column lines (ink of [`COLUMN_LINE_EMS`] or more on both sides) is the
/// grid's, with such a line left of the gap matched: Tesseract's word boxes leave
/// gaps row after row beside a line's first glyph or last word, which are no
/// column's edge. A row of larger type parts where two headlines stand side by
/// side ([`parts_headlines`]).
fn on_the_grid(
    rows: &[Vec<Glyph>],
    inks: &[Vec<(f32, f32)>],
    sizes: &[f32],
    found: Vec<Vec<(f32, f32)>>,
) -> Vec<Vec<(f32, f32)>> {
    // Ink with gaps narrower than a gutter closed: where a row's lines may be.
    let runs: Vec<Vec<(f32, f32)>> = inks
        .iter()
        .zip(sizes)
        .map(|(ink, &size)| {
            let mut out: Vec<(f32, f32)> = Vec::new();
            for &(a, b) in ink {
                match out.last_mut() {
                    Some(l) if a - l.1 < MIN_GUTTER_EMS * size => l.1 = l.1.max(b),
                    _ => out.push((a, b)),
                }
            }
            out
        })
        .collect();
    let long = |run: Option<&(f32, f32)>, size: f32| {
        run.is_some_and(|r| r.1 - r.0 >= COLUMN_LINE_EMS * size)
    };
    let ending_at = |j: usize, x: f32| runs[j].iter().find(|r| (r.1 - x).abs() < 0.01);
    let starting_at = |j: usize, x: f32| runs[j].iter().find(|r| (r.0 - x).abs() < 0.01);
    let grid: Vec<Vec<(f32, f32)>> = found
        .iter()
        .enumerate()
        .map(|(j, ch)| {
            ch.iter()
                .copied()
                .filter(|&(a, b)| {
                    long(ending_at(j, a), sizes[j]) && long(starting_at(j, b), sizes[j])
                })
                .collect()
        })
        .collect();
    let mut out = found;
    for (i, ink) in inks.iter().enumerate() {
        let size = sizes[i];
        if size <= 0.0 {
            continue;
        }
        for (a, b) in gaps(ink, size) {
            if out[i].contains(&(a, b)) || !long(ending_at(i, a), size) {
                continue;
            }
            let lines_up = grid.iter().enumerate().any(|(j, ch)| {
                j != i
                    && (sizes[j] - size).abs() <= SIZE_TOLERANCE * sizes[j].max(size)
                    && ch.iter().any(|&(a2, b2)| {
                        (a - a2).abs() <= GRID_EMS * size && (b - b2).abs() <= GRID_EMS * size
                    })
            });
            if lines_up || column_edges(rows, i, (a, b), &runs, sizes) {
                out[i].push((a, b));
            }
        }
        // Headlines of two articles side by side, level: larger type than the
        // grid's rows, so the gutter between them is narrower than a gap of their
        // own size and no row of their size runs down it. Measured against the
        // row's largest type, as `split_row` measures a gap against the larger
        // glyph beside it: two headlines of sizes a little apart are one row, its
        // median the smaller one's size.
        let largest = rows[i].iter().map(|g| g.size).fold(size, f32::max);
        for (a, b) in ink.windows(2).map(|w| (w[0].1, w[1].0)) {
            if b - a <= GUTTER_EMS * largest
                && !out[i].contains(&(a, b))
                && parts_headlines(rows, i, (a, b), inks, sizes)
            {
                out[i].push((a, b));
            }
        }
    }
    out
}

/// How far up and down (in sizes) [`column_edges`] looks for the columns' edges.
const EDGE_WINDOW_EMS: f32 = 20.0;

/// Whether the gap `(a, b)` of row `i` is a gutter shown by the columns' edges
/// rather than by rows of two columns: near it, rows of its type end a column line
/// at `a` (two or more) and others start one at `b` (two or more), and none writes
/// across it. Where a photo stands under the first line of the next column, or
/// the columns' baselines drift apart, no other row has ink on both sides of the
/// gutter for [`channels`] to see; the lines above and below still end and start
/// at its edges.
fn column_edges(
    rows: &[Vec<Glyph>],
    i: usize,
    (a, b): (f32, f32),
    runs: &[Vec<(f32, f32)>],
    sizes: &[f32],
) -> bool {
    let size = sizes[i];
    let baseline = |j: usize| rows[j].first().map_or(0.0, |g| g.baseline);
    // Rows come by baseline ([`rows`]): only those within the window are read.
    let reach = EDGE_WINDOW_EMS * size;
    let from = (0..i)
        .rev()
        .take_while(|&j| baseline(i) - baseline(j) <= reach)
        .last();
    let to = (i + 1..rows.len())
        .take_while(|&j| baseline(j) - baseline(i) <= reach)
        .last();
    let window = from.unwrap_or(i)..to.map_or(i + 1, |t| t + 1);
    let near = |j: usize| j != i && (sizes[j] - size).abs() <= SIZE_TOLERANCE * sizes[j].max(size);
    let tolerance = GRID_EMS * size;
    let long = |r: &(f32, f32)| r.1 - r.0 >= COLUMN_LINE_EMS * size;
    let (mut ends, mut starts) = (0, 0);
    for j in window.filter(|&j| near(j)) {
        for r in &runs[j] {
            if r.0 < b - tolerance && r.1 > a + tolerance {
                return false; // written across the gutter
            }
            if long(r) && (r.1 - a).abs() <= tolerance {
                ends += 1;
            }
            if long(r) && (r.0 - b).abs() <= tolerance {
                starts += 1;
            }
        }
    }
    ends >= 2 && starts >= 2
}

/// How far below a headline (in its sizes) [`parts_headlines`] looks for the
/// columns under it, and at most how many rows.
const UNDER_HEADLINE_EMS: f32 = 8.0;
const UNDER_HEADLINE_ROWS: usize = 8;

/// Whether the white `(a, b)` in row `i` (of larger type than the page's body)
/// parts two headlines set side by side, each over its own article's columns: the
/// rows of smaller type under it (their articles' bylines and first lines, at
/// baselines of their own) leave a gutter of their size white inside `(a, b)`,
/// with lines on both sides of it, and no white space is drawn in `(a, b)`. Such
/// headlines stand a body gutter apart, less than white of their own size that
/// parts a row; a headline over both columns parts its words with a space, which
/// the producer draws.
fn parts_headlines(
    rows: &[Vec<Glyph>],
    i: usize,
    (a, b): (f32, f32),
    inks: &[Vec<(f32, f32)>],
    sizes: &[f32],
) -> bool {
    let size = sizes[i];
    if rows[i]
        .iter()
        .any(|g| g.text.trim().is_empty() && g.bbox.x0 < b && g.bbox.x1 > a)
    {
        return false;
    }
    let baseline = |j: usize| rows[j].first().map_or(0.0, |g| g.baseline);
    // The rows of smaller type under it, and the headlines' own further lines where
    // they stand wholly on one side (a tall headline set in one column beside a
    // shorter one over two: no smaller row stands under the tall one for a while).
    let one_side = |j: usize| inks[j].iter().all(|e| e.1 <= a + 0.01 || e.0 >= b - 0.01);
    let under: Vec<usize> = (i + 1..rows.len())
        .take_while(|&j| baseline(j) - baseline(i) <= UNDER_HEADLINE_EMS * size)
        .filter(|&j| {
            (sizes[j] < size && differs(sizes[j], size))
                || (!differs(sizes[j], size) && !inks[j].is_empty() && one_side(j))
        })
        .take(UNDER_HEADLINE_ROWS)
        .collect();
    if under.len() < 3 {
        return false;
    }
    let body = under
        .iter()
        .map(|&j| sizes[j])
        .fold(f32::INFINITY, f32::min);
    // The widest stretch of (a, b) no row under it writes in.
    let mut ink: Vec<(f32, f32)> = under
        .iter()
        .flat_map(|&j| inks[j].iter())
        .filter(|e| e.0 < b && e.1 > a)
        .map(|e| (e.0.max(a), e.1.min(b)))
        .collect();
    ink.sort_by(|p, q| p.0.total_cmp(&q.0));
    let (mut white, mut at) = ((a, a), a);
    for (x0, x1) in ink.into_iter().chain([(b, b)]) {
        if x0 - at > white.1 - white.0 {
            white = (at, x0);
        }
        at = at.max(x1);
    }
    let (c, d) = white;
    let sides = |left: bool| {
        under
            .iter()
            .filter(|&&j| {
                inks[j].iter().any(|e| {
                    if left {
                        e.1 <= c + 0.01
                    } else {
                        e.0 >= d - 0.01
                    }
                })
            })
            .count()
    };
    d - c >= MIN_GUTTER_EMS * body && sides(true) >= 2 && sides(false) >= 2
}

/// A row's lines: split at gutters (white wider than [`GUTTER_EMS`], or one of the
/// row's `channels`, or [`TYPE_CHANGE_EMS`] where the type size changes), each in
/// reading order ([`order`]).
fn split_row(mut row: Vec<Glyph>, channels: &[(f32, f32)]) -> Vec<OcrLine> {
    row.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
    let mut segments: Vec<Vec<Glyph>> = vec![Vec::new()];
    // Right edge and size of the last glyph that is not white space.
    let mut last: Option<(f32, f32)> = None;
    for g in row {
        if !g.text.trim().is_empty() {
            if let Some((x1, size)) = last {
                let channel = channels
                    .iter()
                    .any(|&(a, b)| x1 <= a + 0.01 && g.bbox.x0 >= b - 0.01);
                if g.bbox.x0 - x1 > GUTTER_EMS * size.max(g.size)
                    || channel
                    || other_type(size, g.size, g.bbox.x0 - x1)
                {
                    segments.push(Vec::new());
                }
            }
            last = Some((
                g.bbox.x1.max(last.map_or(f32::NEG_INFINITY, |l| l.0)),
                g.size,
            ));
        }
        if let Some(s) = segments.last_mut() {
            s.push(g);
        }
    }
    segments
        .into_iter()
        .filter_map(|s| make_line(order(s)))
        .collect()
}

/// A producer's line must hold this many glyphs in a row to count as a line
/// there (layout software may write every glyph, or a few, as a line of its own).
const PRODUCER_LINE_GLYPHS: usize = 3;

/// Per row, the gaps between two of the producer's lines side by side
/// ([`whole_lines`], white of at least [`MIN_GUTTER_EMS`]) that a row next to it
/// (one or two rows up or down, type of about the size) also has white or such a
/// gap across: an OCR engine's lines of two columns whose word boxes run into a
/// narrow gutter, so that no white runs down it for [`channels`] to see. A gap
/// of one row only (a byline's name set apart, written as a text object of its
/// own) is no gutter.
fn producer_breaks(rows: &[Vec<Glyph>]) -> Vec<Vec<(f32, f32)>> {
    let sizes: Vec<f32> = rows.iter().map(|r| row_size(r)).collect();
    let baselines: Vec<f32> = rows
        .iter()
        .map(|r| r.first().map_or(0.0, |g| g.baseline))
        .collect();
    let candidates: Vec<Vec<(f32, f32)>> = rows
        .iter()
        .map(|row| {
            let mut row: Vec<&Glyph> = row.iter().filter(|g| !g.text.trim().is_empty()).collect();
            row.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
            let whole = whole_lines(&row);
            let mut out = Vec::new();
            // Right edge so far, as `split_row` measures it.
            let mut x1 = f32::NEG_INFINITY;
            for w in row.windows(2) {
                let (p, g) = (w[0], w[1]);
                x1 = x1.max(p.bbox.x1);
                if p.line != g.line
                    && whole.contains(&p.line)
                    && whole.contains(&g.line)
                    && g.bbox.x0 - x1 >= MIN_GUTTER_EMS * p.size.min(g.size)
                {
                    out.push((x1, g.bbox.x0));
                }
            }
            out
        })
        .collect();
    let inks: Vec<Vec<(f32, f32)>> = rows.iter().map(|r| ink(r)).collect();
    (0..rows.len())
        .map(|i| {
            let size = sizes[i];
            candidates[i]
                .iter()
                .copied()
                .filter(|&(a, b)| {
                    let near = (i.saturating_sub(2)..(i + 3).min(rows.len())).filter(|&j| {
                        j != i
                            && (sizes[j] - size).abs() <= SIZE_TOLERANCE * sizes[j].max(size)
                            && (baselines[j] - baselines[i]).abs() <= 3.0 * size
                    });
                    let overlaps = |(a2, b2): (f32, f32)| a.max(a2) < b.min(b2);
                    near.into_iter().any(|j| {
                        candidates[j].iter().any(|&c| overlaps(c))
                            || inks[j]
                                .windows(2)
                                .map(|w| (w[0].1, w[1].0))
                                .any(|c| c.1 - c.0 >= MIN_GUTTER_EMS * size && overlaps(c))
                    })
                })
                .collect()
        })
        .collect()
}

/// The producer's lines ([`Glyph::line`]) that stand whole and apart in a row
/// sorted by x: at least [`PRODUCER_LINE_GLYPHS`] glyphs (white space aside), none
/// of another line among them. A fake-bold copy drawn as a line of its own
/// interleaves with the line it copies, so neither stands apart.
fn whole_lines(row: &[&Glyph]) -> Vec<usize> {
    // Per line: index of its first and last glyph in the row, and its count.
    let mut seen: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (k, g) in row.iter().filter(|g| !g.text.trim().is_empty()).enumerate() {
        match seen.iter_mut().find(|e| e.0 == g.line) {
            Some(e) => {
                e.2 = k;
                e.3 += 1;
            }
            None => seen.push((g.line, k, k, 1)),
        }
    }
    seen.into_iter()
        .filter(|&(_, first, last, n)| n >= PRODUCER_LINE_GLYPHS && last - first + 1 == n)
        .map(|e| e.0)
        .collect()
}

/// The glyphs of one line in reading order. Drawing order is split into *runs*
/// where it jumps back left; runs go left to right by where they start, and glyphs
/// inside a run keep their drawing order (Tesseract stretches a word's glyphs by
/// `Tz`, sometimes past the next word: drawing order is right where x is not).
/// A run whose every glyph repeats a glyph already placed, within half a size of
/// it, is a fake-bold copy: each of its glyphs goes right after the one it repeats,
/// so the line reads "88月月2266日日" as extraction by position gives it.
fn order(mut glyphs: Vec<Glyph>) -> Vec<Glyph> {
    glyphs.sort_by_key(|g| g.seq);
    let mut runs: Vec<Vec<Glyph>> = Vec::new();
    let mut prev_x: Option<f32> = None;
    for g in glyphs {
        if prev_x.is_none_or(|x| g.bbox.x0 < x - 0.3 * g.size) {
            runs.push(Vec::new());
        }
        prev_x = Some(g.bbox.x0);
        if let Some(r) = runs.last_mut() {
            r.push(g);
        }
    }
    let mut placed: Vec<Glyph> = Vec::new();
    let mut copies: Vec<Vec<Glyph>> = Vec::new();
    for run in runs {
        let repeats = |g: &Glyph| {
            g.text.trim().is_empty()
                || placed
                    .iter()
                    .any(|p| p.text == g.text && (p.bbox.x0 - g.bbox.x0).abs() < near(g))
        };
        if !placed.is_empty() && run.iter().all(repeats) {
            copies.push(run);
        } else {
            placed.extend(run);
        }
    }
    // Runs left to right by their first glyph (a stable sort keeps drawing order
    // inside each run).
    let mut starts: Vec<(usize, f32)> = Vec::new();
    let mut run_of: Vec<usize> = Vec::with_capacity(placed.len());
    for (i, g) in placed.iter().enumerate() {
        if i == 0 || g.bbox.x0 < placed[i - 1].bbox.x0 - 0.3 * g.size {
            starts.push((i, g.bbox.x0));
        }
        run_of.push(starts.len() - 1);
    }
    let mut keyed: Vec<(f32, usize, Glyph)> = placed
        .into_iter()
        .enumerate()
        .map(|(i, g)| (starts[run_of[i]].1, i, g))
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut line: Vec<Glyph> = keyed.into_iter().map(|(_, _, g)| g).collect();
    for copy in copies {
        for g in copy {
            // After the glyph it repeats (the nearest of that text: in `ss` or `11`
            // the other one is only an advance away) and any copies already put
            // after that one.
            let at = line
                .iter()
                .enumerate()
                .filter(|(_, p)| p.text == g.text && (p.bbox.x0 - g.bbox.x0).abs() < near(&g))
                .min_by(|a, b| {
                    (a.1.bbox.x0 - g.bbox.x0)
                        .abs()
                        .total_cmp(&(b.1.bbox.x0 - g.bbox.x0).abs())
                })
                .map(|(i, _)| i);
            match at {
                Some(mut i) => {
                    let anchor = line[i].bbox.x0;
                    while i + 1 < line.len()
                        && line[i + 1].text == g.text
                        && (line[i + 1].bbox.x0 - anchor).abs() < 0.5 * near(&g)
                    {
                        i += 1;
                    }
                    line.insert(i + 1, g);
                }
                None => line.push(g),
            }
        }
    }
    line
}

/// How near a glyph drawn again must stand to the first to be its fake-bold copy:
/// within half its advance (a correct double stands a whole advance on; half-width
/// digits and letters stand half an em apart).
fn near(g: &Glyph) -> f32 {
    0.5 * g.bbox.width().min(g.size).max(0.05 * g.size)
}

/// One line from its glyphs (left to right): white space at either end dropped, a
/// space put between two Latin letters or digits set a word apart with no space
/// glyph drawn between them.
fn make_line(glyphs: Vec<Glyph>) -> Option<OcrLine> {
    let first = glyphs.iter().position(|g| !g.text.trim().is_empty())?;
    let last = glyphs.iter().rposition(|g| !g.text.trim().is_empty())?;
    let glyphs = &glyphs[first..=last];
    let mut line = OcrLine::default();
    let mut sizes: Vec<f32> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    for g in glyphs {
        if let Some(p) = prev {
            let latin = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric());
            if latin(&p.text) && latin(&g.text) && g.bbox.x0 - p.bbox.x1 > 0.25 * g.size {
                line.text.push(' ');
            }
        }
        let start = line.text.len();
        line.text.push_str(&g.text);
        line.pieces.push(Piece {
            range_bytes: start..line.text.len(),
            bbox: Some(g.bbox),
            conf: None,
        });
        line.bbox = Some(line.bbox.map_or(g.bbox, |b| b.union(&g.bbox)));
        if !g.text.trim().is_empty() {
            sizes.push(g.size);
        }
        prev = Some(g);
    }
    sizes.sort_by(f32::total_cmp);
    line.font_size = sizes.get(sizes.len() / 2).copied();
    Some(line)
}

/// A block number per line (not yet in reading order): lines joined as the module
/// doc says, by union-find over every pair.
fn blocks(lines: &[OcrLine]) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..lines.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let geo: Vec<Option<(BBox, f32)>> = lines
        .iter()
        .map(|l| Some((l.bbox?, l.font_size?)))
        .collect();
    for i in 0..lines.len() {
        for j in i + 1..lines.len() {
            let (Some((a, sa)), Some((b, sb))) = (geo[i], geo[j]) else {
                continue;
            };
            if (sa - sb).abs() > SIZE_TOLERANCE * sa.max(sb) {
                continue;
            }
            let (upper, lower) = if a.y0 <= b.y0 { (a, b) } else { (b, a) };
            let white = lower.y0 - upper.y1;
            if white > sa.max(sb) || white < -0.5 * sa.min(sb) {
                continue;
            }
            // One column: the boxes overlap by half the shorter line, or the left
            // edges are an indent apart (a paragraph's first line under the short
            // last line of the one before).
            let overlap = a.x1.min(b.x1) - a.x0.max(b.x0);
            let indent = (a.x0 - b.x0).abs() <= INDENT_EMS * sa.max(sb);
            if overlap < 0.5 * a.width().min(b.width()) && !indent {
                continue;
            }
            let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
            parent[ri] = rj;
        }
    }
    (0..lines.len()).map(|i| root(&mut parent, i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A run of glyphs one em apart from `x`, baseline `y`, size `s`, drawn from
    /// `seq` on.
    fn run(text: &str, x: f32, y: f32, s: f32, seq: usize) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(k, c)| Glyph {
                text: c.to_string(),
                bbox: BBox::new(
                    x + k as f32 * s,
                    y - 0.88 * s,
                    x + (k + 1) as f32 * s,
                    y + 0.12 * s,
                ),
                baseline: y,
                size: s,
                seq: seq + k,
                line: seq,
            })
            .collect()
    }

    #[test]
    fn two_columns_at_one_height_are_two_lines_and_two_blocks() {
        let mut g = run("左栏第一行", 0.0, 20.0, 20.0, 10);
        g.extend(run("右栏第一行", 140.0, 20.0, 20.0, 20));
        g.extend(run("左栏第二行", 0.0, 50.0, 20.0, 30));
        g.extend(run("右栏第二行", 140.0, 50.0, 20.0, 40));
        let lines = assemble(g);
        let texts: Vec<(&str, usize)> = lines.iter().map(|l| (l.text.as_str(), l.block)).collect();
        assert_eq!(
            texts,
            [
                ("左栏第一行", 0),
                ("左栏第二行", 0),
                ("右栏第一行", 1),
                ("右栏第二行", 1)
            ]
        );
    }

    #[test]
    fn columns_one_em_apart_are_split_where_the_gap_runs_down_the_rows() {
        // Two columns of five glyphs, 20 px glyphs, the gutter 20 px (one em), four
        // rows; a headline over both above them crosses the gutter.
        let mut g = run("两栏上方的大标题", 0.0, 10.0, 25.0, 0);
        for k in 0..4 {
            let y = 60.0 + 30.0 * k as f32;
            g.extend(run("左栏正文字", 0.0, y, 20.0, 100 + 20 * k));
            g.extend(run("右栏正文字", 120.0, y, 20.0, 110 + 20 * k));
        }
        let lines = assemble(g);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts.len(), 9, "{texts:?}");
        assert_eq!(texts[0], "两栏上方的大标题");
        assert!(
            texts[1..].iter().all(|t| t.chars().count() == 5),
            "{texts:?}"
        );
    }

    #[test]
    fn a_short_articles_last_row_splits_on_the_pages_column_grid() {
        // An article in two columns one em apart (four rows: the gutter is plain),
        // then far below a short article on the same grid whose only two-column
        // row has no row beside it to show the gutter.
        let mut g = Vec::new();
        for k in 0..4 {
            let y = 20.0 + 30.0 * k as f32;
            g.extend(run("左栏正文字", 0.0, y, 20.0, 20 * k));
            g.extend(run("右栏正文字", 120.0, y, 20.0, 20 * k + 10));
        }
        g.extend(run("短文左栏字", 0.0, 400.0, 20.0, 100));
        g.extend(run("末行。", 120.0, 400.0, 20.0, 110));
        // A spread line whose gap does not stand on the grid stays whole.
        g.extend(run("疏排", 0.0, 430.0, 20.0, 120));
        g.extend(run("的一行", 60.0, 430.0, 20.0, 130));
        let lines = assemble(g);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert!(texts.contains(&"短文左栏字"), "{texts:?}");
        assert!(texts.contains(&"末行。"), "{texts:?}");
        assert!(texts.contains(&"疏排的一行"), "{texts:?}");
    }

    #[test]
    fn an_ocr_engines_lines_side_by_side_split_where_rows_of_them_part() {
        // Each `run` is a line of its own in the producer's text (as Tesseract
        // writes them). Two columns under 0.8 em apart whose edges wander by a
        // fifth of an em from row to row, so every gap is crossed by the rows
        // beside it and no white runs down the page.
        let mut g = Vec::new();
        for k in 0..4 {
            let y = 20.0 + 30.0 * k as f32;
            let shift = if k % 2 == 0 { 0.0 } else { 4.0 };
            g.extend(run("左栏正文字", shift, y, 20.0, 20 * k));
            g.extend(run("右栏正文字", 116.0 + shift, y, 20.0, 20 * k + 10));
        }
        // A byline whose name is a text object of its own, one em on: one line.
        g.extend(run("本报记者", 0.0, 300.0, 20.0, 200));
        g.extend(run("王晨光", 100.0, 300.0, 20.0, 210));
        let lines = assemble(g);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts.iter().filter(|t| **t == "左栏正文字").count(),
            4,
            "{texts:?}"
        );
        assert_eq!(
            texts.iter().filter(|t| **t == "右栏正文字").count(),
            4,
            "{texts:?}"
        );
        assert!(texts.contains(&"本报记者王晨光"), "{texts:?}");
    }

    #[test]
    fn a_caption_level_with_the_next_columns_text_is_a_line_of_its_own() {
        // 20 px body, a 16 px caption one em (of the body) to its right.
        let mut g = run("正文一行", 0.0, 20.0, 20.0, 0);
        g.extend(run("图为一角。", 100.0, 21.0, 16.0, 10));
        let lines = assemble(g);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
    }

    #[test]
    fn a_spread_line_between_full_ones_stays_one_line() {
        // The middle row's glyphs stand 0.8 em apart (a justified short line); the
        // rows around it are set solid: no white runs down the page there.
        let mut g = run("整行正文整行正文整行", 0.0, 20.0, 20.0, 0);
        let mut spread = run("疏排的行", 0.0, 50.0, 20.0, 20);
        for (k, x) in spread.iter_mut().enumerate() {
            let dx = 16.0 * k as f32;
            x.bbox.x0 += dx;
            x.bbox.x1 += dx;
        }
        g.extend(spread);
        g.extend(run("整行正文整行正文整行", 0.0, 80.0, 20.0, 40));
        g.extend(run("整行正文整行正文整行", 0.0, 110.0, 20.0, 60));
        let lines = assemble(g);
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[1].text, "疏排的行");
    }

    #[test]
    fn a_run_drawn_twice_interleaves_glyph_by_glyph() {
        let mut g = run("8月", 0.0, 20.0, 20.0, 50);
        g.extend(run("8月", 0.4, 20.0, 20.0, 60));
        let lines = assemble(g);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "88月月");
        assert_eq!(lines[0].pieces.len(), 4);
    }

    #[test]
    fn a_word_stretched_past_the_next_keeps_drawing_order() {
        // Tesseract's 绿化 stretched by Tz so that 化 lands right of the 、 drawn next.
        let mut g = run("绿化", 0.0, 20.0, 30.0, 0);
        g.extend(run("、照明", 15.0, 20.0, 10.0, 2));
        for x in &mut g[2..] {
            x.size = 30.0;
        }
        assert_eq!(assemble(g)[0].text, "绿化、照明");
    }

    #[test]
    fn a_run_of_half_width_doubles_drawn_twice_keeps_each_copy_by_its_glyph() {
        // `11月` and `ss`, drawn, then drawn again 0.4 px on: each copy right after
        // the glyph it repeats, not after the correct double's second glyph.
        let mut g = run("11", 0.0, 20.0, 10.0, 0);
        g.push(Glyph {
            text: "月".into(),
            bbox: BBox::new(20.0, 0.0, 40.0, 22.0),
            baseline: 20.0,
            size: 20.0,
            seq: 2,
            line: 0,
        });
        for x in &mut g[..2] {
            x.size = 20.0;
        }
        let copy: Vec<Glyph> = g
            .iter()
            .map(|x| Glyph {
                bbox: BBox::new(x.bbox.x0 + 0.4, x.bbox.y0, x.bbox.x1 + 0.4, x.bbox.y1),
                seq: x.seq + 10,
                line: 1,
                ..x.clone()
            })
            .collect();
        g.extend(copy);
        let lines = assemble(g);
        assert_eq!(lines[0].text, "1111月月");
        let xs: Vec<f32> = lines[0]
            .pieces
            .iter()
            .map(|p| p.bbox.map_or(0.0, |b| b.x0))
            .collect();
        assert_eq!(xs, [0.0, 0.4, 10.0, 10.4, 20.0, 20.4]);
    }

    #[test]
    fn latin_words_set_apart_get_a_space_and_end_spaces_go() {
        let mut g = run(" ab", 0.0, 20.0, 10.0, 70);
        g.extend(run("cd ", 35.0, 20.0, 10.0, 80));
        let lines = assemble(g);
        assert_eq!(lines[0].text, "ab cd");
        assert_eq!(lines[0].pieces.len(), 4);
    }

    /// One glyph `text` of size `s` from `x0` to `x1` on baseline `y`.
    fn glyph(text: &str, x0: f32, x1: f32, y: f32, s: f32, seq: usize) -> Glyph {
        Glyph {
            text: text.into(),
            bbox: BBox::new(x0, y - 0.88 * s, x1, y + 0.12 * s),
            baseline: y,
            size: s,
            seq,
            line: seq,
        }
    }

    #[test]
    fn a_headline_and_its_fake_bold_copy_astride_a_rows_edge_are_one_line() {
        // A 33-px headline of one column, and level with it in the next a 50-px
        // headline whose baseline lies just within a third of 50 px below: it joins
        // the smaller one's row, its copy 0.4 px lower does not.
        let mut g = run("配置主机", 0.0, 336.7, 33.3, 0);
        g.extend(run("为什么", 300.0, 353.3, 50.0, 10));
        g.extend(run("为什么", 300.8, 353.7, 50.0, 20));
        let lines = assemble(g);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert!(texts.contains(&"为为什什么么"), "{texts:?}");
        assert_eq!(texts.len(), 2, "{texts:?}");
    }

    #[test]
    fn a_caption_level_with_body_rows_does_not_hide_their_gutter() {
        // Two columns one em apart, five rows; level with the third row, right of
        // both, a fake-bold caption of smaller type (its glyphs drawn twice outnumber
        // the row's body glyphs) at a baseline 3 px lower.
        let mut g = Vec::new();
        for k in 0..5 {
            let y = 20.0 + 30.0 * k as f32;
            g.extend(run("左栏正文字", 0.0, y, 20.0, 100 * k));
            g.extend(run("右栏正文字", 120.0, y, 20.0, 100 * k + 10));
        }
        g.extend(run("图为社区一角。", 260.0, 83.0, 16.0, 1000));
        g.extend(run("图为社区一角。", 260.4, 83.0, 16.0, 1100));
        let lines = assemble(g);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts.iter().filter(|t| **t == "左栏正文字").count(),
            5,
            "{texts:?}"
        );
    }

    #[test]
    fn a_line_broken_after_a_space_parts_from_the_next_column() {
        // Columns 0..100 and 120..220 (one em apart), five rows. In the middle row the
        // left line ends in narrow Latin letters and a space flush with the column's
        // edge: its ink ends 1.35 em before the next column, and the rows around it
        // end at the edge, inside that white.
        let mut g = Vec::new();
        for k in 0..5 {
            let y = 20.0 + 30.0 * k as f32;
            if k != 2 {
                g.extend(run("左栏正文字", 0.0, y, 20.0, 100 * k));
            }
            g.extend(run("右栏正文字", 120.0, y, 20.0, 100 * k + 10));
        }
        g.extend(run("若干若", 0.0, 80.0, 20.0, 500));
        g.push(glyph("a", 62.0, 73.0, 80.0, 20.0, 503));
        g.push(glyph("t", 76.0, 93.0, 80.0, 20.0, 504));
        g.push(glyph(" ", 95.0, 100.0, 80.0, 20.0, 505));
        let lines = assemble(g);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert!(texts.contains(&"若干若at"), "{texts:?}");
        assert_eq!(
            texts.iter().filter(|t| **t == "右栏正文字").count(),
            5,
            "{texts:?}"
        );
    }

    #[test]
    fn an_ocr_words_trailing_space_is_no_gutter() {
        // Tesseract's text layer: each word a glyph or two and a space, the next word
        // 0.8 em past the word's ink but only 0.35 em past its space. The rows around
        // leave that stretch white by chance.
        let mut g = Vec::new();
        for k in 0..5 {
            let y = 20.0 + 30.0 * k as f32;
            g.extend(run("正文", 0.0, y, 20.0, 100 * k));
            g.push(glyph(" ", 40.0, 49.0, y, 20.0, 100 * k + 2));
            g.extend(run("字", 56.0, y, 20.0, 100 * k + 3));
        }
        let lines = assemble(g);
        assert_eq!(
            lines.len(),
            5,
            "{:?}",
            lines.iter().map(|l| &l.text).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_column_opening_with_a_photo_is_no_articles_top() {
        // Three columns two ems apart. A headline over the first column; the second
        // opens with a photo; under all of it the next article's headline stands in
        // the second column over its three columns. Read article by article.
        let mut g = run("标题", 0.0, 40.0, 40.0, 0);
        let mut seq = 10;
        let mut body = |g: &mut Vec<Glyph>, text: &str, x: f32, y: f32| {
            g.extend(run(text, x, y, 20.0, seq));
            seq += 10;
        };
        for (k, t) in ["甲一行正文", "甲二行正文", "甲三行正文"]
            .iter()
            .enumerate()
        {
            body(&mut g, t, 0.0, 100.0 + 30.0 * k as f32);
        }
        for (k, t) in ["乙一行正文", "乙二行正文"].iter().enumerate() {
            body(&mut g, t, 140.0, 200.0 + 30.0 * k as f32);
        }
        for k in 0..6 {
            body(&mut g, "丙栏行正文", 280.0, 100.0 + 30.0 * k as f32);
        }
        g.extend(run("次题", 150.0, 320.0, 40.0, 500));
        for (k, x) in [0.0, 140.0, 280.0].iter().enumerate() {
            body(
                &mut g,
                ["丁左栏正文", "丁中栏正文", "丁右栏正文"][k],
                *x,
                370.0,
            );
        }
        let photo = BBox::new(140.0, 80.0, 240.0, 170.0);
        let lines = assemble_with_images(g, &[photo]);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "标题",
                "甲一行正文",
                "甲二行正文",
                "甲三行正文",
                "乙一行正文",
                "乙二行正文",
                "丙栏行正文",
                "丙栏行正文",
                "丙栏行正文",
                "丙栏行正文",
                "丙栏行正文",
                "丙栏行正文",
                "次题",
                "丁左栏正文",
                "丁中栏正文",
                "丁右栏正文"
            ]
        );
    }

    #[test]
    fn headlines_side_by_side_part_over_their_articles_gutter() {
        // Two articles side by side, columns one em apart (0..180, 200..380), their
        // rows at baselines of their own; their headlines level, 1.25 ems of
        // their size apart (less than white that parts a row).
        let page = |right_head: Vec<Glyph>| {
            let mut g = run("左边标题", 10.0, 50.0, 40.0, 0);
            g.extend(right_head);
            for k in 0..4 {
                let y = 100.0 + 30.0 * k as f32;
                g.extend(run("左栏的正文九个字", 0.0, y, 20.0, 100 + 20 * k));
                g.extend(run("右栏的正文九个字", 200.0, y + 15.0, 20.0, 110 + 20 * k));
            }
            assemble(g)
        };
        let lines = page(run("右题", 220.0, 50.0, 40.0, 10));
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert!(texts.contains(&"左边标题"), "{texts:?}");
        assert!(texts.contains(&"右题"), "{texts:?}");
        // One headline over both columns, its words parted by a space drawn over
        // the gutter: one line.
        let mut spaced = vec![glyph(" ", 170.0, 220.0, 50.0, 40.0, 9)];
        spaced.extend(run("右题", 220.0, 50.0, 40.0, 10));
        let lines = page(spaced);
        assert_eq!(lines[0].text, "左边标题 右题");
        // The right headline a size smaller (one type to the row) and drawn twice
        // (fake bold), so the row's median is its size: the white between them is
        // measured against the larger type, as the row is split.
        let mut bold = run("右边的标题", 226.0, 50.0, 36.0, 10);
        bold.extend(run("右边的标题", 227.0, 50.0, 36.0, 30));
        let lines = page(bold);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert!(texts.contains(&"左边标题"), "{texts:?}");
    }

    #[test]
    fn a_short_last_line_level_with_the_next_column_parts_at_the_gutter() {
        // Two columns one em apart (20..200, 220..400) at the same baselines; the left
        // paragraph's last line ends 1.4 ems short of the gutter's far side. The
        // rows around write into that white up to their column's edge, but leave
        // the gutter white: it parts the row.
        let mut g = Vec::new();
        for k in 0..6 {
            let y = 100.0 + 30.0 * k as f32;
            let left = if k == 3 {
                "短行九个字到此止"
            } else {
                "左栏的正文共十个字"
            };
            let x = if k == 3 { 32.0 } else { 20.0 };
            g.extend(run(left, x, y, 20.0, 100 * k));
            g.extend(run("右栏的正文共十个字", 220.0, y, 20.0, 100 * k + 50));
        }
        // Drawn glyph by glyph (no producer's lines to go by).
        for glyph in &mut g {
            glyph.line = glyph.seq;
        }
        let texts: Vec<String> = assemble(g).into_iter().map(|l| l.text).collect();
        assert!(texts.iter().any(|t| t == "短行九个字到此止"), "{texts:?}");
        assert_eq!(
            texts.iter().filter(|t| *t == "右栏的正文共十个字").count(),
            6,
            "{texts:?}"
        );
    }

    #[test]
    fn a_first_line_over_a_photo_parts_at_the_columns_edges() {
        // Two columns one em apart (20..200, 220..400). The right column's first
        // line stands level with the left's, then a photo, then its text at
        // baselines of its own: no other row has ink on both sides of the gutter,
        // but the lines around end at its left edge and start at its right one.
        let mut g = Vec::new();
        for k in 0..12 {
            g.extend(run(
                "左栏的正文共十个字",
                20.0,
                100.0 + 30.0 * k as f32,
                20.0,
                100 * k,
            ));
        }
        g.extend(run("右栏首行也是九个字", 220.0, 100.0, 20.0, 5000));
        for k in 0..4 {
            let y = 100.0 + 30.0 * (6 + k) as f32 + 14.0;
            g.extend(run("右栏的正文共十个字", 220.0, y, 20.0, 6000 + 100 * k));
        }
        for glyph in &mut g {
            glyph.line = glyph.seq;
        }
        let texts: Vec<String> = assemble(g).into_iter().map(|l| l.text).collect();
        assert!(texts.iter().any(|t| t == "右栏首行也是九个字"), "{texts:?}");
    }

    #[test]
    fn a_tall_headline_beside_a_shorter_one_parts_from_it() {
        // A headline of five lines in the left column (0..180, 40-unit type), and
        // level with its first line another headline (36-unit type) over the two
        // right columns (200..380, 400..580), its byline and body under it. Under the
        // tall headline stand only its own lines for a while.
        let mut g = Vec::new();
        for (k, t) in ["左边高标", "第二行题", "第三行题", "第四行题", "末行"]
            .iter()
            .enumerate()
        {
            g.extend(run(t, 0.0, 50.0 + 50.0 * k as f32, 40.0, 100 * k));
        }
        g.extend(run("右边的两栏标题", 218.0, 50.0, 36.0, 1000));
        g.extend(run("记者王晨", 200.0, 95.0, 18.0, 1100));
        for k in 0..8 {
            let y = 130.0 + 30.0 * k as f32;
            g.extend(run("右栏的正文九个字", 200.0, y, 20.0, 2000 + 100 * k));
            g.extend(run("右栏的正文九个字", 400.0, y, 20.0, 2050 + 100 * k));
        }
        for k in 0..6 {
            g.extend(run(
                "左栏的正文九个字",
                0.0,
                320.0 + 30.0 * k as f32 + 7.0,
                20.0,
                5000 + 100 * k,
            ));
        }
        let texts: Vec<String> = assemble(g).into_iter().map(|l| l.text).collect();
        assert!(texts.iter().any(|t| t == "左边高标"), "{texts:?}");
        assert!(texts.iter().any(|t| t == "右边的两栏标题"), "{texts:?}");
    }

    #[test]
    fn a_fake_bold_copy_a_hair_lower_stays_on_its_line() {
        // Two columns (20..200, 220..400); the left column's line sits 6 units
        // higher than the right's (a third of the size is 6.67). The right line's
        // last glyphs are drawn twice, the copy 0.8 lower: inside a third of a size
        // of its own line, just outside it of the row's first baseline.
        let mut g = run("左栏的正文共九个", 20.0, 100.0, 20.0, 0);
        g.extend(run("右栏是未被加密。", 240.0, 106.0, 20.0, 100));
        let mut copy = run("被加密。", 320.5, 106.8, 20.0, 200);
        for glyph in &mut copy {
            glyph.line = 200;
        }
        g.extend(copy);
        let lines = assemble(g);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert!(
            !texts.contains(&"被加密。"),
            "the copy is a line of its own: {texts:?}"
        );
        assert!(
            texts.iter().any(|t| t.starts_with("右栏是未被被")),
            "the copy beside its glyphs, as a ghost: {texts:?}"
        );
    }
}
