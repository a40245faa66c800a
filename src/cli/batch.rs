//! `check` and `fix` over folders of pages: every page (`*.txt`, not
//! `*.corrected.txt`) on all cores, a progress line when stderr is a terminal, a
//! summary table at the end (on stderr, so standard output keeps the single-file
//! formats exactly), and one bad file reported without stopping the batch.
//!
//! Work is a shared queue (an atomic index into the page list) drained by scoped
//! threads a few pages at a time; results come back over a channel and are printed
//! in input order, so the output does not depend on which core finished first.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use anyhow::{Context as _, Result};

use super::args::{CheckArgs, FixArgs};
use jiaodui_core::engine::{self, RuleId};
use jiaodui_core::text::chars::escape_controls;
use jiaodui_desk::document::{Document, write_atomic};
use jiaodui_desk::fsio::same_file;

/// Environment variable that sets the number of worker threads (default: all cores).
pub const THREADS_ENV: &str = "JIAODUI_THREADS";

/// True when a `check` argument list needs the batch path (a folder among them).
pub fn wants_batch(files: &[PathBuf]) -> bool {
    files.iter().any(|f| f.is_dir())
}

/// Folders expanded to their pages (sorted); files kept in place. A folder that
/// cannot be listed is an error entry, reported like an unreadable file.
fn expand(args: &[PathBuf]) -> Vec<Result<PathBuf, (PathBuf, String)>> {
    let mut out = Vec::new();
    for a in args {
        if a.is_dir() {
            match jiaodui_desk::project::list_pages(a) {
                Ok(pages) => out.extend(pages.into_iter().map(Ok)),
                Err(e) => out.push(Err((
                    a.clone(),
                    format!("cannot list {}: {e}", a.display()),
                ))),
            }
        } else {
            out.push(Ok(a.clone()));
        }
    }
    out
}

fn threads(jobs: usize) -> usize {
    let want = std::env::var(THREADS_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    want.min(jobs.max(1))
}

/// What one page produced.
struct PageResult {
    /// Output for stdout (check) — printed in input order.
    out: Vec<u8>,
    by_rule: BTreeMap<RuleId, usize>,
    error: Option<String>,
    /// Not started: the batch was interrupted (SIGTERM, SIGINT).
    skipped: bool,
}

/// Runs `work` on every item on `threads` threads, handing results to `sink` in
/// input order, and keeps a progress line on a terminal.
pub(super) fn run_parallel<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<()>,
) -> Result<()> {
    let n = items.len();
    let next = AtomicUsize::new(0);
    let progress = io::stderr().is_terminal() && n > 1;
    let started = Instant::now();
    let workers = threads(n);
    // Pages are claimed and reported a few at a time: one wake-up of the printing
    // thread per page cost a context switch each, enough to hold two cores below 1.8×.
    let chunk = (n / (workers * 32)).clamp(1, 16);
    std::thread::scope(|s| -> Result<()> {
        let (tx, rx) = mpsc::channel::<Vec<(usize, R)>>();
        for _ in 0..workers {
            let (tx, next, work) = (tx.clone(), &next, &work);
            s.spawn(move || {
                loop {
                    let start = next.fetch_add(chunk, Ordering::Relaxed);
                    if start >= n {
                        break;
                    }
                    let done: Vec<(usize, R)> = (start..(start + chunk).min(n))
                        .map(|i| (i, work(&items[i])))
                        .collect();
                    if tx.send(done).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending: BTreeMap<usize, R> = BTreeMap::new();
        let mut done = 0;
        let mut printed = 0;
        for (i, r) in rx.into_iter().flatten() {
            done += 1;
            pending.insert(i, r);
            while let Some(r) = pending.remove(&printed) {
                sink(r)?;
                printed += 1;
            }
            if progress {
                let width = 30;
                let filled = done * width / n.max(1);
                eprint!(
                    "\r[{}{}] {done}/{n} pages, {:.1} s",
                    "#".repeat(filled),
                    " ".repeat(width - filled),
                    started.elapsed().as_secs_f64()
                );
            }
        }
        if progress {
            eprint!("\r{}\r", " ".repeat(60));
        }
        Ok(())
    })
}

/// `jiaodui check DIR…` (folders mixed with files).
pub fn check(args: &CheckArgs) -> Result<u8> {
    let settings =
        super::house_words::settings(&args.rules, args.house_words.as_deref(), &args.files)?;
    let items = expand(&args.files);
    let format = args.format;
    let lang = super::lang(args.lang);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    let started = Instant::now();
    run_parallel(
        &items,
        |item| match item {
            Err((_, message)) => PageResult {
                out: Vec::new(),
                by_rule: BTreeMap::new(),
                error: Some(message.clone()),
                skipped: false,
            },
            Ok(path) => match Document::load(path) {
                Err(e) => PageResult {
                    out: Vec::new(),
                    by_rule: BTreeMap::new(),
                    error: Some(e.to_string()),
                    skipped: false,
                },
                Ok(doc) => {
                    let findings =
                        engine::analyze_with(doc.text(), &settings, doc.geometry()).findings;
                    let mut buf = Vec::new();
                    let written = super::check::write_findings(
                        &mut buf,
                        path,
                        doc.text(),
                        doc.geometry(),
                        &findings,
                        format,
                        lang,
                    );
                    let mut by_rule = BTreeMap::new();
                    for f in &findings {
                        *by_rule.entry(f.rule).or_default() += 1;
                    }
                    PageResult {
                        out: buf,
                        by_rule,
                        error: written.err().map(|e| e.to_string()),
                        skipped: false,
                    }
                }
            },
        },
        |r| {
            if let Some(e) = &r.error {
                eprintln!("jiaodui: {}", escape_controls(e));
            }
            out.write_all(&r.out)?;
            summary.add(r);
            Ok(())
        },
    )?;
    out.flush()?;
    summary.print("checked", started);
    Ok(if summary.failed > 0 {
        super::EXIT_ERROR
    } else if summary.total() > 0 {
        1
    } else {
        0
    })
}

/// `jiaodui fix DIR --out-dir OUT`: every page fixed into OUT under its own name.
pub fn fix(args: &FixArgs, out_dir: &Path) -> Result<u8> {
    let settings = super::house_words::settings(
        &args.rules,
        args.house_words.as_deref(),
        std::slice::from_ref(&args.file),
    )?;
    std::fs::create_dir_all(out_dir)
        .with_context(|| format!("cannot create {}", out_dir.display()))?;
    let items = expand(std::slice::from_ref(&args.file));
    // Writing a page onto itself would destroy the evidence. Folders are compared
    // by device and inode: a bind mount or another path to the pages' folder is it.
    let same_dir = |p: &Path| {
        let dir = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        same_file(dir, out_dir)
    };
    let stop = jiaodui_desk::signals::stop_on_term();
    let mut written = 0usize;
    let mut summary = Summary::default();
    let started = Instant::now();
    run_parallel(
        &items,
        |item| {
            let fail = |message: String| PageResult {
                out: Vec::new(),
                by_rule: BTreeMap::new(),
                error: Some(message),
                skipped: false,
            };
            if stop.load(Ordering::SeqCst) {
                return PageResult {
                    out: Vec::new(),
                    by_rule: BTreeMap::new(),
                    error: None,
                    skipped: true,
                };
            }
            let path = match item {
                Err((_, message)) => return fail(message.clone()),
                Ok(p) => p,
            };
            if same_dir(path) {
                return fail(format!(
                    "{}: --out-dir is the page's own folder; refusing to overwrite the original",
                    path.display()
                ));
            }
            let mut doc = match Document::load(path) {
                Ok(d) => d,
                Err(e) => return fail(e.to_string()),
            };
            let mut by_rule = BTreeMap::new();
            for f in engine::analyze_with(doc.text(), &settings, doc.geometry()).findings {
                *by_rule.entry(f.rule).or_default() += 1;
            }
            // A structured page fixed to text is text: `NAME.hocr` → `NAME.txt`.
            let name = Path::new(path.file_name().unwrap_or_default());
            let target = if doc.structured().is_some() && args.to == super::args::OutputKind::Text {
                out_dir.join(name.with_extension("txt"))
            } else {
                out_dir.join(name)
            };
            if same_file(&target, path) {
                return fail(format!(
                    "{}: {} is the page itself (a link to it); refusing to overwrite the original",
                    path.display(),
                    target.display()
                ));
            }
            let written = super::fix::fixed_output(&mut doc, &settings, args.to, &target)
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    write_atomic(&target, &bytes)
                        .map_err(|e| format!("cannot write {}: {e}", target.display()))
                });
            PageResult {
                out: Vec::new(),
                by_rule,
                error: written.err(),
                skipped: false,
            }
        },
        |r| {
            if r.skipped {
                return Ok(());
            }
            if let Some(e) = &r.error {
                eprintln!("jiaodui: {}", escape_controls(e));
            } else {
                written += 1;
            }
            summary.add(r);
            Ok(())
        },
    )?;
    summary.print("fixed", started);
    if stop.load(Ordering::SeqCst) {
        eprintln!(
            "jiaodui: interrupted: {written} of {} pages written to {}; the page in progress was finished, the rest not started",
            items.len(),
            escape_controls(&out_dir.display().to_string())
        );
        return Ok(EXIT_INTERRUPTED);
    }
    Ok(if summary.failed > 0 {
        super::EXIT_ERROR
    } else {
        0
    })
}

#[derive(Default)]
struct Summary {
    pages: usize,
    failed: usize,
    with_findings: usize,
    by_rule: BTreeMap<RuleId, usize>,
    errors: Vec<String>,
}

impl Summary {
    fn add(&mut self, r: PageResult) {
        self.pages += 1;
        if let Some(e) = r.error {
            self.failed += 1;
            self.errors.push(e);
        }
        if r.by_rule.values().any(|&n| n > 0) {
            self.with_findings += 1;
        }
        for (rule, n) in r.by_rule {
            *self.by_rule.entry(rule).or_default() += n;
        }
    }

    fn total(&self) -> usize {
        self.by_rule.values().sum()
    }

    /// The table on stderr: pages, findings by rule, errors.
    fn print(&self, verb: &str, started: Instant) {
        let mut e = io::stderr().lock();
        let ok = self.pages - self.failed;
        let _ = writeln!(
            e,
            "\n{} pages {verb} in {:.2} s: {ok} ok, {} with findings, {} failed",
            self.pages,
            started.elapsed().as_secs_f64(),
            self.with_findings,
            self.failed
        );
        let _ = writeln!(e, "  {:<20} {:>8}", "rule", "findings");
        for rule in RuleId::ALL {
            let _ = writeln!(
                e,
                "  {:<20} {:>8}",
                rule.as_str(),
                self.by_rule.get(&rule).copied().unwrap_or(0)
            );
        }
        let _ = writeln!(e, "  {:<20} {:>8}", "total", self.total());
        if !self.errors.is_empty() {
            let _ = writeln!(e, "errors:");
            for err in &self.errors {
                let _ = writeln!(e, "  {err}");
            }
        }
    }
}

/// Exit code of a batch stopped by SIGTERM or SIGINT (128 + SIGINT, as shells do).
pub const EXIT_INTERRUPTED: u8 = 130;
