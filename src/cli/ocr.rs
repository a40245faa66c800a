//! `jiaodui ocr IMAGE…`: Tesseract on every image (and every page of a scan-only
//! PDF), in parallel, each page's hOCR written beside its image or into
//! `--out-dir`. The recognizer is `jiaodui_desk::recognize`; this is orchestration.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use anyhow::{Context as _, Result, bail};

use super::args::OcrArgs;
use jiaodui_core::text::chars::escape_controls;
use jiaodui_desk::recognize::{self, Ocr, RecognizeError};

pub fn run(args: &OcrArgs) -> Result<u8> {
    let ocr = Ocr {
        lang: args.lang.clone(),
        psm: args.psm,
        ..Ocr::default()
    };
    // Missing Tesseract or language data: one message that says how to install it.
    ocr.check_ready()?;
    let mut failed = 0usize;
    let mut inputs: Vec<PathBuf> = Vec::new();
    for a in &args.inputs {
        if a.is_dir() {
            let images =
                recognize::images_in(a).with_context(|| format!("cannot list {}", a.display()))?;
            if images.is_empty() {
                eprintln!(
                    "jiaodui: {}: no images (PNG, JPEG, TIFF) in this folder",
                    escape_controls(&a.display().to_string())
                );
                failed += 1;
            }
            inputs.extend(images);
        } else {
            inputs.push(a.clone());
        }
    }
    let out_dir = args.out_dir.as_deref();
    let mut jobs = Vec::new();
    for input in &inputs {
        match recognize::plan(input, out_dir) {
            Ok(j) => jobs.extend(j),
            Err(e) => {
                eprintln!("jiaodui: {}", escape_controls(&e.to_string()));
                failed += 1;
            }
        }
    }
    // No output may be an input (or another output): a PDF page's rendered scan
    // (STEM-pN.png) included.
    let outputs: Vec<PathBuf> = jobs
        .iter()
        .flat_map(|j| {
            let png = j.pdf_page.map(|_| j.out.with_extension("png"));
            std::iter::once(j.out.clone()).chain(png)
        })
        .collect();
    let input_refs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let output_refs: Vec<Option<&Path>> = outputs.iter().map(|p| Some(p.as_path())).collect();
    super::refuse_clashes(&input_refs, &output_refs)?;
    if let Some(dir) = out_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    if jobs.is_empty() && failed == 0 {
        bail!("nothing to recognize");
    }
    let stop = jiaodui_desk::signals::stop_on_term();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut written = 0usize;
    super::batch::run_parallel(
        &jobs,
        |job| {
            if stop.load(Ordering::SeqCst) {
                return Err(RecognizeError::Cancelled);
            }
            ocr.run_job(job, stop)
        },
        |r| {
            match r {
                Ok(path) => {
                    written += 1;
                    writeln!(out, "{}", escape_controls(&path.display().to_string()))?;
                }
                Err(RecognizeError::Cancelled) => {}
                Err(e) => {
                    failed += 1;
                    eprintln!("jiaodui: {}", escape_controls(&e.to_string()));
                }
            }
            Ok(())
        },
    )?;
    out.flush()?;
    if stop.load(Ordering::SeqCst) {
        eprintln!(
            "jiaodui: interrupted: {written} of {} pages recognized",
            jobs.len()
        );
        return Ok(super::batch::EXIT_INTERRUPTED);
    }
    Ok(if failed > 0 { super::EXIT_ERROR } else { 0 })
}
