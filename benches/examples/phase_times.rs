//! Where a check and a fix spend their time, phase by phase, on the sample page
//! repeated to N MB, for profiling only (`cargo bench` is the measurement of record):
//! `cargo run --release --manifest-path benches/Cargo.toml --example phase_times 30`.
use std::time::Instant;

use jiaodui_core::engine::{self, Layout, RuleId, Settings};

#[path = "../benches/common/corpus.rs"]
mod corpus;

fn main() {
    jiaodui_core::allocator::tune();
    let mb: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(30);
    let mut text = corpus::mixed(mb << 20);
    // `JIAODUI_ONE_LINE=1`: the same text as one line (no line breaks at all).
    if std::env::var_os("JIAODUI_ONE_LINE").is_some() {
        text.retain(|c| c != '\n');
    }
    let settings = Settings::default();
    // `phase_times N layout|check|fix|none`: run one phase only, for `perf stat`
    // instruction counts (steady on a loaded machine, unlike times).
    if let Some(phase) = std::env::args().nth(2) {
        match phase.as_str() {
            "layout" => drop(std::hint::black_box(Layout::analyze(&text))),
            "check" => drop(std::hint::black_box(engine::check(&text, &settings))),
            "fix" => drop(std::hint::black_box(engine::fix(&text, &settings))),
            // `repeat`: median time of check and of fix over 40 runs each (quick
            // feedback while optimizing; criterion remains the measurement of record).
            "repeat" => {
                let median = |f: &dyn Fn()| {
                    let mut t: Vec<f64> = (0..40)
                        .map(|_| {
                            let s = Instant::now();
                            f();
                            s.elapsed().as_secs_f64() * 1e3
                        })
                        .collect();
                    t.sort_by(f64::total_cmp);
                    (t[0], t[t.len() / 2])
                };
                let (c0, c) =
                    median(&|| drop(std::hint::black_box(engine::check(&text, &settings))));
                let (f0, f) = median(&|| drop(std::hint::black_box(engine::fix(&text, &settings))));
                let (l0, l) = median(&|| drop(std::hint::black_box(Layout::analyze(&text))));
                println!("layout {l:.2} ms (min {l0:.2})");
                let ctx = engine::Context {
                    text: &text,
                    layout: Layout::analyze(&text),
                    geometry: None,
                    settings: &settings,
                };
                for rule in RuleId::ALL {
                    let (r0, r) = median(&|| drop(std::hint::black_box((rule.info().check)(&ctx))));
                    println!("{:<17} {r:.3} ms (min {r0:.3})", rule.as_str());
                }
                let found = engine::check(&text, &settings);
                // One pass of fix: merge the findings' edits in order and splice.
                let (a0, a) =
                    median(&|| drop(std::hint::black_box(engine::apply_fixes(&text, &found))));
                let fixed = engine::fix(&text, &settings);
                let (r0, r) =
                    median(&|| drop(std::hint::black_box(engine::check(&fixed, &settings))));
                println!(
                    "check {c:.2} ms (min {c0:.2})   fix {f:.2} ms (min {f0:.2})   \
                     apply {a:.2} (min {a0:.2})   re-check {r:.2} (min {r0:.2})   (median of 40, {mb} MB)"
                );
            }
            _ => {}
        }
        return;
    }
    let mbs = |t: Instant| text.len() as f64 / t.elapsed().as_secs_f64() / 1e6;
    let t = Instant::now();
    let layout = Layout::analyze(&text);
    println!("layout            {:7.1} MB/s", mbs(t));
    let ctx = engine::Context {
        text: &text,
        layout,
        settings: &settings,
        geometry: None,
    };
    for rule in RuleId::ALL {
        let t = Instant::now();
        let n = (rule.info().check)(&ctx).len();
        println!("{:<17} {:7.1} MB/s ({n} findings)", rule.as_str(), mbs(t));
    }
    let t = Instant::now();
    let findings = engine::check(&text, &settings);
    println!("check             {:7.1} MB/s", mbs(t));
    let t = Instant::now();
    let cs = engine::fixes(&findings);
    println!("fixes()           {:7.1} MB/s", mbs(t));
    let t = Instant::now();
    let once = cs.apply(&text).expect("engine edits apply");
    println!("apply             {:7.1} MB/s", mbs(t));
    let t = Instant::now();
    let again = engine::check(&once, &settings).len();
    println!("re-check          {:7.1} MB/s ({again} findings)", mbs(t));
    let t = Instant::now();
    let _ = engine::fix(&text, &settings);
    println!("fix               {:7.1} MB/s", mbs(t));
}
