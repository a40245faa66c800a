//! Quick single-run throughput of check and fix on the sample repeated to N MB
//! (`cargo run --release --example throughput 30`); criterion (`cargo bench`) is the
//! measurement of record, this is for profiling.
use std::time::Instant;

fn main() {
    jiaodui::allocator::tune();
    let mb: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(30);
    let sample = include_str!("../assets/samples/000_39b2f5fd87845c7e.txt");
    let fixed = include_str!("../tests/golden/000_39b2f5fd87845c7e.fixed.txt");
    // The benchmark's corpus: two raw pages to one corrected page.
    let mut text = String::new();
    let mut i = 0;
    while text.len() < mb << 20 {
        text.push_str(if i % 3 == 2 { fixed } else { sample });
        text.push('\n');
        i += 1;
    }
    let settings = jiaodui::engine::Settings::default();
    let t = Instant::now();
    let n = jiaodui::engine::check(&text, &settings).len();
    let dt = t.elapsed().as_secs_f64();
    println!(
        "check: {n} findings, {:.1} MB/s",
        text.len() as f64 / dt / 1e6
    );
    if std::env::args().nth(2).as_deref() == Some("check") {
        return;
    }
    let t = Instant::now();
    let out = jiaodui::engine::fix(&text, &settings);
    let dt = t.elapsed().as_secs_f64();
    println!(
        "fix:   {} bytes out, {:.1} MB/s",
        out.len(),
        text.len() as f64 / dt / 1e6
    );
}
