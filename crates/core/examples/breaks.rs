//! Dumps the layout model's line-break decisions, one JSON object per break, for
//! the break model's training and the paragraph evaluation (`eval/break_model.py`).
//!
//! `cargo run --release -p jiaodui-core --example breaks -- PAGE...`
//! (`--names` prints the break model's feature names instead).

use jiaodui_core::engine::break_model;
use jiaodui_core::engine::layout::{BreakTrace, Layout};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--names") {
        println!("{}", serde_json::json!(break_model::feature_names()));
        return;
    }
    for path in args {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: not readable as UTF-8");
            continue;
        };
        let mut trace: Vec<BreakTrace> = Vec::new();
        let layout = Layout::analyze_traced(&text, None, Some(&mut trace));
        for t in &trace {
            let (la, lb) = (&layout.lines[t.a], &layout.lines[t.b]);
            let line = serde_json::json!({
                "file": path,
                "a": t.a,
                "b": t.b,
                "a_end": la.content.end,
                "a_width": la.width,
                "b_width": lb.width,
                "column": t.width,
                "join": t.join,
                "why": t.why,
                "cues": t.cues.as_ref().map(|c| c.on().to_vec()),
            });
            println!("{line}");
        }
    }
}
