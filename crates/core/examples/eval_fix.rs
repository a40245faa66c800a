//! The evaluation's fixer without the GUI link: reads `RAW\tOUT` pairs from standard
//! input and writes `engine::fix` of each RAW to OUT; with `--count FILE…` prints the
//! number of `check` findings per file and rule instead (eval/run.py `--fixer`).
use jiaodui_core::engine;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let settings = engine::Settings::default();
    let read = |p: &str| {
        let bytes = std::fs::read(p).expect("read");
        jiaodui_core::text::decode(&bytes).expect("decode").text
    };
    if args.first().map(String::as_str) == Some("--count") {
        for p in &args[1..] {
            let f = engine::check(&read(p), &settings);
            let mut by: std::collections::BTreeMap<&str, usize> = Default::default();
            for x in &f {
                *by.entry(x.rule.as_str()).or_default() += 1;
            }
            println!("{p}\t{}\t{by:?}", f.len());
        }
        return;
    }
    for line in std::io::stdin().lines() {
        let line = line.expect("stdin");
        let Some((raw, out)) = line.split_once('\t') else {
            continue;
        };
        std::fs::write(out, engine::fix(&read(raw), &settings)).expect("write");
    }
}
