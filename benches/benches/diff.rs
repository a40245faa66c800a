//! Diff speed: a ~1 MB page (the sample repeated) against its `engine::fix`
//! output — nearly every printed line of a raw page changes, the worst ordinary
//! case. Issue 4 asks for ≤ 300 ms; the diff must also finish without hitting its
//! deadline (`timed_out` false), or the figure would measure the fallback.
//!
//! `cargo bench --bench diff`

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group};
use jiaodui_core::diff::{self, DiffOptions};
use jiaodui_core::engine::{self, Settings};

const SAMPLE: &str = include_str!("../../assets/samples/000_39b2f5fd87845c7e.txt");

fn one_megabyte() -> String {
    let mut s = String::with_capacity((1 << 20) + SAMPLE.len());
    while s.len() < 1 << 20 {
        s.push_str(SAMPLE);
        s.push('\n');
    }
    s
}

fn bench(c: &mut Criterion) {
    let raw = one_megabyte();
    let fixed = engine::fix(&raw, &Settings::default());
    // Unbounded run once, to report whether the default deadline would cut in.
    let t = Instant::now();
    let full = diff::diff_with(
        &raw,
        &fixed,
        DiffOptions {
            timeout: Duration::from_secs(60),
        },
    );
    eprintln!(
        "1 MB diff without deadline: {:?}, {} rows, {} changes ({} whitespace-only)",
        t.elapsed(),
        full.rows.len(),
        full.count(true),
        full.count(true) - full.count(false)
    );
    assert!(
        !diff::diff(&raw, &fixed).timed_out,
        "the default deadline cut the 1 MB diff short"
    );

    let mut g = c.benchmark_group("diff");
    g.sample_size(20)
        .measurement_time(Duration::from_secs(10))
        .warm_up_time(Duration::from_secs(1));
    g.throughput(Throughput::Bytes(raw.len() as u64));
    g.bench_function("raw-vs-fixed/1MB", |b| {
        b.iter(|| diff::diff(black_box(&raw), black_box(&fixed)))
    });
    g.finish();
}

criterion_group!(benches, bench);

// criterion_main!, after the allocator settings of the binary.
fn main() {
    jiaodui_core::allocator::tune();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
