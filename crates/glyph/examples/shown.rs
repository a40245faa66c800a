//! Print what the jiaodui rule shows for a text file (scan + show policy), with the damage
//! evidence around each suspect: cargo run --release --example shown -- FILE
use jiaodui_glyph::{ShowPolicy, evidence_around, find_suspects, lexicon, shown};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: shown FILE");
        return;
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path}");
        return;
    };
    let p = ShowPolicy::default();
    let all = find_suspects(&text, lexicon(), &|_| false);
    let ev = evidence_around(&text, &all, &p);
    let kept = shown(&text, all.clone(), &p);
    for (s, n) in all.iter().zip(ev) {
        let mark = if kept.contains(s) { "SHOWN " } else { "hidden" };
        let cands: Vec<&str> = s.candidates.iter().map(|c| c.text.as_str()).collect();
        println!(
            "{mark} {}..{} {:?} {:?} -> {:?} conf {:.2}, evidence {n}",
            s.start_byte,
            s.end_byte,
            s.kind,
            &text[s.start_byte..s.end_byte],
            cands,
            s.confidence
        );
    }
}
