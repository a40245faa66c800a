//! `jiaodui score TRUTH CANDIDATE`: how close a repaired page is to its hand-corrected
//! truth (jiaodui_core::score has the definitions). Two folders: files paired by name.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use serde::Serialize;

use super::args::{ScoreArgs, ScoreFormat};
use jiaodui_core::score::{Score, score};
use jiaodui_desk::document::Document;

/// The JSON fields (a contract: exactly these, in this order).
#[derive(Serialize)]
struct JsonScore<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pages: Option<usize>,
    cer: f64,
    glyphs: usize,
    paragraph_precision: f64,
    paragraph_recall: f64,
    paragraph_f1: f64,
    spaces_left: usize,
}

impl<'a> JsonScore<'a> {
    fn new(s: &Score) -> Self {
        JsonScore {
            file: None,
            pages: None,
            cer: s.cer,
            glyphs: s.glyphs,
            paragraph_precision: s.paragraph_precision,
            paragraph_recall: s.paragraph_recall,
            paragraph_f1: s.paragraph_f1,
            spaces_left: s.spaces_left,
        }
    }
}

fn load(path: &Path) -> Result<String> {
    // The document's error names the path already.
    Ok(Document::load(path)?.text().to_owned())
}

pub fn run(args: &ScoreArgs) -> Result<u8> {
    let (t_dir, c_dir) = (args.truth.is_dir(), args.candidate.is_dir());
    if t_dir != c_dir {
        bail!("TRUTH and CANDIDATE must both be files or both be folders");
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if !t_dir {
        let s = score(&load(&args.truth)?, &load(&args.candidate)?);
        match args.format {
            ScoreFormat::Json => writeln!(out, "{}", serde_json::to_string(&JsonScore::new(&s))?)?,
            ScoreFormat::Text => {
                writeln!(out, "cer                  {:.4}", s.cer)?;
                writeln!(out, "glyphs               {}", s.glyphs)?;
                writeln!(out, "paragraph precision  {:.3}", s.paragraph_precision)?;
                writeln!(out, "paragraph recall     {:.3}", s.paragraph_recall)?;
                writeln!(out, "paragraph F1         {:.3}", s.paragraph_f1)?;
                writeln!(out, "spaces left          {}", s.spaces_left)?;
            }
        }
        out.flush()?;
        return Ok(0);
    }
    let mut names: Vec<PathBuf> = std::fs::read_dir(&args.truth)
        .with_context(|| format!("cannot list {}", args.truth.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().map(|t| !t.is_dir()).unwrap_or(false))
        .map(|e| PathBuf::from(e.file_name()))
        .collect();
    names.sort();
    let mut failed = false;
    let mut scores: Vec<Score> = Vec::new();
    if args.format == ScoreFormat::Text {
        writeln!(
            out,
            "{:<32} {:>8} {:>8} {:>6} {:>6} {:>6} {:>6}",
            "file", "cer", "glyphs", "P", "R", "F1", "spaces"
        )?;
    }
    for name in &names {
        let cand = args.candidate.join(name);
        let pair = load(&args.truth.join(name)).and_then(|t| Ok((t, load(&cand)?)));
        let (t, c) = match pair {
            Ok(p) => p,
            Err(e) => {
                eprintln!("jiaodui: {e:#}");
                failed = true;
                continue;
            }
        };
        let s = score(&t, &c);
        let label = name.to_string_lossy();
        match args.format {
            ScoreFormat::Json => {
                let mut j = JsonScore::new(&s);
                j.file = Some(Some(&label));
                writeln!(out, "{}", serde_json::to_string(&j)?)?;
            }
            ScoreFormat::Text => writeln!(
                out,
                "{:<32} {:>8.4} {:>8} {:>6.3} {:>6.3} {:>6.3} {:>6}",
                label,
                s.cer,
                s.glyphs,
                s.paragraph_precision,
                s.paragraph_recall,
                s.paragraph_f1,
                s.spaces_left
            )?,
        }
        scores.push(s);
    }
    let n = scores.len();
    let mean = |f: fn(&Score) -> f64| {
        if n == 0 {
            0.0
        } else {
            scores.iter().map(f).sum::<f64>() / n as f64
        }
    };
    let total = Score {
        cer: mean(|s| s.cer),
        glyphs: scores.iter().map(|s| s.glyphs).sum(),
        edit_distance: scores.iter().map(|s| s.edit_distance).sum(),
        paragraphs_truth: 0,
        paragraphs_candidate: 0,
        paragraph_precision: mean(|s| s.paragraph_precision),
        paragraph_recall: mean(|s| s.paragraph_recall),
        paragraph_f1: mean(|s| s.paragraph_f1),
        spaces_left: scores.iter().map(|s| s.spaces_left).sum(),
    };
    match args.format {
        ScoreFormat::Json => {
            let mut j = JsonScore::new(&total);
            j.file = Some(None);
            j.pages = Some(n);
            writeln!(out, "{}", serde_json::to_string(&j)?)?;
        }
        ScoreFormat::Text => writeln!(
            out,
            "{:<32} {:>8.4} {:>8} {:>6.3} {:>6.3} {:>6.3} {:>6}",
            format!("mean of {n} pages"),
            total.cer,
            total.glyphs,
            total.paragraph_precision,
            total.paragraph_recall,
            total.paragraph_f1,
            total.spaces_left
        )?,
    }
    out.flush()?;
    Ok(if failed { super::EXIT_ERROR } else { 0 })
}
