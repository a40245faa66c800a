//! Prints each line's role, ending, width (ems) and whether it opens a paragraph
//! (¶), for plain text and for structured pages (hOCR, ALTO, PAGE, TSV, PaddleOCR,
//! PDF) with their geometry: a tool for tuning the layout model on a page
//! (`cargo run --release -p jiaodui-desk --example layout_dump FILE`).
use std::path::Path;

use jiaodui_core::engine::Layout;
use jiaodui_desk::structured::Structured;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: layout_dump FILE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_default();
    let (text, layout) = match Structured::read(Path::new(&path), &bytes) {
        Ok(Some(s)) => {
            let layout = Layout::analyze_with(&s.text, Some(&s.geometry));
            (s.text, layout)
        }
        Ok(None) => {
            let Ok(decoded) = jiaodui_core::text::decode(&bytes) else {
                eprintln!("not a text file");
                std::process::exit(2);
            };
            let layout = Layout::analyze(&decoded.text);
            (decoded.text, layout)
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    println!(
        "blank lines mark paragraphs: {}",
        layout.blank_lines_mark_paragraphs
    );
    for (i, l) in layout.lines.iter().enumerate() {
        if l.is_blank() {
            continue;
        }
        let p = layout.paragraph_of_line(i).unwrap_or(0);
        let first = layout.paragraphs[p].start == i;
        println!(
            "{:>4} {}{} {:>5.1} {:?}/{:?}{} {}",
            i + 1,
            if first { "¶" } else { " " },
            if l.indented { "»" } else { " " },
            l.width,
            l.role,
            l.ending,
            if l.continues_headline { " +h" } else { "" },
            &text[l.content.clone()]
        );
    }
}
