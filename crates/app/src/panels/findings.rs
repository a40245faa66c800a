//! The findings panel: the selected finding in detail, then every finding grouped
//! by rule with counts, a rule filter, Apply / Ignore per item and per rule, and
//! the total left to review. The list is virtualized (only visible rows are built),
//! so a page with thousands of findings costs the same per frame as one with ten.

use eframe::egui::{self, Button, RichText, ScrollArea, Ui};

use super::finding_card;
use super::icons::{Icon, icon_button};
use super::text_view::swatch;
use crate::command::Command;
use crate::i18n::{T, rule_name};
use jiaodui_core::engine::{Finding, RuleId};
use jiaodui_core::text::LineIndex;
use jiaodui_desk::review::Review;

/// Characters of context shown on each side of a finding.
const CONTEXT: usize = 5;
/// Longest stretch of a span shown before it is elided.
const SPAN_MAX: usize = 18;

/// `(before, after)` with a little context, spaces as `·` and line breaks as `⏎`
/// (the mark the text view puts on a break a fix joins), so that what a fix
/// removes is visible in a one-line preview.
pub fn preview(text: &str, f: &Finding) -> (String, Option<String>) {
    let span = f.span_bytes.clone();
    let left: String = text
        .get(..span.start)
        .unwrap_or("")
        .chars()
        .rev()
        .take_while(|c| *c != '\n')
        .take(CONTEXT)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let right: String = text
        .get(span.end..)
        .unwrap_or("")
        .chars()
        .take_while(|c| *c != '\n')
        .take(CONTEXT)
        .collect();
    let show = |s: &str| -> String {
        let visible: String = s
            .chars()
            .map(|c| match c {
                ' ' => '·',
                '\u{3000}' => '□',
                '\n' => '⏎',
                '\r' => ' ',
                c => c,
            })
            .collect();
        let n = visible.chars().count();
        if n > SPAN_MAX {
            let head: String = visible.chars().take(SPAN_MAX - 4).collect();
            let tail: String = visible.chars().skip(n - 3).collect();
            format!("{head}…{tail}")
        } else {
            visible
        }
    };
    let before = format!("{}{}{}", show(&left), show(f.original(text)), show(&right));
    let after = f
        .replacement(text)
        .map(|r| format!("{}{}{}", show(&left), show(&r), show(&right)));
    (before, after)
}

/// How the editor left the list: the rule filter, the rules folded, and whether
/// the Ignored group is unfolded (the app keeps it; commands change it).
#[derive(Clone, Debug, Default)]
pub struct FindingsList {
    pub filter: Option<RuleId>,
    pub collapsed: std::collections::BTreeSet<RuleId>,
    /// The Ignored group is unfolded.
    pub show_ignored: bool,
}

/// What the findings panel reads.
pub struct FindingsInput<'a> {
    /// The UI's language and colours, and the page text.
    pub card: finding_card::Card<'a>,
    pub review: &'a Review,
    pub selected: Option<usize>,
    pub list: &'a FindingsList,
}

#[derive(Clone, Copy)]
enum Row {
    Header(RuleId),
    Item(usize),
}

pub fn show(ui: &mut Ui, input: &FindingsInput, out: &mut Vec<Command>) {
    let lang = input.card.lang;
    let palette = input.card.palette;
    let text = input.card.text;
    egui::Panel::right("findings-panel")
        .resizable(true)
        .default_size(380.0)
        .min_size(260.0)
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                ui.heading(T::Findings.get(lang));
                let total = input.review.findings().len();
                ui.label(RichText::new(format!("{total} {}", T::Left.get(lang))).strong());
            });
            ui.horizontal(|ui| {
                let label = ui.label(T::Filter.get(lang));
                let current = input
                    .list
                    .filter
                    .map_or(T::FilterAll.get(lang), |r| rule_name(r, lang));
                let combo = egui::ComboBox::from_id_salt("rule-filter")
                    .selected_text(current)
                    .show_ui(ui, |ui| {
                        if ui
                            .selectable_label(input.list.filter.is_none(), T::FilterAll.get(lang))
                            .clicked()
                        {
                            out.push(Command::SetFilter(None));
                        }
                        for rule in RuleId::ALL {
                            let n = input.review.counts().get(&rule).copied().unwrap_or(0);
                            if ui
                                .selectable_label(
                                    input.list.filter == Some(rule),
                                    format!("{} ({n})", rule_name(rule, lang)),
                                )
                                .clicked()
                            {
                                out.push(Command::SetFilter(Some(rule)));
                            }
                        }
                    });
                let _ = combo.response.labelled_by(label.id);
            });
            ui.separator();

            if let Some(ix) = input.selected
                && let Some(f) = input.review.findings().get(ix)
            {
                selected_card(ui, &input.card, ix, f, out);
                ui.separator();
            }

            if input.review.findings().is_empty() {
                ui.label(T::NoFindings.get(lang));
            }

            let mut rows = Vec::new();
            for rule in RuleId::ALL {
                if input.list.filter.is_some_and(|r| r != rule) {
                    continue;
                }
                let items: Vec<usize> = input
                    .review
                    .findings()
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| f.rule == rule)
                    .map(|(i, _)| i)
                    .collect();
                if items.is_empty() {
                    continue;
                }
                rows.push(Row::Header(rule));
                if !input.list.collapsed.contains(&rule) {
                    rows.extend(items.into_iter().map(Row::Item));
                }
            }
            let lines = LineIndex::new(text);
            ignored_group(ui, input, &lines, out);
            if rows.is_empty() {
                return;
            }
            let row_height = ui
                .spacing()
                .interact_size
                .y
                .max(ui.text_style_height(&egui::TextStyle::Body) + 6.0);
            ScrollArea::vertical()
                .id_salt("findings-list")
                .auto_shrink([false, false])
                .show_rows(ui, row_height, rows.len(), |ui, range| {
                    for row in &rows[range] {
                        match *row {
                            Row::Header(rule) => {
                                ui.horizontal(|ui| {
                                    ui.set_height(row_height);
                                    swatch(ui, palette, rule);
                                    let n = input.review.counts().get(&rule).copied().unwrap_or(0);
                                    let open = !input.list.collapsed.contains(&rule);
                                    let arrow = if open { "−" } else { "+" };
                                    let header = ui
                                        .selectable_label(
                                            false,
                                            RichText::new(format!(
                                                "{arrow} {} · {n}",
                                                rule_name(rule, lang)
                                            ))
                                            .strong(),
                                        )
                                        .on_hover_text(rule.describe(lang));
                                    if header.clicked() {
                                        out.push(Command::SetCollapsed(rule, open));
                                    }
                                    ui.with_layout(
                                        egui::Layout::right_to_left(egui::Align::Center),
                                        |ui| {
                                            if ui.small_button(T::IgnoreAll.get(lang)).clicked() {
                                                out.push(Command::IgnoreRule(rule));
                                            }
                                            let fixable = input
                                                .review
                                                .findings()
                                                .iter()
                                                .any(|f| f.rule == rule && f.is_fixable());
                                            if ui
                                                .add_enabled(
                                                    fixable,
                                                    Button::new(T::ApplyAll.get(lang)).small(),
                                                )
                                                .clicked()
                                            {
                                                out.push(Command::ApplyRule(rule));
                                            }
                                        },
                                    );
                                });
                            }
                            Row::Item(ix) => {
                                let f = &input.review.findings()[ix];
                                ui.horizontal(|ui| {
                                    ui.set_height(row_height);
                                    ui.add_space(14.0);
                                    let line = lines
                                        .position(text, f.span_bytes.start.min(text.len()))
                                        .line;
                                    let (before, after) = preview(text, f);
                                    let label = match &after {
                                        Some(a) => format!("{line:>4}  {before} → {a}"),
                                        None => format!("{line:>4}  {before}"),
                                    };
                                    let width = ui.available_width() - 60.0;
                                    let selected = input.selected == Some(ix);
                                    let item = ui.add_sized(
                                        [width.max(40.0), row_height],
                                        egui::Button::selectable(selected, RichText::new(label))
                                            .truncate(),
                                    );
                                    if item.on_hover_text(f.message.render(lang)).clicked() {
                                        out.push(Command::Select(ix));
                                    }
                                    // Accessible names carry the line so each button is findable on its own.
                                    let apply = format!("{} ({line})", T::Apply.get(lang));
                                    let ignore = format!("{} ({line})", T::Ignore.get(lang));
                                    if icon_button(ui, Icon::Check, &apply, f.is_fixable())
                                        .clicked()
                                    {
                                        out.push(Command::Apply(ix));
                                    }
                                    if icon_button(ui, Icon::Cross, &ignore, true).clicked() {
                                        out.push(Command::Ignore(ix));
                                    }
                                });
                            }
                        }
                    }
                });
        });
}

/// The selected finding in full: rule, message, before → after, and its actions.
fn selected_card(
    ui: &mut Ui,
    card: &finding_card::Card,
    ix: usize,
    f: &Finding,
    out: &mut Vec<Command>,
) {
    ui.horizontal(|ui| finding_card::heading(ui, card, f));
    finding_card::details(ui, card, ix, f, "selected-before-after", out);
}

/// The Ignored group, at the foot of the panel (always in view, however long the
/// list above): what the editor ignored, each with Restore. Folded by default.
fn ignored_group(ui: &mut Ui, input: &FindingsInput, lines: &LineIndex, out: &mut Vec<Command>) {
    let ignored = input.review.ignored();
    if ignored.is_empty() {
        return;
    }
    let lang = input.card.lang;
    let palette = input.card.palette;
    let text = input.card.text;
    let show_ignored = input.list.show_ignored;
    let row_height = ui
        .spacing()
        .interact_size
        .y
        .max(ui.text_style_height(&egui::TextStyle::Body) + 6.0);
    egui::Panel::bottom("ignored-findings")
        .resizable(false)
        .show(ui, |ui| {
            ui.add_space(2.0);
            let arrow = if show_ignored { "−" } else { "+" };
            let n = ignored.len();
            if ui
                .selectable_label(
                    false,
                    RichText::new(format!("{arrow} {} · {n}", T::Ignored.get(lang))).strong(),
                )
                .on_hover_text(T::IgnoredHint.get(lang))
                .clicked()
            {
                out.push(Command::ShowIgnored(!show_ignored));
            }
            if !show_ignored {
                return;
            }
            ScrollArea::vertical()
                .id_salt("ignored-list")
                .max_height(row_height * 6.0)
                .auto_shrink([false, true])
                .show_rows(ui, row_height, n, |ui, range| {
                    for k in range {
                        let Some(f) = ignored.get(k) else { continue };
                        ui.horizontal(|ui| {
                            ui.set_height(row_height);
                            ui.add_space(14.0);
                            swatch(ui, palette, f.rule);
                            let line = lines
                                .position(text, f.span_bytes.start.min(text.len()))
                                .line;
                            let (before, _) = preview(text, f);
                            let restore = format!("{} ({line})", T::Restore.get(lang));
                            let width = ui.available_width() - ui.spacing().interact_size.x - 40.0;
                            ui.add_sized(
                                [width.max(40.0), row_height],
                                egui::Label::new(
                                    RichText::new(format!("{line:>4}  {before}")).weak(),
                                )
                                .truncate(),
                            )
                            .on_hover_text(f.message.render(lang));
                            if ui
                                .small_button(T::Restore.get(lang))
                                .on_hover_text(restore.as_str())
                                .clicked()
                            {
                                out.push(Command::Restore(k));
                            }
                        });
                    }
                });
        });
}
