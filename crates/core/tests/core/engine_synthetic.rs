//! Generated pages: clean text set in newspaper columns the way OCR returns it,
//! then fixed and scored against the clean text. Paragraph boundaries must come
//! back (F1 ≥ 0.97), and no glyph may change.
//!
//! The generator models the defects of the real sample page, not its text: column
//! widths from 9 to 18 ems (sidebars to wide articles), an indented (shorter) first
//! line, punctuation kept off line starts (避头尾), blank lines either scattered
//! through paragraphs or only at paragraph breaks, stray spaces beside punctuation.

use jiaodui_core::engine::{self, Settings};
use jiaodui_core::text::chars::{is_hspace, print_width};

const CLEAN: &str = include_str!("../../../../tests/golden/000_39b2f5fd87845c7e.fixed.txt");

/// A tiny deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() % 10_000) as f64 / 10_000.0 < p
    }
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '、' | '；' | '：' | '？' | '！' | '”' | '’' | '）' | '》' | '…'
    )
}

fn is_body(line: &str) -> bool {
    // In the clean page, body paragraphs end a sentence; headlines and bylines do not.
    let end = line.trim_end_matches(['”', '’', '）']).chars().next_back();
    end.is_some_and(|c| matches!(c, '。' | '！' | '？' | '…'))
}

/// Sets one paragraph in a column of `width` ems.
fn wrap(par: &str, width: f32, indent: f32) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut used = indent;
    for c in par.chars() {
        let w = print_width(c);
        let cur = lines.last_mut().unwrap();
        if used + w > width && !cur.is_empty() && !no_line_start(c) {
            lines.push(String::new());
            used = 0.0;
        }
        lines.last_mut().unwrap().push(c);
        used += w;
    }
    lines
}

struct Page {
    raw: String,
    clean_lines: Vec<String>,
}

fn generate(seed: u64, blank_at_breaks_only: bool) -> Page {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut raw = String::new();
    let mut width = 15.0;
    let clean_lines: Vec<String> = CLEAN
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect();
    for (i, line) in clean_lines.iter().enumerate() {
        if !is_body(line) {
            // A headline or byline: a new article may get a new column width.
            if i == 0 || !is_body(&clean_lines[i - 1]) {
                width = rng.range(9, 18) as f32;
            }
            raw.push_str(line);
            raw.push('\n');
            if rng.chance(0.3) {
                raw.push('\n');
            }
            continue;
        }
        let wrapped = wrap(line, width, 2.0);
        for (k, l) in wrapped.iter().enumerate() {
            let mut l = l.clone();
            if rng.chance(0.15) {
                // A stray space after a full-width comma or full stop.
                if let Some(p) = l.find('，').or_else(|| l.find('。')) {
                    let at = p + '，'.len_utf8();
                    if at < l.len() {
                        l.insert(at, ' ');
                    }
                }
            }
            raw.push_str(&l);
            raw.push('\n');
            let last = k + 1 == wrapped.len();
            let blank = if blank_at_breaks_only {
                last
            } else if last {
                rng.chance(0.5)
            } else {
                rng.chance(0.15)
            };
            if blank {
                raw.push('\n');
            }
        }
    }
    Page { raw, clean_lines }
}

/// Paragraph starts as offsets into the stream of non-space glyphs.
fn boundaries(lines: &[&str]) -> (Vec<usize>, String) {
    let mut starts = Vec::new();
    let mut glyphs = String::new();
    for l in lines {
        let before = glyphs.chars().count();
        glyphs.extend(l.chars().filter(|c| !is_hspace(*c)));
        if glyphs.chars().count() > before {
            starts.push(before);
        }
    }
    (starts, glyphs)
}

fn f1(page: &Page) -> (f64, bool) {
    let fixed = engine::fix(&page.raw, &Settings::default());
    let got: Vec<&str> = fixed.lines().filter(|l| !l.trim().is_empty()).collect();
    let want: Vec<&str> = page.clean_lines.iter().map(String::as_str).collect();
    let (g, g_glyphs) = boundaries(&got);
    let (w, w_glyphs) = boundaries(&want);
    if std::env::var_os("JIAODUI_SYNTH_DEBUG").is_some() {
        let chars: Vec<char> = w_glyphs.chars().collect();
        let ctx = |b: usize| -> String {
            let lo = b.saturating_sub(12);
            let hi = (b + 8).min(chars.len());
            format!(
                "{}|{}",
                chars[lo..b].iter().collect::<String>(),
                chars[b..hi].iter().collect::<String>()
            )
        };
        for b in g.iter().filter(|b| w.binary_search(b).is_err()) {
            eprintln!("  extra break: {}", ctx(*b));
        }
        for b in w.iter().filter(|b| g.binary_search(b).is_err()) {
            eprintln!("  missed break: {}", ctx(*b));
        }
    }
    let hits = g.iter().filter(|b| w.binary_search(b).is_ok()).count() as f64;
    let p = hits / g.len() as f64;
    let r = hits / w.len() as f64;
    (2.0 * p * r / (p + r), g_glyphs == w_glyphs)
}

#[test]
fn generated_pages_reflow_to_their_paragraphs() {
    let mut worst = 1.0f64;
    let mut total = 0.0;
    let n = 24;
    for seed in 0..n {
        let page = generate(seed, seed % 4 == 3);
        let (score, glyphs_same) = f1(&page);
        assert!(glyphs_same, "seed {seed}: glyphs changed\n{}", page.raw);
        worst = worst.min(score);
        total += score;
    }
    let mean = total / n as f64;
    eprintln!("paragraph boundary F1: mean {mean:.4}, worst {worst:.4}");
    assert!(mean >= 0.98, "mean F1 {mean:.4}");
    assert!(worst >= 0.95, "worst F1 {worst:.4}");
}

/// Writes generated pages to a folder for inspection (`JIAODUI_SYNTH_DUMP=dir`).
#[test]
fn dump_generated_pages_when_asked() {
    let Some(dir) = std::env::var_os("JIAODUI_SYNTH_DUMP") else {
        return;
    };
    for seed in 0..24 {
        let page = generate(seed, seed % 4 == 3);
        std::fs::write(
            std::path::Path::new(&dir).join(format!("synth_{seed:02}.txt")),
            &page.raw,
        )
        .unwrap();
    }
}
