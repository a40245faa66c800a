fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let mut s = std::fs::read_to_string(path).unwrap_or_default();
    for _ in 0..6 {
        let f = jiaodui_core::engine::check(&s, &Default::default());
        for x in &f {
            if x.is_fixable() {
                println!(
                    "  {:?} {:?} -> {:?}",
                    x.rule,
                    x.original(&s),
                    x.replacement(&s)
                );
            }
        }
        s = jiaodui_core::engine::fixes(&f).apply(&s).unwrap();
        println!("{s}");
    }
}
