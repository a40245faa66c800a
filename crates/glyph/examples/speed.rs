//! Scan speed: ~1 MB built from the OCR pages and clean prose, best of N runs.
//! cargo run --release --example speed [-- RUNS]
use std::path::Path;
use std::time::Instant;

fn texts(dir: &Path, out: &mut Vec<String>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut ps: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    ps.sort();
    for p in ps {
        if p.is_dir() {
            texts(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            if let Ok(s) = std::fs::read_to_string(&p) {
                out.push(s);
            }
        }
    }
}

/// CPU time (user + system) of this thread, seconds (Linux; 0 elsewhere).
fn cpu() -> f64 {
    let s = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let rest = s.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let t = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (t(11) + t(12)) / 100.0
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(7);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut src = Vec::new();
    texts(&root.join("eval"), &mut src);
    texts(Path::new("../../eval/out/tesseract"), &mut src);
    texts(Path::new("../../eval/corpus"), &mut src);
    let mut big = String::new();
    while big.len() < 1 << 20 && !src.is_empty() {
        for s in &src {
            big.push_str(s);
            big.push('\n');
        }
    }
    let lex = jiaodui_glyph::lexicon();
    let mut best = f64::INFINITY;
    let mut n = 0;
    let c0 = cpu();
    for _ in 0..runs {
        let t = Instant::now();
        // what the jiaodui rule runs: the scan, then the show policy
        let found = jiaodui_glyph::find_suspects(&big, lex, &|_| false);
        n = jiaodui_glyph::shown(&big, found, &jiaodui_glyph::ShowPolicy::default()).len();
        best = best.min(t.elapsed().as_secs_f64());
    }
    let cpu_each = (cpu() - c0) / runs as f64;
    let mb = big.len() as f64 / 1048576.0;
    println!(
        "speed: {mb:.2} MB, best of {runs}: {:.1} ms = {:.1} ms/MB wall; CPU {:.1} ms/MB ({n} shown)",
        best * 1e3,
        best * 1e3 / mb,
        cpu_each * 1e3 / mb
    );
}
