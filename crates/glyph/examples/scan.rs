//! Print the suspects of a text file: cargo run --release --example scan -- FILE
fn main() {
    let path = std::env::args().nth(1).expect("usage: scan FILE");
    let text = std::fs::read_to_string(path).expect("read");
    for s in jiaodui_glyph::find_suspects(&text, jiaodui_glyph::lexicon(), &|_| false) {
        let cands: Vec<&str> = s.candidates.iter().map(|c| c.text.as_str()).collect();
        println!(
            "{}..{} {:?} {:?} -> {:?} conf {:.2}",
            s.start_byte,
            s.end_byte,
            s.kind,
            &text[s.start_byte..s.end_byte],
            cands,
            s.confidence
        );
    }
}
