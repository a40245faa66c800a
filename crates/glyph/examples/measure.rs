#![allow(clippy::needless_range_loop)] // index loops over parallel per-char arrays are clearer here
//! Measure `suspect-glyph` against OCR pages with truth.
//!
//! cargo run --release --example measure -- [--verbose] [--tuned a01,a02,...] [PAGES_DIR ...]
//!
//! A page is a directory holding `truth.txt` and the OCR output (`ocr.txt`, or any other `.txt`).
//! Default page dirs: `eval/pages` and, when it has a READY file, `../../eval/out/tesseract`.
//! Clean prose for the false-suspect rate: `eval/clean/*.txt` and `../../eval/corpus/*`.

use jiaodui_glyph::{ShowPolicy, Suspect, evidence_around, find_suspects, lexicon, shown};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

struct Page {
    name: String,
    truth: String,
    ocr: String,
}

/// OCR-side error at a stripped OCR char index: what the truth has there ("" for an insertion).
#[derive(Clone)]
struct Err {
    truth: String,
    glyph: bool,
}

fn strip(s: &str) -> (Vec<char>, Vec<usize>) {
    let mut cs = Vec::new();
    let mut offs = Vec::new();
    for (i, c) in s.char_indices() {
        if !c.is_whitespace() {
            cs.push(c);
            offs.push(i);
        }
    }
    (cs, offs)
}

fn is_punct(c: char) -> bool {
    !(c.is_alphanumeric())
}

/// Levenshtein alignment; returns for each OCR char index the truth it should be (None = correct).
fn align(t: &[char], o: &[char]) -> Vec<Option<Err>> {
    let (n, m) = (t.len(), o.len());
    let w = m + 1;
    let mut d = vec![0u32; (n + 1) * w];
    for j in 0..=m {
        d[j] = j as u32;
    }
    for i in 1..=n {
        d[i * w] = i as u32;
        for j in 1..=m {
            let sub = d[(i - 1) * w + j - 1] + (t[i - 1] != o[j - 1]) as u32;
            d[i * w + j] = sub.min(d[(i - 1) * w + j] + 1).min(d[i * w + j - 1] + 1);
        }
    }
    let mut out = vec![None; m];
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        if i > 0 && j > 0 && d[i * w + j] == d[(i - 1) * w + j - 1] + (t[i - 1] != o[j - 1]) as u32
        {
            if t[i - 1] != o[j - 1] {
                let glyph = !(is_punct(t[i - 1]) && is_punct(o[j - 1]));
                out[j - 1] = Some(Err {
                    truth: t[i - 1].to_string(),
                    glyph,
                });
            }
            i -= 1;
            j -= 1;
        } else if j > 0 && d[i * w + j] == d[i * w + j - 1] + 1 {
            out[j - 1] = Some(Err {
                truth: String::new(),
                glyph: !is_punct(o[j - 1]),
            });
            j -= 1;
        } else {
            i -= 1;
        }
    }
    forget_moved_text(&mut out);
    out
}

/// A run of MOVED_RUN or more OCR glyphs with no counterpart in the truth is text the OCR put
/// elsewhere (a line of the other column read in the wrong order), not glyphs it made up: the
/// run is no misread and is not counted (one held-out page had 55 such "inserted" glyphs).
const MOVED_RUN: usize = 4;

fn forget_moved_text(out: &mut [Option<Err>]) {
    let inserted = |e: &Option<Err>| e.as_ref().is_some_and(|e| e.truth.is_empty());
    let mut j = 0;
    while j < out.len() {
        if !inserted(&out[j]) {
            j += 1;
            continue;
        }
        let a = j;
        while j < out.len() && inserted(&out[j]) {
            j += 1;
        }
        if j - a >= MOVED_RUN {
            out[a..j].iter_mut().for_each(|e| *e = None);
        }
    }
}

#[derive(Default)]
struct Tally {
    pages: usize,
    chars: usize,
    findings: usize,
    true_findings: usize,
    true_findings_glyph: usize,
    top3: usize,
    top1: usize,
    errors: usize,
    errors_hit: usize,
    glyph_errors: usize,
    glyph_errors_hit: usize,
    reachable: usize,
    reachable_hit: usize,
    by_kind: BTreeMap<String, (usize, usize)>,
    /// glyph errors by type: (errors, hit)
    by_type: BTreeMap<&'static str, (usize, usize)>,
}

fn page_dirs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut dirs: Vec<PathBuf> = rd
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for d in dirs {
        if d.join("truth.txt").exists() {
            out.push(d);
        } else {
            page_dirs(&d, out);
        }
    }
}

fn load_pages(dir: &Path) -> Vec<Page> {
    let mut pages = Vec::new();
    let mut dirs = Vec::new();
    page_dirs(dir, &mut dirs);
    for d in dirs {
        let Ok(truth) = std::fs::read_to_string(d.join("truth.txt")) else {
            continue;
        };
        let ocr_path = if d.join("ocr.txt").exists() {
            Some(d.join("ocr.txt"))
        } else {
            std::fs::read_dir(&d).ok().and_then(|rd| {
                rd.filter_map(|e| e.ok()).map(|e| e.path()).find(|p| {
                    p.extension().is_some_and(|x| x == "txt")
                        && p.file_name().unwrap() != "truth.txt"
                })
            })
        };
        let Some(ocr_path) = ocr_path else { continue };
        let Ok(ocr) = std::fs::read_to_string(ocr_path) else {
            continue;
        };
        let name = d
            .strip_prefix(dir)
            .unwrap_or(&d)
            .to_string_lossy()
            .into_owned();
        pages.push(Page { name, truth, ocr });
    }
    pages
}

fn context(cs: &[char], k: usize) -> String {
    cs[k.saturating_sub(6)..(k + 7).min(cs.len())]
        .iter()
        .collect()
}

/// What is scored: every suspect from `min_conf` up, or (policy) what the jiaodui rule shows.
#[derive(Clone, Copy)]
enum Sel<'a> {
    Min(f32),
    Shown(&'a ShowPolicy),
}

fn select(text: &str, sel: Sel) -> Vec<Suspect> {
    let all = find_suspects(text, lexicon(), &|_| false);
    match sel {
        Sel::Min(m) => all.into_iter().filter(|s| s.confidence >= m).collect(),
        Sel::Shown(p) => shown(text, all, p),
    }
}

fn score_page(p: &Page, t: &mut Tally, verbose: bool, sel: Sel) {
    let lex = lexicon();
    let (tc, _) = strip(&p.truth);
    let (oc, offs) = strip(&p.ocr);
    let errs = align(&tc, &oc);
    let found: Vec<Suspect> = select(&p.ocr, sel);
    let idx_of = |byte: usize| offs.partition_point(|&o| o < byte);
    let mut hit = vec![false; oc.len()];
    t.pages += 1;
    t.chars += tc.len();
    for s in &found {
        let (a, b) = (idx_of(s.start_byte), idx_of(s.end_byte));
        for k in a..b {
            hit[k] = true;
        }
        let real = (a..b).any(|k| errs[k].is_some());
        let glyph = (a..b).any(|k| errs[k].as_ref().is_some_and(|e| e.glyph));
        t.findings += 1;
        let e = t.by_kind.entry(format!("{:?}", s.kind)).or_default();
        e.0 += 1;
        if real {
            e.1 += 1;
            t.true_findings += 1;
            if glyph {
                t.true_findings_glyph += 1;
            }
            let want: String = (a..b)
                .map(|k| {
                    errs[k]
                        .as_ref()
                        .map(|e| e.truth.clone())
                        .unwrap_or_else(|| oc[k].to_string())
                })
                .collect();
            let rank = s.candidates.iter().position(|c| c.text == want);
            if rank.is_some_and(|r| r < 3) {
                t.top3 += 1;
            }
            if rank == Some(0) {
                t.top1 += 1;
            }
            if verbose {
                let cands: Vec<&str> = s.candidates.iter().map(|c| c.text.as_str()).collect();
                println!(
                    "  TP {} {:?} [{}] want {:?} got {:?} conf {:.2}",
                    p.name,
                    s.kind,
                    context(&oc, a),
                    want,
                    cands,
                    s.confidence
                );
            }
        } else if verbose {
            let cands: Vec<&str> = s.candidates.iter().map(|c| c.text.as_str()).collect();
            println!(
                "  FP {} {:?} [{}] at {:?} got {:?} conf {:.2}",
                p.name,
                s.kind,
                context(&oc, a),
                oc[a],
                cands,
                s.confidence
            );
        }
    }
    for (k, e) in errs.iter().enumerate() {
        let Some(e) = e else { continue };
        t.errors += 1;
        if hit[k] {
            t.errors_hit += 1;
        }
        let mut tch = e.truth.chars();
        let mut reachable = false;
        if let (Some(tc0), None) = (tch.next(), tch.next()) {
            if lex.neighbours(oc[k]).iter().any(|nb| nb.glyph == tc0) {
                reachable = true;
                t.reachable += 1;
                if hit[k] {
                    t.reachable_hit += 1;
                }
            }
        }
        if e.glyph {
            let han = |c: char| ('\u{3400}'..='\u{9fff}').contains(&c);
            let o = oc[k];
            let tch: Vec<char> = e.truth.chars().collect();
            let ty = match (tch.first().copied(), han(o)) {
                (None, true) => "Han inserted",
                (None, false) => "other inserted",
                (Some(x), true) if han(x) => "Han for Han",
                (Some(x), true) if x.is_ascii_alphanumeric() => "Han for Latin/digit",
                (Some(_), true) => "Han for punct",
                (Some(x), false) if han(x) => "other for Han",
                (Some(_), false) => "Latin/digit/punct other",
            };
            let ent = t.by_type.entry(ty).or_default();
            ent.0 += 1;
            ent.1 += hit[k] as usize;
            t.glyph_errors += 1;
            if hit[k] {
                t.glyph_errors_hit += 1;
            } else if verbose {
                println!(
                    "  MISS {} [{}] {:?} should be {:?}{}",
                    p.name,
                    context(&oc, k),
                    oc[k],
                    e.truth,
                    if reachable { " (reachable)" } else { "" }
                );
            }
        }
    }
}

fn ratio(a: usize, b: usize) -> String {
    if b == 0 {
        "n/a".into()
    } else {
        format!("{:.3} ({a}/{b})", a as f64 / b as f64)
    }
}

fn report(label: &str, t: &Tally) {
    println!("== {label}: {} pages, {} truth chars", t.pages, t.chars);
    println!(
        "   precision            {}",
        ratio(t.true_findings, t.findings)
    );
    println!(
        "   recall, glyph errors {}",
        ratio(t.glyph_errors_hit, t.glyph_errors)
    );
    println!(
        "   reachable recall     {}  (truth glyph is a table neighbour of the OCR glyph)",
        ratio(t.reachable_hit, t.reachable)
    );
    println!(
        "   recall, all errors   {}  (incl. punctuation width, e.g. （ read as ( )",
        ratio(t.errors_hit, t.errors)
    );
    println!("   top-3 accuracy       {}", ratio(t.top3, t.true_findings));
    println!("   top-1 accuracy       {}", ratio(t.top1, t.true_findings));
    for (k, (n, hit)) in &t.by_type {
        println!("   errors: {k:<24} {n:>4}, {hit} pointed at");
    }
    for (k, (n, ok)) in &t.by_kind {
        println!("   {k:<14} {n} findings, {ok} real");
    }
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let probe = args.iter().any(|a| a == "--probe");
    args.retain(|a| a != "--verbose" && a != "--probe");
    let mut tuned: Vec<String> = "a01,a02,a03,a04,a05,a06"
        .split(',')
        .map(String::from)
        .collect();
    if let Some(i) = args.iter().position(|a| a == "--tuned") {
        tuned = args[i + 1].split(',').map(String::from).collect();
        args.drain(i..i + 2);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs: Vec<PathBuf> = args.iter().map(PathBuf::from).collect();
    if dirs.is_empty() {
        dirs.push(root.join("eval/pages"));
        // the shared Tesseract set (tune/, heldout/): TESS_PAGES, else the workspace's eval/out
        let other = std::env::var_os("TESS_PAGES")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("../../eval/out/tesseract"));
        if other.join("READY").exists() {
            dirs.push(other);
        }
    }
    let t0 = Instant::now();
    let lex = lexicon();
    println!(
        "lexicon: {} words, built in {:.1} ms",
        lex.word_count(),
        t0.elapsed().as_secs_f64() * 1e3
    );

    let mut pages = Vec::new();
    for d in &dirs {
        let ps = load_pages(d);
        println!("{}: {} pages", d.display(), ps.len());
        pages.extend(ps);
    }
    let min_conf = min_confidence();
    let policy = policy_from_env();
    println!("show policy: {policy:?}");
    // what the rule shows, on the shared set
    let (mut st, mut sh) = (Tally::default(), Tally::default());
    for p in pages.iter().filter(|p| !p.name.starts_with('a')) {
        let is_tuned = p.name.starts_with("tune/");
        score_page(
            p,
            if is_tuned { &mut st } else { &mut sh },
            verbose && is_tuned,
            Sel::Shown(&policy),
        );
    }
    report("AS SHOWN, shared Tesseract set, tune/", &st);
    report("AS SHOWN, shared Tesseract set, heldout/", &sh);
    if probe {
        probe_table(&pages, &policy);
    }
    let (mut tt, mut th) = (Tally::default(), Tally::default());
    for p in &pages {
        // our own renders: by article prefix; the shared Tesseract set: its tune/ and heldout/ folders
        let is_tuned =
            p.name.starts_with("tune/") || tuned.iter().any(|t| p.name.starts_with(t.as_str()));
        score_page(
            p,
            if is_tuned { &mut tt } else { &mut th },
            verbose && is_tuned && p.name.starts_with('a'),
            Sel::Min(min_conf),
        );
    }
    report("ALL tuned pages", &tt);
    report("ALL held-out pages", &th);
    // what the jiaodui rule shows: only suspects at or above its threshold (MIN_CONFIDENCE in
    // crates/core/src/engine/rules/suspect_glyph.rs), scored on the shared Tesseract set
    println!("== confidence sweep, shared Tesseract set: P / R glyph / top-3 / findings");
    for th_conf in [0.3f32, 0.4, 0.5, 0.6, 0.7, 0.8] {
        let (mut a, mut b) = (Tally::default(), Tally::default());
        for p in pages.iter().filter(|p| !p.name.starts_with('a')) {
            let t = if p.name.starts_with("tune/") {
                &mut a
            } else {
                &mut b
            };
            score_page(p, t, false, Sel::Min(th_conf));
        }
        let f = |t: &Tally| {
            format!(
                "{:.2} / {:.2} / {:.2} / {:>3}",
                t.true_findings as f64 / t.findings.max(1) as f64,
                t.glyph_errors_hit as f64 / t.glyph_errors.max(1) as f64,
                t.top3 as f64 / t.true_findings.max(1) as f64,
                t.findings
            )
        };
        println!("   >= {th_conf:.1}  tune/ {}   heldout/ {}", f(&a), f(&b));
    }

    // clean prose: every finding is false
    // eval/corpus/news_*.txt (government work reports, newspaper register) are scored apart:
    // news_tune may be looked at, news_heldout only counted
    let mut clean: Vec<(String, String)> = Vec::new();
    let mut news_tune: Vec<(String, String)> = Vec::new();
    let mut news_held: Vec<(String, String)> = Vec::new();
    for d in [root.join("eval/clean"), root.join("../../eval/corpus")] {
        if let Ok(rd) = std::fs::read_dir(&d) {
            let mut fs: Vec<PathBuf> = rd
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect();
            fs.sort();
            for f in fs {
                if f.extension().is_none_or(|x| x != "txt") {
                    continue;
                }
                if let Ok(s) = std::fs::read_to_string(&f) {
                    let stem = f.file_stem().map(|x| x.to_string_lossy().into_owned());
                    let to = match stem.as_deref() {
                        Some("news_tune") => &mut news_tune,
                        Some("news_heldout") => &mut news_held,
                        _ => &mut clean,
                    };
                    to.push((f.display().to_string(), s));
                }
            }
        }
    }
    let truths: Vec<(String, String)> = pages
        .iter()
        .filter(|p| p.name.ends_with("_v1") || !p.name.starts_with('a'))
        .map(|p| (p.name.clone(), p.truth.clone()))
        .collect();
    let held_truths: Vec<(String, String)> = truths
        .iter()
        .filter(|(n, _)| {
            n.starts_with("heldout/")
                || (n.starts_with('a') && !tuned.iter().any(|t| n.starts_with(t.as_str())))
        })
        .cloned()
        .collect();
    for (label, set) in [
        ("clean corpus", &clean),
        ("news prose, tune", &news_tune),
        ("news prose, held-out", &news_held),
        ("page truths", &truths),
        ("held-out page truths", &held_truths),
    ] {
        let (mut chars, mut n, mut n_rule) = (0usize, 0usize, 0usize);
        for (name, s) in set.iter() {
            chars += s.chars().filter(|c| !c.is_whitespace()).count();
            let all: Vec<Suspect> = find_suspects(s, lex, &|_| false);
            let f: Vec<Suspect> = all
                .iter()
                .filter(|s| s.confidence >= min_conf)
                .cloned()
                .collect();
            let rule = shown(s, all, &policy);
            n_rule += rule.len();
            let f = if verbose { rule } else { f };
            // held-out truths are scored, never listed (they must not steer tuning)
            if verbose && (label == "clean corpus" || label == "news prose, tune") {
                for x in &f {
                    let mut b0 = x.start_byte.saturating_sub(18);
                    while !s.is_char_boundary(b0) {
                        b0 -= 1;
                    }
                    let ctx: String = s[b0..].chars().take(14).collect();
                    println!(
                        "  CLEAN-FP {name} {:?} [{}] {:?} -> {:?} conf {:.2}",
                        x.kind,
                        ctx.replace('\n', " "),
                        &s[x.start_byte..x.end_byte],
                        x.candidates
                            .iter()
                            .map(|c| c.text.as_str())
                            .collect::<Vec<_>>(),
                        x.confidence
                    );
                }
            }
            n += f.len();
        }
        let per = |n: usize| n as f64 * 1000.0 / chars.max(1) as f64;
        println!(
            "== {label}: {n} false suspects in {chars} chars = {:.3} per 1000 (as shown: {n_rule} = {:.3})",
            per(n),
            per(n_rule)
        );
    }

    // speed: 1 MB of mixed OCR and clean text
    let mut big = String::new();
    let src: Vec<&str> = pages
        .iter()
        .map(|p| p.ocr.as_str())
        .chain(clean.iter().map(|c| c.1.as_str()))
        .collect();
    if !src.is_empty() {
        while big.len() < 1 << 20 {
            for s in &src {
                big.push_str(s);
                big.push('\n');
            }
        }
        let t = Instant::now();
        let f = find_suspects(&big, lex, &|_| false);
        let dt = t.elapsed();
        println!(
            "speed: {:.2} MB scanned in {:.1} ms ({} findings)",
            big.len() as f64 / 1048576.0,
            dt.as_secs_f64() * 1e3,
            f.len()
        );
    }
}

/// The rule's show policy, with `SHOW_CLEAN`, `SHOW_ONE`, `SHOW_TWO`, `SHOW_DAMAGED`, `SHOW_WINDOW`,
/// `SHOW_STRONG` overriding its fields (for exploring).
fn policy_from_env() -> ShowPolicy {
    let mut p = ShowPolicy::default();
    let get = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<f32>().ok());
    if let Some(v) = get("SHOW_CLEAN") {
        p.clean = v;
    }
    if let Some(v) = get("SHOW_ONE") {
        p.one = v;
    }
    if let Some(v) = get("SHOW_TWO") {
        p.two = v;
    }
    if let Some(v) = get("SHOW_DAMAGED") {
        p.damaged = v;
    }
    if let Some(v) = get("SHOW_WINDOW") {
        p.window = v as usize;
    }
    if let Some(v) = get("SHOW_STRONG") {
        p.strong = v;
    }
    p
}

/// `--probe`: suspects by confidence band and damage evidence around them: real / all on the
/// shared tune/ pages, false on news_tune and the old clean corpus (held-out sets never).
fn probe_table(pages: &[Page], policy: &ShowPolicy) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bands = [0.2f32, 0.3, 0.4, 0.5, 0.6, 0.8, 1.01];
    let band = |c: f32| bands.windows(2).position(|w| c >= w[0] && c < w[1]);
    // [band][ev 0,1,2,3+] : (tp, all) on tune; fp on news; fp on clean
    let mut tune = [[(0usize, 0usize); 4]; 6];
    let mut news = [[0usize; 4]; 6];
    let mut clean = [[0usize; 4]; 6];
    for p in pages.iter().filter(|p| p.name.starts_with("tune/")) {
        let (tc, _) = strip(&p.truth);
        let (oc, offs) = strip(&p.ocr);
        let errs = align(&tc, &oc);
        let all = find_suspects(&p.ocr, lexicon(), &|_| false);
        let ev = evidence_around(&p.ocr, &all, policy);
        for (s, n) in all.iter().zip(ev) {
            let Some(b) = band(s.confidence) else {
                continue;
            };
            let a = offs.partition_point(|&o| o < s.start_byte);
            let e = offs.partition_point(|&o| o < s.end_byte);
            let real = (a..e).any(|k| errs[k].is_some());
            let cell = &mut tune[b][n.min(3)];
            cell.1 += 1;
            cell.0 += real as usize;
        }
    }
    for file in [
        "../../eval/corpus/news_tune.txt",
        "../../eval/corpus/cases.txt",
        "../../eval/corpus/handbook.txt",
        "../../eval/corpus/laws.txt",
        "../../eval/corpus/faq.txt",
    ] {
        let table = if file.contains("news") {
            &mut news
        } else {
            &mut clean
        };
        let Ok(text) = std::fs::read_to_string(root.join(file)) else {
            continue;
        };
        let all = find_suspects(&text, lexicon(), &|_| false);
        let ev = evidence_around(&text, &all, policy);
        for (s, n) in all.iter().zip(ev) {
            if let Some(b) = band(s.confidence) {
                table[b][n.min(3)] += 1;
            }
        }
    }
    println!("== probe: band / evidence 0,1,2,3+: tune real/all | news_tune false | clean false");
    for b in 0..6 {
        let t: Vec<String> = tune[b]
            .iter()
            .map(|(a, n)| format!("{a:>3}/{n:<3}"))
            .collect();
        println!(
            "   {:.1}-{:.1}  {} | {:?} | {:?}",
            bands[b],
            bands[b + 1].min(1.0),
            t.join(" "),
            news[b],
            clean[b]
        );
    }
}

/// `MIN_CONFIDENCE=0.5`: score only what a caller showing findings at or above that
/// confidence would show (the jiaodui rule's threshold).
fn min_confidence() -> f32 {
    std::env::var("MIN_CONFIDENCE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}
