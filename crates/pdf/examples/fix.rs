//! What `jiaodui fix FILE.pdf` prints, without building the app: the text layer read,
//! laid out with its geometry and fixed with the default settings. A quick loop for
//! eval/pdf.py (`--raw`: the text as read, nothing fixed).
//! `cargo run --release -p jiaodui-pdf --example fix FILE.pdf [--raw]`

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: fix FILE.pdf [--raw]");
        std::process::exit(2);
    };
    let raw = args.next().as_deref() == Some("--raw");
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let doc = match jiaodui_pdf::read_pdf(&bytes) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let (text, geometry) = doc.to_text();
    if raw {
        println!("{text}");
        return;
    }
    let settings = jiaodui_core::engine::Settings::default();
    let (fixed, _) = jiaodui_core::engine::fix_with_changes(&text, &settings, Some(&geometry));
    println!("{fixed}");
}
