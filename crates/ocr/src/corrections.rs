//! The corrected text of every line and piece, from an edit of the document text.

use jiaodui_core::page::{Geometry, OcrDocument};

/// A line's corrected text and its pieces' (same order as the source's pieces).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineText {
    pub text: String,
    pub pieces: Vec<String>,
}

/// The corrected text of a whole document: `pages[p][l]` for page `p`, source line
/// `l` (the indices of [`OcrDocument`], not the reading order). What
/// [`write_back`](crate::write_back) writes; build it with [`Corrections::from_edit`]
/// from an edited document text, or start from [`Corrections::unchanged`] and set
/// texts directly.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Corrections {
    pub pages: Vec<Vec<LineText>>,
}

impl Corrections {
    /// Every line and piece as read: writing this back gives the file unchanged.
    pub fn unchanged(doc: &OcrDocument) -> Corrections {
        Corrections {
            pages: doc
                .pages
                .iter()
                .map(|p| {
                    p.lines
                        .iter()
                        .map(|l| LineText {
                            text: l.text.clone(),
                            pieces: l
                                .pieces
                                .iter()
                                .map(|pc| {
                                    l.text.get(pc.range_bytes.clone()).unwrap_or("").to_owned()
                                })
                                .collect(),
                        })
                        .collect()
                })
                .collect(),
        }
    }

    /// The corrections an edit of the document text makes: `old_text` and
    /// `geometry` are what [`OcrDocument::to_text`] gave for `doc`, `new_text` the
    /// edited text, and `map` takes a byte offset in `old_text` to where it went in
    /// `new_text` (a diff's position map; it need not be exact at an edit's
    /// edges — positions are clamped to be increasing and on character boundaries).
    ///
    /// Each line gets the new text between where its start and end went; each piece
    /// the text from where its start went to where the next piece's start went
    /// (the last to where the line's end went), whitespace trimmed: the spaces
    /// between words belong to no word, and text typed at a word boundary goes to
    /// the word the map puts it in. Text typed at the start or end of a line stays
    /// in that line whichever way the map leans at the edge. Joining two lines removes only the line break between
    /// them, which is in no line, so both keep their text; text typed into a blank
    /// line between blocks belongs to no line and is not written back.
    pub fn from_edit(
        doc: &OcrDocument,
        old_text: &str,
        geometry: &Geometry,
        new_text: &str,
        map: impl Fn(usize) -> usize,
    ) -> Corrections {
        let mut out = Corrections::unchanged(doc);
        let snap = |x: usize| {
            let mut x = x.min(new_text.len());
            while !new_text.is_char_boundary(x) {
                x -= 1;
            }
            x
        };
        let mut line_start = 0usize;
        let mut floor = 0usize;
        for (t, old_line) in old_text.split('\n').enumerate() {
            let start = line_start;
            line_start += old_line.len() + 1;
            let Some(Some((p, l))) = geometry.origins.get(t) else {
                continue;
            };
            let (Some(line), Some(slot)) = (
                doc.pages.get(*p).and_then(|pg| pg.lines.get(*l)),
                out.pages.get_mut(*p).and_then(|pg| pg.get_mut(*l)),
            ) else {
                continue;
            };
            let end = start + line.text.len().min(old_line.len());
            // Text typed at a line's edge is the line's whichever side of it the
            // map puts the edge: the line reaches back to the line break before it
            // (or to where the line before ended, when the break was removed) and
            // on to the line break after it, if that comes before the next line.
            let a0 = snap(map(start)).max(floor);
            let a = floor + new_text[floor..a0].rfind('\n').map_or(0, |i| i + 1);
            let b0 = snap(map(end)).max(a);
            let limit = snap(map(line_start)).max(b0);
            let b = b0 + new_text[b0..limit].find('\n').unwrap_or(0);
            floor = b;
            slot.text = clean(&new_text[a..b]).into_owned();
            let mut bounds: Vec<usize> = Vec::with_capacity(line.pieces.len() + 1);
            for (k, pc) in line.pieces.iter().enumerate() {
                let at = if k == 0 {
                    a
                } else {
                    snap(map(start + pc.range_bytes.start)).clamp(a, b)
                };
                bounds.push(at.max(bounds.last().copied().unwrap_or(a)));
            }
            bounds.push(b);
            for (k, pc) in line.pieces.iter().enumerate() {
                let new = clean(&new_text[bounds[k]..bounds[k + 1]]);
                let old = line.text.get(pc.range_bytes.clone()).unwrap_or("");
                slot.pieces[k] = if new.trim() == old.trim() {
                    old.to_owned()
                } else {
                    new.trim().to_owned()
                };
            }
        }
        out
    }
}

/// Text without line breaks (a break typed into a line cannot be written into one
/// element; the line's text carries on).
fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\n', '\r']) {
        s.replace(['\n', '\r'], "").into()
    } else {
        s.into()
    }
}
