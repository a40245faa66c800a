//! Prints each line's role, ending, width and whether it joins the previous one:
//! a tool for tuning the layout model on a page (`cargo run --example layout_dump FILE`).
use jiaodui_core::engine::Layout;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: layout_dump FILE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_default();
    let Ok(decoded) = jiaodui_core::text::decode(&bytes) else {
        eprintln!("not a text file");
        std::process::exit(2);
    };
    let layout = Layout::analyze(&decoded.text);
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
            "{:>4} {} {:>5.1} {:?}/{:?} {}",
            i + 1,
            if first { "¶" } else { " " },
            l.width,
            l.role,
            l.ending,
            &decoded.text[l.content.clone()]
        );
    }
}
