//! End-to-end tests through the `jiaodui` binary (one test binary): the CLI's
//! contracts, folder batches, reports, reliability cases, fuzz crashers replayed,
//! crash recovery and the real-window screenshot.

mod cli;
mod crash_recovery;
mod folder_batch;
mod folder_report;
mod fuzz_regressions;
mod gui_screenshot;
mod gui_signal;
mod install;
mod ocr;
mod reliability;
mod report;
mod safe_outputs;
mod structured;

/// The findings of a `check --format json` report of a one-page structured input,
/// each asserted to carry page 1 and a non-empty pixel box inside `within` (w, h)
/// when given.
fn findings_with_boxes(json: &[u8], within: Option<(i64, i64)>) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_slice(json).expect("JSON report");
    let findings = v["findings"].as_array().expect("findings").clone();
    assert!(!findings.is_empty(), "{v}");
    for f in &findings {
        assert_eq!(f["page"], 1, "{f}");
        let b: Vec<i64> = f["box"]
            .as_array()
            .unwrap_or_else(|| panic!("no box: {f}"))
            .iter()
            .map(|x| x.as_i64().expect("integer pixel"))
            .collect();
        assert!(b.len() == 4 && b[0] < b[2] && b[1] < b[3], "{f}");
        if let Some((w, h)) = within {
            assert!(b[2] <= w && b[3] <= h, "{f}");
        }
    }
    findings
}
