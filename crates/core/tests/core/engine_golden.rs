//! The whole sample page, raw → fixed, against the hand-checked result; and
//! fixing the fixed text changes nothing.

use jiaodui_core::engine::{self, Settings};

const RAW: &str = include_str!("../../../../assets/samples/000_39b2f5fd87845c7e.txt");
const FIXED: &str = include_str!("../../../../tests/golden/000_39b2f5fd87845c7e.fixed.txt");

#[test]
fn sample_page_fixes_to_golden() {
    let fixed = engine::fix(RAW, &Settings::default());
    if fixed != FIXED {
        let diff = similar::TextDiff::from_lines(FIXED, fixed.as_str());
        panic!(
            "fix output differs from golden:\n{}",
            diff.unified_diff().header("golden", "fix")
        );
    }
}

#[test]
fn fixing_is_idempotent_on_the_sample() {
    assert_eq!(engine::fix(FIXED, &Settings::default()), FIXED);
    // Layout damage is gone; what is left (a suspect glyph) is for the editor to judge.
    let left: Vec<_> = engine::check(FIXED, &Settings::default())
        .into_iter()
        .filter(|f| f.rule.info().in_fix)
        .collect();
    assert!(left.is_empty(), "{left:#?}");
}

#[test]
fn golden_keeps_what_is_correct() {
    for keep in [
        "整整齐齐",
        "干干净净",
        "来来回回",
        "人人",
        "高高飘扬",
        "……",
        "88项",
        "1400",
        "2022年",
        "智玮玮",
        "记者 王晨 通讯员 张越",
        "2021 年 10 月",
    ] {
        assert!(FIXED.contains(keep), "{keep} lost");
    }
    assert!(FIXED.contains(
        "\n8 月 26日，太昊路办事处许寨社区文艺队在社区内敲锣打鼓宣传“创文”知识。\n记者 王晨 摄\n"
    ));
}

#[test]
fn apply_all_equals_cli_fix_and_any_subset_is_well_formed() {
    let found = engine::check(RAW, &Settings::default());
    let all = engine::fixes(&found).apply(RAW).unwrap();
    assert_eq!(all, FIXED);
    // Every other finding, then the rest after a re-check, ends in the same place.
    let half: Vec<_> = found.iter().step_by(2).cloned().collect();
    let partial = engine::fixes(&half).apply(RAW).unwrap();
    assert_eq!(engine::fix(&partial, &Settings::default()), FIXED);
}
