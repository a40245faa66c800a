//! Prints what `read_pdf` gets from a PDF: per page, each line with its block, font
//! size, box and ghost pairs. `cargo run --release -p jiaodui-pdf --example dump FILE.pdf`

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump FILE.pdf");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    match jiaodui_pdf::read_pdf(&bytes) {
        Ok(doc) => {
            for (p, page) in doc.pages.iter().enumerate() {
                println!("page {} size {:?}", p + 1, page.size);
                for l in &page.lines {
                    let b = l.bbox.map(|b| b.to_pixels());
                    println!(
                        "  [{}] {:5.1}px {:?} {} ghosts {:?}",
                        l.block,
                        l.font_size.unwrap_or(0.0),
                        b,
                        l.text,
                        jiaodui_pdf::ghost_pairs(l)
                    );
                }
            }
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
