//! The benchmark input, shared by `benches/engine.rs` and `examples/phase_times.rs`
//! so that a profile and the measurement of record see the same text. (A folder
//! under `benches/`, so that cargo does not take it for a benchmark of its own.)

/// The bundled raw page.
pub const SAMPLE: &str = include_str!("../../../assets/samples/000_39b2f5fd87845c7e.txt");
/// Its corrected text (the golden output of `fix`).
pub const FIXED: &str = include_str!("../../../tests/golden/000_39b2f5fd87845c7e.fixed.txt");

/// Two raw pages to one corrected page, repeated to at least `bytes`: an archive's
/// mix of unrepaired and repaired text.
pub fn mixed(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + SAMPLE.len() + 1);
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(if i % 3 == 2 { FIXED } else { SAMPLE });
        s.push('\n');
        i += 1;
    }
    s
}
