//! The Diff view driven through the real UI: apply every fix, open View → Diff,
//! step through the changes, hide whitespace-only changes, export a report
//! through the path field (no native dialog in tests).

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jiaodui_app::App;
use jiaodui_app::app::View;
use jiaodui_app::command::Command;
use jiaodui_app::i18n::Lang;
use jiaodui_app::settings::AppSettings;

fn harness() -> Harness<'static, App> {
    let app = App::with_sample(AppSettings {
        language: Lang::En,
        ..Default::default()
    });
    crate::harness(app)
}

#[test]
fn diff_view_after_apply_all_steps_through_changes() {
    let mut h = harness();
    h.run();
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Apply every fix").click();
    h.run();
    assert!(h.state().doc().is_modified());

    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Diff (original | corrected)").click();
    h.run();
    assert_eq!(h.state().view(), View::Diff);
    let total = h.state().diff_view().position().1;
    assert!(
        total > 100,
        "the sample's fixes are hundreds of changes, got {total}"
    );
    assert!(
        h.query_by_label_contains(&format!("{total} changes"))
            .is_some()
    );

    h.get_by_label("Next change ▶").click();
    h.run();
    assert_eq!(h.state().diff_view().position(), (Some(1), total));
    h.get_by_label("Next change ▶").click();
    h.run();
    assert_eq!(h.state().diff_view().position(), (Some(2), total));
    assert!(
        h.query_by_label_contains(&format!("2 / {total} changes"))
            .is_some()
    );
    h.get_by_label("◀ Previous change").click();
    h.run();
    assert_eq!(h.state().diff_view().position(), (Some(1), total));

    // Hiding whitespace-only changes leaves the doubled glyphs and the like.
    h.get_by_label("Whitespace changes ⏎ ␣").click();
    h.run();
    let (_, shown) = h.state().diff_view().position();
    assert!(shown > 0 && shown < total / 10, "{shown} of {total}");
    h.get_by_label("Next change ▶").click();
    h.run();
    let doc = h.state().doc().clone();
    let d = h.state_mut().diff_view_mut().diff(&doc);
    let cur = h.state().diff_view().current.expect("a current change");
    assert!(!d.changes[cur].whitespace_only);
    // The current change is scrolled into view: look with JIAODUI_DIFF_PNG_NAV=out.png.
    if let Ok(out) = std::env::var("JIAODUI_DIFF_PNG_NAV") {
        h.run();
        if let Ok(img) = h.render() {
            let _ = img.save(out);
        }
    }
}

#[test]
fn export_report_through_the_path_field() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("page.report.json");
    let mut h = harness();
    h.run();
    h.state_mut().push(Command::ApplyEverything);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export report…").click();
    h.run();
    // Tests use path fields, as a machine without a file-dialog portal does.
    assert_eq!(h.state().view(), View::Diff);
    assert!(h.state().diff_view().export_path.is_some());
    h.state_mut().diff_view_mut().export_path = Some(target.display().to_string());
    h.run();
    h.get_by_label("Export").click();
    h.run();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(json["kind"], "jiaodui-diff-report");
    assert!(json["summary"]["changes"].as_u64().unwrap() > 100);
    assert!(
        h.state()
            .status()
            .as_deref()
            .is_some_and(|s| s.contains("page.report.json"))
    );
    if let Ok(out) = std::env::var("JIAODUI_DIFF_PNG") {
        if let Ok(img) = h.render() {
            let _ = img.save(out);
        }
    }
}

#[test]
fn inline_mode_in_dark_chinese() {
    use jiaodui_app::panels::diff::Mode;
    use jiaodui_app::settings::Theme;
    let app = App::with_sample(AppSettings {
        language: Lang::Zh,
        theme: Theme::Dark,
        ..Default::default()
    });
    let mut h = crate::harness(app);
    h.run();
    h.state_mut().push(Command::ApplyEverything);
    h.state_mut().push(Command::ShowView(View::Diff));
    h.run();
    h.get_by_label("合并").click();
    h.run();
    assert_eq!(h.state().diff_view().mode, Mode::Inline);
    h.get_by_label("下一处改动 ▶").click();
    h.run();
    assert_eq!(h.state().diff_view().position().0, Some(1));
    if let Ok(out) = std::env::var("JIAODUI_DIFF_PNG_DARK") {
        if let Ok(img) = h.render() {
            let _ = img.save(out);
        }
    }
}

/// Defect 4: with whitespace changes hidden, Next change goes to the first
/// non-whitespace change and brings its row into sight (not the end of the page).
#[test]
fn next_change_with_whitespace_hidden_scrolls_to_it() {
    let mut h = harness();
    h.run();
    h.state_mut().push(Command::ApplyEverything);
    h.state_mut().push(Command::ShowView(View::Diff));
    h.run();
    h.get_by_label("Whitespace changes ⏎ ␣").click();
    h.run();
    h.get_by_label("Next change ▶").click();
    h.run();
    let (pos, n) = h.state().diff_view().position();
    assert_eq!(pos, Some(1), "1 / {n}");
    let doc = h.state().doc().clone();
    let d = h.state_mut().diff_view_mut().diff(&doc);
    let cur = h.state().diff_view().current.unwrap();
    assert_eq!(Some(cur), d.next_change(None, false));
    let (row, clip) = h
        .state()
        .diff_view()
        .current_row
        .expect("the current change's row is drawn");
    assert!(
        clip.intersects(row) && row.top() >= clip.top() - 1.0 && row.top() < clip.bottom(),
        "row {row:?} outside the visible rows {clip:?}"
    );
    if let Ok(out) = std::env::var("JIAODUI_DIFF_PNG_WS") {
        if let Ok(img) = h.render() {
            let _ = img.save(out);
        }
    }
}

/// Defect 5: the export path bar (Chinese, the no-native-dialog note shown) fits
/// the central area: 取消 is whole and the diff stays left of the findings panel.
#[test]
fn export_path_bar_fits_beside_the_findings_panel() {
    let app = App::with_sample(AppSettings {
        language: Lang::Zh,
        ..Default::default()
    });
    let mut h = crate::harness(app);
    h.run();
    h.state_mut().push(Command::ApplyEverything);
    h.run();
    h.state_mut().push(Command::Diff(
        jiaodui_app::panels::diff::DiffCommand::Export,
    ));
    h.run();
    h.state_mut().diff_view_mut().export_no_native = true;
    h.run();
    let findings_left = h.get_by_label("问题").rect().left();
    let cancel = h.get_by_label("取消").rect();
    assert!(
        cancel.right() <= findings_left,
        "取消 {cancel:?} runs under the findings panel (x = {findings_left})"
    );
    assert!(cancel.width() > 20.0, "取消 is cut: {cancel:?}");
    let corrected = h.get_by_label("校对后").rect();
    assert!(
        corrected.right() <= findings_left,
        "the diff {corrected:?} runs under the findings panel (x = {findings_left})"
    );
    if let Ok(out) = std::env::var("JIAODUI_DIFF_PNG_EXPORT") {
        if let Ok(img) = h.render() {
            let _ = img.save(out);
        }
    }
}
