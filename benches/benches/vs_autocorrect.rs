//! Issue #17's speed contract: `jiaodui check` with every rule on (suspect-glyph included)
//! stays ≥ 5× as fast as AutoCorrect's lint on the same text.
//!
//! cargo bench --manifest-path benches/Cargo.toml --bench vs_autocorrect
//!
//! Input: Tesseract output of real rendered pages (`crates/glyph/eval/pages/*/ocr.txt`, plus the
//! shared Tesseract set `eval/out/tesseract/*/*/tess.txt` when present) and the bundled sample
//! page, concatenated and repeated to 1 MiB: OCR-like newspaper prose with its misreads.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use jiaodui_core::engine::{self, RuleId, Settings};

fn ocr_files(dir: &Path, name: &str, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut es: Vec<PathBuf> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    es.sort();
    for p in es {
        if p.is_dir() {
            ocr_files(&p, name, out);
        } else if p.file_name().is_some_and(|f| f == name) {
            out.push(p);
        }
    }
}

/// The OCR text, repeated to at least `bytes`.
pub fn corpus(bytes: usize) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    ocr_files(&root.join("crates/glyph/eval/pages"), "ocr.txt", &mut files);
    ocr_files(&root.join("eval/out/tesseract"), "tess.txt", &mut files);
    ocr_files(
        &root.join("assets/samples"),
        "000_39b2f5fd87845c7e.txt",
        &mut files,
    );
    let pages: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    assert!(
        !pages.is_empty(),
        "no OCR pages found under {}",
        root.display()
    );
    let mut s = String::with_capacity(bytes + 64 * 1024);
    while s.len() < bytes {
        for p in &pages {
            s.push_str(p);
            s.push('\n');
        }
    }
    s
}

fn main() {
    jiaodui_core::allocator::tune();
    let text = corpus(1 << 20);
    // every rule on, as `jiaodui check` runs them by default and then some
    let mut settings = Settings::default();
    for r in RuleId::ALL {
        settings.set_enabled(r, true);
    }
    let t = Instant::now();
    let lex = jiaodui_glyph::lexicon();
    eprintln!(
        "input {} bytes ({} lines); lexicon() built in {:.1} ms ({} words)",
        text.len(),
        text.lines().count(),
        t.elapsed().as_secs_f64() * 1e3,
        lex.word_count()
    );
    let mut c = Criterion::default().configure_from_args();
    let mut g = c.benchmark_group("vs-autocorrect-1MB");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .warm_up_time(Duration::from_secs(2));
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("jiaodui check", |b| {
        b.iter(|| engine::analyze_with(black_box(&text), &settings, None))
    });
    g.bench_function("jiaodui check without suspect-glyph", |b| {
        let mut s = settings.clone();
        s.set_enabled(RuleId::SuspectGlyph, false);
        b.iter(|| engine::analyze_with(black_box(&text), &s, None))
    });
    g.bench_function("autocorrect lint", |b| {
        b.iter(|| autocorrect::lint_for(black_box(&text), "text.txt"))
    });
    g.finish();
    c.final_summary();
}
