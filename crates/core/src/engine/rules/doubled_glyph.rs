//! `doubled-glyph`: bold print that OCR read twice.
//!
//! Two shapes occur. A fake-bold headline doubles every glyph (`基基本本规规定定`).
//! A bold caption doubles digits, Latin letters and punctuation but not Han
//! (`88 月 2266日，，…““创文””知识。。`). Chinese doubles on purpose too (整整齐齐,
//! 人人, ……, 88项, 1400, 智玮玮), so nothing is decided from one pair: a line is
//! fake-bold only if *every* glyph pairs up, and digits are undoubled only in a
//! line that doubled punctuation proves ghosted. A lone `，，` or `。。` (never
//! correct Chinese) is reported on its own.

use crate::edit::{Edit, Edits};
use crate::engine::rule::{Colour, RuleInfo, Text};
use crate::engine::{Context, Finding, Message, RuleId, Severity};
use crate::text::chars::{is_han, is_hspace, is_never_doubled as never_doubled};

/// Punctuation written as a pair in correct text (`……`, `——`): ghosted, it comes out four.
fn written_in_pairs(c: char) -> bool {
    matches!(c, '…' | '—')
}

struct Run {
    start: usize,
    ch: char,
    len: usize,
    end: usize,
}

/// Runs of identical characters within `s` (offsets absolute, from `base`).
///
/// With `relevant_only`, only the runs the caption test looks at are kept
/// (letters, digits and punctuation); each stretch of other runs between them
/// becomes one [`GAP`] run, so adjacency (what forms a number) is preserved while a
/// line of mostly Han — or a whole book on one line — stays a short list.
fn runs(s: &str, base: usize, relevant_only: bool) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut current: Option<Run> = None;
    // Start of a stretch of ignored characters not yet marked in `out`.
    let mut gap: Option<usize> = None;
    for (i, c) in s.char_indices() {
        let at = base + i;
        if relevant_only && !relevant(c) {
            out.extend(current.take());
            gap.get_or_insert(at);
            continue;
        }
        match current.as_mut() {
            Some(r) if r.ch == c => {
                r.len += 1;
                r.end = at + c.len_utf8();
            }
            _ => {
                out.extend(current.take());
                if let Some(g) = gap.take() {
                    out.push(Run {
                        start: g,
                        ch: GAP,
                        len: 1,
                        end: at,
                    });
                }
                current = Some(Run {
                    start: at,
                    ch: c,
                    len: 1,
                    end: at + c.len_utf8(),
                });
            }
        }
    }
    out.extend(current);
    out
}

/// Stands for a stretch of runs the caption test ignores (never a glyph of text).
const GAP: char = '\u{FFFF}';

fn relevant(c: char) -> bool {
    c.is_ascii_alphanumeric() || never_doubled(c) || written_in_pairs(c)
}

/// What one cheap pass over a line tells: whether every glyph could pair up
/// (a fake-bold line), and whether a never-doubled mark comes doubled.
fn survey(s: &str) -> (bool, bool) {
    let mut all_paired = true;
    let mut doubled_mark = false;
    let mut prev: Option<char> = None;
    let mut len = 0usize;
    let close = |c: char, len: usize, all_paired: &mut bool, doubled_mark: &mut bool| {
        if !is_hspace(c) && len % 2 != 0 && !single_punct(c, len) {
            *all_paired = false;
        }
        *doubled_mark |= never_doubled(c) && len == 2;
    };
    for c in s.chars() {
        if prev == Some(c) {
            len += 1;
            continue;
        }
        if let Some(p) = prev {
            close(p, len, &mut all_paired, &mut doubled_mark);
        }
        prev = Some(c);
        len = 1;
    }
    if let Some(p) = prev {
        close(p, len, &mut all_paired, &mut doubled_mark);
    }
    (all_paired, doubled_mark)
}

/// A mark OCR may read once in a fake-bold line.
fn single_punct(c: char, len: usize) -> bool {
    len == 1 && (never_doubled(c) || matches!(c, '？' | '！'))
}

/// The registry entry (see `engine/rule.rs`).
pub const RULE: RuleInfo = RuleInfo {
    id: "doubled-glyph",
    name: Text {
        en: "Doubled glyph",
        zh: "重影字",
    },
    description: Text {
        en: "bold print read twice: `88 月 2266日，，` → `8 月 26日，`, `基基本本规规定定` → `基本规定`; intentional doubles (整整齐齐, 人人, ……, 88项, 1400) are left alone",
        zh: "粗体被识别了两遍：`88 月 2266日，，` → `8 月 26日，`，`基基本本规规定定` → `基本规定`；有意的叠字（整整齐齐、人人、……、88项、1400）不动",
    },
    example: ("88 月 2266日，，", "8 月 26日，"),
    default_severity: Severity::Error,
    priority: 10,
    colour: Colour {
        light: [210, 30, 60],
        dark: [255, 105, 120],
    },
    in_fix: true,
    check,
};

/// Deletes the second half of a run (keeps `keep` characters).
fn shrink(run: &Run, keep: usize) -> Edit {
    let w = run.ch.len_utf8();
    Edit::delete(run.start + keep * w..run.end)
}

pub fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, line) in ctx.layout.lines.iter().enumerate() {
        if line.is_blank() {
            continue;
        }
        // With every glyph's position known (a PDF's text layer), geometry decides:
        // a ghost sits where its original is; a correct double (整整, 88) a full
        // advance further on. The text's guesses are not needed then.
        if let Some(decided) = ctx
            .geometry
            .and_then(|g| g.lines.get(i))
            .and_then(|g| g.as_ref())
            .and_then(|g| ghosts_by_position(ctx.text, g, line.content.clone()))
        {
            out.extend(decided);
            continue;
        }
        // Only a line that could be fake bold, or has a mark repeated, can make a
        // finding: both the line scan settles without reading the line again.
        if !line.could_be_fake_bold() && !line.repeats_mark {
            continue;
        }
        let s = &ctx.text[line.content.clone()];
        let (all_paired, doubled_mark) = survey(s);
        if all_paired {
            let runs = runs(s, line.content.start, false);
            if let Some(f) = fake_bold_line(&runs, line.content.clone()) {
                out.push(f);
            } else if let Some(f) = ghosted_line(&runs, line.content.clone()) {
                out.push(f);
            } else {
                out.extend(lone_doubles(&runs));
            }
        } else if doubled_mark {
            // Not fake bold; only a doubled mark can make a finding here.
            let runs = runs(s, line.content.start, true);
            if let Some(f) = ghosted_line(&runs, line.content.clone()) {
                out.push(f);
            } else {
                out.extend(lone_doubles(&runs));
            }
        }
    }
    out
}

/// Ghosts proven by position: among a line's glyphs (each piece one glyph, with a
/// box), one equal to the glyph before it and overlapping it by more than half its
/// size in both directions is that glyph drawn again. `None` when the line's pieces
/// are not single glyphs with boxes (OCR words): the text cues decide then.
fn ghosts_by_position(
    text: &str,
    g: &crate::page::LineGeometry,
    span: std::ops::Range<usize>,
) -> Option<Option<Finding>> {
    let pieces = &g.pieces;
    let glyph = |p: &crate::page::PieceBox| {
        let t = text.get(p.range_bytes.clone())?;
        let mut cs = t.chars();
        let c = cs.next()?;
        (cs.next().is_none()).then_some((c, p.bbox?))
    };
    if pieces.len() < 2 || pieces.iter().any(|p| glyph(p).is_none()) {
        return None;
    }
    let overlaps = |a: &crate::page::BBox, b: &crate::page::BBox| {
        let ox = a.x1.min(b.x1) - a.x0.max(b.x0);
        let oy = a.y1.min(b.y1) - a.y0.max(b.y0);
        ox > 0.5 * a.width().min(b.width()).max(0.1)
            && oy > 0.5 * a.height().min(b.height()).max(0.1)
    };
    let em = g.glyph_size.max(1.0);
    // A ghost starts where its glyph does (bold print offsets it by a fraction of a
    // point). An OCR engine's box that spans two glyphs (`石某某`, the first `某`'s
    // box taking in the second) overlaps the next glyph's box an em further on.
    let same_place = |a: &crate::page::BBox, b: &crate::page::BBox| {
        (a.x0 - b.x0).abs() <= 0.5 * em && (a.y0 - b.y0).abs() <= 0.5 * em
    };
    let mut edits = Edits::new();
    let mut offset: f32 = 0.0;
    let mut kept = glyph(&pieces[0])?;
    for p in &pieces[1..] {
        let this = glyph(p)?;
        if this.0 == kept.0
            && !this.0.is_whitespace()
            && overlaps(&kept.1, &this.1)
            && same_place(&kept.1, &this.1)
        {
            edits.push(Edit::delete(p.range_bytes.clone()));
            offset = offset.max(
                (this.1.x0 - kept.1.x0)
                    .abs()
                    .max((this.1.y0 - kept.1.y0).abs()),
            );
        } else {
            kept = this;
        }
    }
    if edits.is_empty() {
        return Some(None);
    }
    let mut undoubled = String::with_capacity(span.len());
    let mut at = span.start;
    for e in &edits {
        undoubled.push_str(text.get(at..e.range_bytes.start)?);
        at = e.range_bytes.end;
    }
    undoubled.push_str(text.get(at..span.end)?);
    let count = edits.len();
    Some(Some(Finding::new(
        RuleId::DoubledGlyph,
        span,
        edits,
        Message::GhostAtSamePlace {
            count,
            text: undoubled,
            offset_percent_em: ((offset / em) * 100.0).round().min(999.0) as u16,
        },
    )))
}

/// Every glyph of the line comes in a pair (spaces may sit between pairs), save
/// perhaps single punctuation marks — OCR sometimes reads those once. With single
/// marks present the line must be longer, so that a run of reduplicated words
/// (`整整齐齐、干干净净`) never qualifies.
fn fake_bold_line(runs: &[Run], span: std::ops::Range<usize>) -> Option<Finding> {
    let glyph_runs: Vec<&Run> = runs.iter().filter(|r| !is_hspace(r.ch)).collect();
    if glyph_runs
        .iter()
        .any(|r| r.len % 2 != 0 && !single_punct(r.ch, r.len))
    {
        return None;
    }
    let pairs: usize = glyph_runs.iter().map(|r| r.len / 2).sum();
    let has_single = glyph_runs.iter().any(|r| r.len == 1);
    if pairs < if has_single { 5 } else { 3 } {
        return None;
    }
    // `整整齐齐、干干净净、漂漂亮亮`: marks separating AABB words, each of two runs.
    if has_single {
        let segments: Vec<&[&Run]> = glyph_runs
            .split(|r| r.len == 1)
            .filter(|g| !g.is_empty())
            .collect();
        if segments
            .iter()
            .all(|g| g.len() == 2 && g.iter().all(|r| r.len == 2))
        {
            return None;
        }
    }
    // Undoubled text must look like text: at least three different glyphs, some Han.
    let mut distinct: Vec<char> = glyph_runs
        .iter()
        .filter(|r| r.len >= 2)
        .map(|r| r.ch)
        .collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < 3 || !glyph_runs.iter().any(|r| is_han(r.ch)) {
        return None;
    }
    let undoubled: String = glyph_runs
        .iter()
        .map(|r| r.ch.to_string().repeat(r.len.div_ceil(2)))
        .collect();
    let edits: Edits = glyph_runs
        .iter()
        .filter(|r| r.len >= 2)
        .map(|r| shrink(r, r.len / 2))
        .collect();
    Some(Finding::new(
        RuleId::DoubledGlyph,
        span,
        edits,
        Message::FakeBoldLine { text: undoubled },
    ))
}

/// A bold caption: doubled punctuation proves the line ghosted; then fully paired
/// digit and letter runs and doubled punctuation are halved, Han left alone.
fn ghosted_line(runs: &[Run], span: std::ops::Range<usize>) -> Option<Finding> {
    let doubled_punct = runs
        .iter()
        .filter(|r| never_doubled(r.ch) && r.len == 2)
        .count();
    let paired_numbers = alnum_groups(runs)
        .iter()
        .filter(|g| g.paired && g.len >= 4)
        .count();
    if doubled_punct < 2 && !(doubled_punct == 1 && paired_numbers >= 1) {
        return None;
    }
    let mut edits = Vec::new();
    for group in alnum_groups(runs) {
        if group.paired {
            edits.extend(
                runs[group.runs.clone()]
                    .iter()
                    .map(|r| shrink(r, r.len / 2)),
            );
        }
    }
    for r in runs {
        if never_doubled(r.ch) && r.len % 2 == 0 {
            edits.push(shrink(r, r.len / 2));
        } else if written_in_pairs(r.ch) && r.len == 4 {
            edits.push(shrink(r, 2));
        }
    }
    edits.sort_by_key(|e| e.range_bytes.start);
    Some(Finding::new(
        RuleId::DoubledGlyph,
        span,
        edits,
        Message::GhostedCaption,
    ))
}

struct AlnumGroup {
    runs: std::ops::Range<usize>,
    len: usize,
    paired: bool,
}

/// Maximal sequences of ASCII letters/digits, and whether every glyph in them pairs up.
fn alnum_groups(runs: &[Run]) -> Vec<AlnumGroup> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        if !runs[i].ch.is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < runs.len() && runs[i].ch.is_ascii_alphanumeric() {
            i += 1;
        }
        let group = &runs[start..i];
        out.push(AlnumGroup {
            runs: start..i,
            len: group.iter().map(|r| r.len).sum(),
            paired: group.iter().all(|r| r.len % 2 == 0),
        });
    }
    out
}

/// `，，` `。。` in an otherwise clean line: reported one by one.
fn lone_doubles(runs: &[Run]) -> Vec<Finding> {
    runs.iter()
        .filter(|r| never_doubled(r.ch) && r.len == 2 && !matches!(r.ch, '（' | '）'))
        .map(|r| {
            Finding::one(
                RuleId::DoubledGlyph,
                r.start..r.end,
                shrink(r, 1),
                Message::DoubledMark { mark: r.ch },
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The short run list (letters, digits, marks and gaps) decides a caption
    /// exactly as the full one does.
    #[test]
    fn relevant_runs_decide_like_all_runs() {
        let lines = [
            "88 月 2266日，，开发区太昊路办事处在社区宣传““创文””知识。。",
            "截至2022年，，全区共有88项，1400人参与……",
            "LLEEDD 电子屏滚动播放，，标语“文明城市”。。",
            "整整齐齐、干干净净，，来来回回。",
            "第33期《《周口日报》》，，ab12cd",
            "——————，，1122",
        ];
        for line in lines {
            let all = runs(line, 7, false);
            let short = runs(line, 7, true);
            assert!(short.len() <= all.len());
            assert_eq!(
                ghosted_line(&all, 7..7 + line.len()),
                ghosted_line(&short, 7..7 + line.len()),
                "{line}"
            );
            assert_eq!(lone_doubles(&all), lone_doubles(&short), "{line}");
        }
    }

    #[test]
    fn survey_gates_the_expensive_paths() {
        assert_eq!(survey("基基本本规规定定"), (true, false));
        assert_eq!(survey("近日，，开发区"), (false, true));
        assert_eq!(survey("整整齐齐、干干净净"), (true, false));
        assert_eq!(survey("人人都说好"), (false, false));
    }

    /// A text layer's glyphs: `(glyph, x)` at 30 px per em, each box 28 px wide.
    fn drawn(glyphs: &[(char, f32)]) -> crate::page::OcrDocument {
        let boxes: Vec<(char, f32, f32)> = glyphs.iter().map(|&(c, x)| (c, x, 28.0)).collect();
        drawn_boxes(&boxes)
    }

    /// A text layer's glyphs: `(glyph, x, box width)` at 30 px per em.
    fn drawn_boxes(glyphs: &[(char, f32, f32)]) -> crate::page::OcrDocument {
        use crate::page::{BBox, OcrDocument, OcrLine, OcrPage, Piece};
        let mut line = OcrLine::default();
        for &(c, x, w) in glyphs {
            let start = line.text.len();
            line.text.push(c);
            line.pieces.push(Piece {
                range_bytes: start..line.text.len(),
                bbox: Some(BBox::new(x, 0.0, x + w, 30.0)),
                conf: None,
            });
        }
        line.bbox = Some(BBox::new(0.0, 0.0, 600.0, 30.0));
        line.font_size = Some(30.0);
        OcrDocument {
            pages: vec![OcrPage {
                lines: vec![line],
                ..OcrPage::default()
            }],
        }
    }

    #[test]
    fn ghosts_are_certain_from_positions_and_correct_doubles_are_not_touched() {
        // `8月26日，整整齐齐` in bold: 8, 2, 6 and ， each drawn twice 0.6 px apart;
        // 整整 and 齐齐 are a full advance apart.
        let doc = drawn(&[
            ('8', 0.0),
            ('8', 0.6),
            ('月', 30.0),
            ('2', 60.0),
            ('2', 60.6),
            ('6', 75.0),
            ('6', 75.6),
            ('日', 90.0),
            ('，', 120.0),
            ('，', 120.6),
            ('整', 150.0),
            ('整', 180.0),
            ('齐', 210.0),
            ('齐', 240.0),
        ]);
        let (text, geometry) = doc.to_text();
        assert_eq!(text, "88月2266日，，整整齐齐");
        let settings = crate::engine::Settings::only(&[RuleId::DoubledGlyph]);
        let found = crate::engine::analyze_with(&text, &settings, Some(&geometry)).findings;
        assert_eq!(found.len(), 1);
        assert!(matches!(
            found[0].message,
            Message::GhostAtSamePlace {
                count: 4,
                offset_percent_em: 2,
                ..
            }
        ));
        let fixed = crate::engine::fix_with(&text, &settings, Some(&geometry));
        assert_eq!(fixed, "8月26日，整整齐齐");
        // A glyph layer with no ghosts: nothing, though the text alone looks doubled.
        let doc = drawn(&[
            ('8', 0.0),
            ('8', 15.0),
            ('项', 30.0),
            ('，', 60.0),
            ('，', 90.0),
        ]);
        let (text, geometry) = doc.to_text();
        assert!(crate::engine::analyze(&text, &settings).findings.len() == 1);
        assert!(
            crate::engine::analyze_with(&text, &settings, Some(&geometry))
                .findings
                .is_empty()
        );
    }

    #[test]
    fn a_box_spanning_two_glyphs_makes_no_ghost() {
        // Tesseract boxed the first `某` of `石某某` over both glyphs: the boxes overlap,
        // but the second starts a full em later, so it is a glyph of its own.
        let doc = drawn_boxes(&[
            ('拒', 0.0, 28.0),
            ('绝', 30.0, 28.0),
            ('石', 60.0, 28.0),
            ('某', 90.0, 58.0),
            ('某', 120.0, 28.0),
            ('请', 150.0, 28.0),
            ('求', 180.0, 28.0),
        ]);
        let (text, geometry) = doc.to_text();
        let settings = crate::engine::Settings::only(&[RuleId::DoubledGlyph]);
        let found = crate::engine::analyze_with(&text, &settings, Some(&geometry)).findings;
        assert!(found.is_empty(), "{found:?}");
    }
}
