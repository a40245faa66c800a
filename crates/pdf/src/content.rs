//! Walking a page's content stream: the text state machine of the PDF spec (text
//! and line matrices, font and spacing, the graphics state stack, form XObjects)
//! turned into glyphs placed on the rendered page image.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::PdfError;
use crate::font::{Font, deref, get, stream_bytes};

/// One drawn glyph, in page pixels (y down).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub text: String,
    /// The glyph's em box: advance wide, ascent to descent high.
    pub bbox: jiaodui_core::page::BBox,
    /// Where its baseline is (y of the origin).
    pub baseline: f32,
    /// Font size in pixels.
    pub size: f32,
    /// Its place in drawing order on the page.
    pub seq: usize,
    /// The text line the producer wrote it in: a new one at each text object and
    /// each move of the line start off its baseline (`Tm`, `T*`, `Td` down). An
    /// OCR engine writes each line it found as one (Tesseract: a word per `Td`
    /// along the line); layout software may write a glyph or a run per line.
    pub line: usize,
}

/// An affine matrix `[a b c d e f]` as PDF writes it (row vectors: `p' = p × M`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix([f32; 6]);

impl Matrix {
    pub const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    pub fn new(m: [f32; 6]) -> Matrix {
        Matrix(m)
    }

    /// `self` then `o`.
    pub fn then(&self, o: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [p, q, r, s, t, u] = o.0;
        Matrix([
            a * p + b * r,
            a * q + b * s,
            c * p + d * r,
            c * q + d * s,
            e * p + f * r + t,
            e * q + f * s + u,
        ])
    }

    pub fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    fn translate(x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }
}

/// Bounds on what one page may make the walk do, so a hostile PDF (forms drawing
/// themselves, billions of operators) costs a bounded time.
const MAX_FORM_DEPTH: usize = 12;
const MAX_OPERATIONS: usize = 5_000_000;
const MAX_GLYPHS: usize = 500_000;
const MAX_IMAGES: usize = 10_000;

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_space: f32,
    word_space: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

/// Reads the glyphs of one page. `to_pixels` maps default user space to the
/// rendered image; `page` (1-based) names the page in errors.
pub struct Walker<'a> {
    doc: &'a Document,
    to_pixels: Matrix,
    page: usize,
    fonts: HashMap<ObjectId, Rc<Font>>,
    operations: usize,
    /// The current producer's text line ([`Glyph::line`]).
    text_line: usize,
    pub glyphs: Vec<Glyph>,
    /// Where images are drawn (photos): page content the reading order must not
    /// cut through, as it would through white.
    pub images: Vec<jiaodui_core::page::BBox>,
}

impl<'a> Walker<'a> {
    pub fn new(doc: &'a Document, to_pixels: Matrix, page: usize) -> Walker<'a> {
        Walker {
            doc,
            to_pixels,
            page,
            fonts: HashMap::new(),
            operations: 0,
            text_line: 0,
            glyphs: Vec::new(),
            images: Vec::new(),
        }
    }

    /// Walks content (already joined and decoded) drawn with `resources`.
    pub fn run(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
    ) -> Result<(), PdfError> {
        let state = State {
            ctm: Matrix::IDENTITY,
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        self.walk(content, resources, state, 0)
    }

    fn walk(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        mut gs: State,
        depth: usize,
    ) -> Result<(), PdfError> {
        let ops = Content::decode(content).map_err(|e| PdfError::Content {
            page: self.page,
            reason: e.to_string(),
        })?;
        let mut stack: Vec<State> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        for op in &ops.operations {
            self.operations += 1;
            if self.operations > MAX_OPERATIONS || self.glyphs.len() > MAX_GLYPHS {
                return Ok(());
            }
            let args = &op.operands;
            let num = |i: usize| {
                args.get(i)
                    .and_then(|o| o.as_float().ok())
                    .filter(|v| v.is_finite())
            };
            let nums = |n: usize| -> Option<Vec<f32>> { (0..n).map(num).collect() };
            match op.operator.as_str() {
                // A bounded stack: a hostile stream of `q`s costs no memory.
                "q" if stack.len() < 256 => stack.push(gs.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "cm" => {
                    if let Some(m) = nums(6) {
                        gs.ctm = Matrix::new([m[0], m[1], m[2], m[3], m[4], m[5]]).then(&gs.ctm);
                    }
                }
                "BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                    self.text_line += 1;
                }
                "Tf" => {
                    gs.font = args
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|n| self.font(resources, n));
                    gs.size = num(1).unwrap_or(0.0);
                }
                "Tc" => gs.char_space = num(0).unwrap_or(0.0),
                "Tw" => gs.word_space = num(0).unwrap_or(0.0),
                "Tz" => gs.scale = num(0).unwrap_or(100.0) / 100.0,
                "TL" => gs.leading = num(0).unwrap_or(0.0),
                "Ts" => gs.rise = num(0).unwrap_or(0.0),
                "Td" | "TD" => {
                    if let Some(m) = nums(2) {
                        if op.operator == "TD" {
                            gs.leading = -m[1];
                        }
                        if m[1] != 0.0 {
                            self.text_line += 1;
                        }
                        tlm = Matrix::translate(m[0], m[1]).then(&tlm);
                        tm = tlm;
                    }
                }
                "Tm" => {
                    if let Some(m) = nums(6) {
                        tlm = Matrix::new([m[0], m[1], m[2], m[3], m[4], m[5]]);
                        tm = tlm;
                        self.text_line += 1;
                    }
                }
                "T*" => {
                    self.text_line += 1;
                    tlm = Matrix::translate(0.0, -gs.leading).then(&tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator == "\"" {
                        gs.word_space = num(0).unwrap_or(gs.word_space);
                        gs.char_space = num(1).unwrap_or(gs.char_space);
                    }
                    if op.operator == "'" || op.operator == "\"" {
                        self.text_line += 1;
                        tlm = Matrix::translate(0.0, -gs.leading).then(&tlm);
                        tm = tlm;
                    }
                    for item in args {
                        match item {
                            Object::String(bytes, _) => self.show(bytes, &gs, &mut tm),
                            Object::Array(parts) => {
                                for p in parts {
                                    match p {
                                        Object::String(bytes, _) => self.show(bytes, &gs, &mut tm),
                                        _ => {
                                            if let Ok(n) = p.as_float().map(|n| n.clamp(-1e5, 1e5))
                                            {
                                                let tx = -n / 1000.0 * gs.size * gs.scale;
                                                tm = Matrix::translate(tx, 0.0).then(&tm);
                                            }
                                        }
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                "Do" if depth < MAX_FORM_DEPTH => {
                    if let Some(name) = args.first().and_then(|o| o.as_name().ok()) {
                        self.form(resources, name, &gs, depth)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Draws a form XObject: its content under its matrix, with its resources (or
    /// the caller's when it has none).
    fn form(
        &mut self,
        resources: Option<&'a Dictionary>,
        name: &[u8],
        gs: &State,
        depth: usize,
    ) -> Result<(), PdfError> {
        let doc = self.doc;
        let Some(stream) = resources
            .and_then(|r| get(doc, r, b"XObject"))
            .and_then(|o| o.as_dict().ok())
            .and_then(|x| get(doc, x, name))
            .and_then(|o| o.as_stream().ok())
        else {
            return Ok(());
        };
        let subtype = get(doc, &stream.dict, b"Subtype").and_then(|o| o.as_name().ok());
        if subtype == Some(b"Image") {
            // An image fills the unit square of its matrix.
            let m = gs.ctm.then(&self.to_pixels);
            let corners =
                [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)].map(|(x, y)| m.apply(x, y));
            if let Some(b) = jiaodui_core::page::BBox::from_points(corners) {
                if self.images.len() < MAX_IMAGES {
                    self.images.push(b);
                }
            }
            return Ok(());
        }
        if subtype != Some(b"Form") {
            return Ok(());
        }
        let Some(content) = stream_bytes(stream) else {
            return Ok(());
        };
        let mut inner = gs.clone();
        if let Some(m) = get(doc, &stream.dict, b"Matrix")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| {
                a.iter()
                    .map(|o| deref(doc, o).as_float().ok())
                    .collect::<Option<Vec<f32>>>()
            })
            .filter(|m| m.len() == 6)
        {
            inner.ctm = Matrix::new([m[0], m[1], m[2], m[3], m[4], m[5]]).then(&gs.ctm);
        }
        let form_resources = get(doc, &stream.dict, b"Resources")
            .and_then(|o| o.as_dict().ok())
            .or(resources);
        self.walk(&content, form_resources, inner, depth + 1)
    }

    /// The font a resource name stands for, read once per font object.
    fn font(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let doc = self.doc;
        let fonts = resources
            .and_then(|r| get(doc, r, b"Font"))
            .and_then(|o| o.as_dict().ok())?;
        let entry = fonts.get(name).ok()?;
        if let Object::Reference(id) = entry {
            if let Some(f) = self.fonts.get(id) {
                return Some(f.clone());
            }
            let f = Rc::new(Font::new(doc, deref(doc, entry).as_dict().ok()?));
            self.fonts.insert(*id, f.clone());
            return Some(f);
        }
        Some(Rc::new(Font::new(doc, deref(doc, entry).as_dict().ok()?)))
    }

    /// Places the glyphs of one shown string and advances the text matrix.
    fn show(&mut self, bytes: &[u8], gs: &State, tm: &mut Matrix) {
        let Some(font) = gs.font.clone() else {
            return;
        };
        for code in font.decode(bytes) {
            let text_space = Matrix::new([gs.size * gs.scale, 0.0, 0.0, gs.size, 0.0, gs.rise]);
            let to_page = tm.then(&gs.ctm).then(&self.to_pixels);
            let trm = text_space.then(&to_page);
            let corners = [
                trm.apply(0.0, font.descent),
                trm.apply(code.width, font.descent),
                trm.apply(0.0, font.ascent),
                trm.apply(code.width, font.ascent),
            ];
            let bbox = jiaodui_core::page::BBox::from_points(corners);
            let origin = trm.apply(0.0, 0.0);
            let [_, _, c, d, _, _] = to_page.0;
            let size = gs.size.abs() * c.hypot(d);
            if let Some(bbox) =
                bbox.filter(|_| size.is_finite() && size > 0.0 && origin.1.is_finite())
            {
                self.glyphs.push(Glyph {
                    text: code.text,
                    bbox,
                    baseline: origin.1,
                    size,
                    seq: self.glyphs.len(),
                    line: self.text_line,
                });
            }
            let spacing = gs.char_space + if code.word_space { gs.word_space } else { 0.0 };
            let tx = (code.width * gs.size + spacing) * gs.scale;
            *tm = Matrix::translate(tx, 0.0).then(tm);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_in_pdf_order() {
        let scale = Matrix::new([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]);
        let shift = Matrix::translate(10.0, 5.0);
        // Scale first, then shift.
        assert_eq!(scale.then(&shift).apply(1.0, 1.0), (12.0, 7.0));
        assert_eq!(shift.then(&scale).apply(1.0, 1.0), (22.0, 12.0));
    }
}
