//! Engine throughput: `check` and `fix` on large inputs (1, 10, 30 MB of the sample
//! page repeated, plus one 5 MB line and 100 000 short lines), and AutoCorrect's
//! lint and format on the same text in the same group.
//!
//! `cargo bench --manifest-path benches/Cargo.toml --bench engine`

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group};
use jiaodui_core::engine::{self, Settings};

#[path = "common/corpus.rs"]
mod corpus;

fn scaling(c: &mut Criterion) {
    let settings = Settings::default();
    let mut g = c.benchmark_group("engine");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(8))
        .warm_up_time(Duration::from_secs(1));
    for mb in [1usize, 10, 30] {
        let text = corpus::mixed(mb << 20);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(
            BenchmarkId::new("check", format!("{mb}MB")),
            &text,
            |b, t| b.iter(|| engine::check(black_box(t), &settings)),
        );
        g.bench_with_input(BenchmarkId::new("fix", format!("{mb}MB")), &text, |b, t| {
            b.iter(|| engine::fix(black_box(t), &settings))
        });
    }
    // Shapes that must not be slower per byte: one 5 MB line, 100 000 short lines.
    let one_line: String = corpus::mixed(5 << 20).replace('\n', "");
    g.throughput(Throughput::Bytes(one_line.len() as u64));
    g.bench_with_input(
        BenchmarkId::new("check", "one-5MB-line"),
        &one_line,
        |b, t| b.iter(|| engine::check(black_box(t), &settings)),
    );
    let short_lines: String = (0..100_000)
        .map(|i| {
            if i % 7 == 6 {
                "创文。\n"
            } else {
                "社区文明实践所，\n"
            }
        })
        .collect();
    g.throughput(Throughput::Bytes(short_lines.len() as u64));
    g.bench_with_input(
        BenchmarkId::new("check", "100k-short-lines"),
        &short_lines,
        |b, t| b.iter(|| engine::check(black_box(t), &settings)),
    );
    g.finish();
}

/// jiaodui and AutoCorrect side by side on the same 1 MB.
fn versus_autocorrect(c: &mut Criterion) {
    let settings = Settings::default();
    let text = corpus::mixed(1 << 20);
    let mut g = c.benchmark_group("versus-autocorrect-1MB");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .warm_up_time(Duration::from_secs(1));
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("jiaodui-check", |b| {
        b.iter(|| engine::check(black_box(&text), &settings))
    });
    g.bench_function("jiaodui-fix", |b| {
        b.iter(|| engine::fix(black_box(&text), &settings))
    });
    {
        g.bench_function("autocorrect-lint", |b| {
            b.iter(|| autocorrect::lint_for(black_box(&text), "text"))
        });
        g.bench_function("autocorrect-format", |b| {
            b.iter(|| autocorrect::format(black_box(&text)))
        });
    }
    g.finish();
}

criterion_group!(benches, scaling, versus_autocorrect);

// criterion_main!, after the allocator settings of the binary.
fn main() {
    jiaodui_core::allocator::tune();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
