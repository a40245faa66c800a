use std::io::{self, Write};

use anyhow::{Context as _, Result};

use super::args::FixArgs;
use crate::document::{Document, write_atomic};
use crate::engine;

pub fn run(args: &FixArgs) -> Result<u8> {
    let mut doc = Document::load(&args.file)?;
    let settings = super::settings_for(&args.rules);
    let fixed = engine::fix(doc.text(), &settings);
    doc.replace_text(fixed);
    let target = args.output.clone().unwrap_or_else(|| "-".into());
    let bytes = doc.encoded(&target)?;
    match &args.output {
        Some(path) if path.as_os_str() != "-" => {
            write_atomic(path, &bytes).with_context(|| format!("cannot write {}", path.display()))?
        }
        _ => {
            let mut out = io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    Ok(0)
}
