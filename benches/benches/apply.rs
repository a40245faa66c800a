//! "Apply all" on a 1 MB page (the sample repeated, ~14 000 fixable findings):
//! building the change set, splicing the text, committing it to a document (with
//! the inverse kept for undo), and moving every finding's offsets through it.
//!
//! `cargo bench --bench apply`; the app's own figure (the whole frame) comes from
//! `jiaodui --bench-frames 200 FILE`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group};
use jiaodui_core::edit::History;
use jiaodui_core::engine::{self, Settings};

const SAMPLE: &str = include_str!("../../assets/samples/000_39b2f5fd87845c7e.txt");

fn apply_all(c: &mut Criterion) {
    let mut text = String::new();
    while text.len() < 1 << 20 {
        text.push_str(SAMPLE);
        text.push('\n');
    }
    let findings = engine::check(&text, &Settings::default());
    let change = engine::fixes(&findings);
    let fixable = findings.iter().filter(|f| f.is_fixable()).count();
    eprintln!(
        "apply bench: {} bytes, {fixable} fixable findings, {} edits",
        text.len(),
        change.edits().len()
    );
    let mut g = c.benchmark_group(format!("apply-all-{fixable}-findings"));
    g.sample_size(20)
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_secs(1))
        .throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("build-changeset", |b| {
        b.iter(|| engine::fixes(black_box(&findings)))
    });
    g.bench_function("splice-text", |b| b.iter(|| change.apply(black_box(&text))));
    g.bench_function("splice-without-changeset", |b| {
        b.iter(|| engine::apply_fixes(black_box(&text), &findings))
    });
    // What the desk's Document does on Apply all and Ctrl+Z: apply, record the
    // inverse, apply the inverse.
    g.bench_function("document-commit-and-undo", |b| {
        b.iter_batched(
            || (text.clone(), History::default()),
            |(doc, mut history)| {
                let next = change.apply(&doc).expect("engine edits apply");
                history.record(&doc, change.clone());
                let undo = history.undo().expect("one step recorded");
                (undo.apply(&next).expect("inverse applies"), history)
            },
            criterion::BatchSize::LargeInput,
        )
    });
    g.bench_function("move-findings-through-change", |b| {
        b.iter(|| {
            let map = change.offset_map();
            findings
                .iter()
                .filter(|f| !f.edits.iter().any(|e| change.touches(&e.range_bytes)))
                .map(|f| map.map(f.span_bytes.start, true) + map.map(f.span_bytes.end, false))
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, apply_all);

// criterion_main!, after the allocator settings of the binary.
fn main() {
    jiaodui_core::allocator::tune();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
