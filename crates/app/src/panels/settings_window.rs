//! Settings: rules on/off, CJK–Latin spacing policy, font size, theme, language,
//! and Tesseract's language and page layout for File → Recognize scan.
//! Edits a copy and sends it as one command, so the app re-checks and persists once.

use eframe::egui::{self};

use std::collections::BTreeSet;

use super::text_view::swatch;
use crate::command::Command;
use crate::i18n::{Lang, OCR_PSMS, T, ocr_language_name, rule_name};
use crate::palette::Palette;
use crate::settings::{AppSettings, FONT_SIZES, Theme};
use jiaodui_core::engine::{CjkLatinSpacing, RuleId};
use jiaodui_desk::recognize::{CHINESE_LANGS, RecognizeError};

/// What the settings window reads.
pub struct SettingsInput<'a> {
    /// The window is open.
    pub open: bool,
    pub settings: &'a AppSettings,
    pub palette: Palette,
    /// The open folder's house words, if a folder is open.
    pub folder_words: Option<&'a BTreeSet<String>>,
    /// Tesseract's installed languages, or why there are none (None: not asked yet).
    pub ocr_languages: Option<&'a Result<Vec<String>, RecognizeError>>,
}

pub fn show(ctx: &egui::Context, input: &SettingsInput, out: &mut Vec<Command>) {
    if !input.open {
        return;
    }
    let lang = input.settings.language;
    let palette = input.palette;
    let mut s = input.settings.clone();
    let mut open = true;
    egui::Window::new(T::Settings.get(lang).trim_end_matches('…'))
        .id(egui::Id::unique("settings-window"))
        // Clear of the menu bar (it would cover File… while open).
        .default_pos([240.0, 60.0])
        .open(&mut open)
        .resizable(false)
        .show(ctx, |ui| {
            ui.heading(T::Rules.get(lang));
            for rule in RuleId::ALL {
                let mut on = s.engine.is_enabled(rule);
                ui.horizontal(|ui| {
                    swatch(ui, palette, rule);
                    if ui
                        .checkbox(&mut on, rule_name(rule, lang))
                        .on_hover_text(rule.describe(lang))
                        .changed()
                    {
                        s.engine.set_enabled(rule, on);
                    }
                });
            }
            ui.separator();
            ui.label(T::Spacing.get(lang));
            ui.horizontal(|ui| {
                ui.radio_value(
                    &mut s.engine.cjk_latin_spacing,
                    CjkLatinSpacing::Keep,
                    T::SpacingKeep.get(lang),
                );
                ui.radio_value(
                    &mut s.engine.cjk_latin_spacing,
                    CjkLatinSpacing::Remove,
                    T::SpacingRemove.get(lang),
                );
                ui.radio_value(
                    &mut s.engine.cjk_latin_spacing,
                    CjkLatinSpacing::Add,
                    T::SpacingAdd.get(lang),
                );
            });
            ui.separator();
            egui::Grid::new("settings-grid")
                .num_columns(2)
                .show(ui, |ui| {
                    let label = ui.label(T::FontSize.get(lang));
                    labelled_slider(ui, &label, &mut s.font_size, FONT_SIZES, 1.0, "");
                    ui.end_row();
                    ui.label(T::Theme.get(lang));
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut s.theme, Theme::Light, T::Light.get(lang));
                        ui.radio_value(&mut s.theme, Theme::Dark, T::Dark.get(lang));
                    });
                    ui.end_row();
                    ui.label(T::Language.get(lang));
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut s.language, Lang::Zh, "中文");
                        ui.radio_value(&mut s.language, Lang::En, "English");
                    });
                    ui.end_row();
                    // `low-confidence`: glyphs the OCR engine was less sure of than this.
                    let label = ui.label(T::LowConfidenceBelow.get(lang));
                    labelled_slider(
                        ui,
                        &label,
                        &mut s.engine.low_confidence_percent,
                        10..=99,
                        1.0,
                        " %",
                    );
                    ui.end_row();
                });
            apply_suspects(ui, lang, &mut s);
            ui.separator();
            house_words(ui, input, out);
            ui.separator();
            ocr_settings(ui, input, &mut s);
        });
    if s != *input.settings {
        out.push(Command::SetSettings(Box::new(s)));
    }
    if !open {
        out.push(Command::ShowSettings(false));
    }
}

/// "Apply all also takes misread suggestions at confidence ≥ X" (off by default).
fn apply_suspects(ui: &mut egui::Ui, lang: Lang, s: &mut AppSettings) {
    let mut on = s.apply_suspects_from_percent.is_some();
    let mut pct = s.apply_suspects_from_percent.unwrap_or(80);
    ui.horizontal(|ui| {
        ui.checkbox(&mut on, T::ApplySuspects.get(lang));
        let label = ui.label(T::ApplySuspectsFrom.get(lang));
        ui.add_enabled(on, egui::Slider::new(&mut pct, 50..=100).suffix(" %"))
            .labelled_by(label.id);
    });
    s.apply_suspects_from_percent = on.then_some(pct);
}

/// The house word lists ("Always correct"): the user's, and the open folder's;
/// each word with Remove, and a field to add one.
fn house_words(ui: &mut egui::Ui, input: &SettingsInput, out: &mut Vec<Command>) {
    let lang = input.settings.language;
    ui.heading(T::HouseWords.get(lang));
    let mut lists = vec![(false, T::HouseWordsMine, &input.settings.house_words)];
    if let Some(words) = input.folder_words {
        lists.push((true, T::HouseWordsFolder, words));
    }
    for (folder, title, words) in lists {
        ui.label(egui::RichText::new(title.get(lang)).strong());
        egui::ScrollArea::vertical()
            .id_salt(("house-words", folder))
            .max_height(120.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                if words.is_empty() {
                    ui.label(egui::RichText::new(T::HouseWordsNone.get(lang)).weak());
                }
                for w in words {
                    ui.horizontal(|ui| {
                        ui.label(w);
                        let remove = ui
                            .small_button(T::HouseWordRemove.get(lang))
                            .on_hover_text(w);
                        if remove.clicked() {
                            out.push(Command::HouseWord {
                                word: w.clone(),
                                folder,
                                add: false,
                            });
                        }
                    });
                }
            });
        ui.horizontal(|ui| {
            let id = egui::Id::unique(("new-house-word", folder));
            let mut new: String = ui.data_mut(|d| d.get_temp::<String>(id).unwrap_or_default());
            let label = ui.label(T::HouseWordNew.get(lang));
            let field = ui
                .add(egui::TextEdit::singleline(&mut new).desired_width(140.0))
                .labelled_by(label.id);
            let valid = jiaodui_core::engine::house_words::is_valid(new.trim());
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let add = ui
                .add_enabled(valid, egui::Button::new(T::HouseWordAdd.get(lang)))
                .clicked();
            if valid && (add || enter) {
                out.push(Command::HouseWord {
                    word: new.trim().to_owned(),
                    folder,
                    add: true,
                });
                new.clear();
            }
            ui.data_mut(|d| d.insert_temp(id, new));
        });
    }
}

/// Tesseract's language (the Chinese ones installed) and page segmentation mode;
/// where Tesseract or its data is missing, the command that installs it.
fn ocr_settings(ui: &mut egui::Ui, input: &SettingsInput, s: &mut AppSettings) {
    let lang = input.settings.language;
    ui.heading(T::OcrHeading.get(lang));
    let installed: Vec<&str> = match input.ocr_languages {
        Some(Ok(all)) => CHINESE_LANGS
            .iter()
            .copied()
            .filter(|l| all.iter().any(|i| i == l))
            .collect(),
        _ => Vec::new(),
    };
    fn name(code: &str, lang: Lang) -> String {
        ocr_language_name(code).map_or_else(|| code.to_owned(), |t| t.get(lang).to_owned())
    }
    egui::Grid::new("ocr-grid").num_columns(2).show(ui, |ui| {
        let label = ui.label(T::OcrLanguage.get(lang));
        egui::ComboBox::from_id_salt("ocr-lang")
            .selected_text(name(&s.ocr_lang, lang))
            .show_ui(ui, |ui| {
                for code in &installed {
                    ui.selectable_value(&mut s.ocr_lang, (*code).to_owned(), name(code, lang))
                        .on_hover_text(*code);
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text(s.ocr_lang.clone());
        ui.end_row();
        let label = ui.label(T::OcrLayout.get(lang));
        let psm_name = |psm: u8| {
            OCR_PSMS
                .iter()
                .find(|(p, _)| *p == psm)
                .map_or_else(|| psm.to_string(), |(_, t)| t.get(lang).to_owned())
        };
        egui::ComboBox::from_id_salt("ocr-psm")
            .selected_text(psm_name(s.ocr_psm))
            .show_ui(ui, |ui| {
                for (psm, name) in OCR_PSMS {
                    ui.selectable_value(&mut s.ocr_psm, *psm, name.get(lang))
                        .on_hover_text(format!("--psm {psm}"));
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
    });
    let warn = ui.visuals().warn_fg_color;
    match input.ocr_languages {
        Some(Err(e @ RecognizeError::Missing { .. })) => {
            ui.colored_label(warn, T::TesseractMissing.get(lang));
            if let Some(hint) = e.install_hint() {
                ui.code(hint);
            }
        }
        Some(Err(e)) => {
            ui.colored_label(warn, e.to_string());
        }
        Some(Ok(_)) if installed.is_empty() => {
            ui.colored_label(warn, T::NoOcrLanguages.get(lang));
            ui.code(jiaodui_desk::recognize::install_command(&s.ocr_lang));
        }
        Some(Ok(_)) if !installed.contains(&s.ocr_lang.as_str()) && !s.ocr_lang.contains('+') => {
            ui.colored_label(warn, T::OcrLangMissing.get(lang));
            ui.code(jiaodui_desk::recognize::install_command(&s.ocr_lang));
        }
        _ => {}
    }
}

/// A slider and its value field, both named by `label` (screen readers read the name;
/// egui's own slider value field would have none).
fn labelled_slider<N: egui::emath::Numeric>(
    ui: &mut egui::Ui,
    label: &egui::Response,
    value: &mut N,
    range: std::ops::RangeInclusive<N>,
    step: f64,
    suffix: &str,
) {
    ui.horizontal(|ui| {
        ui.add(
            egui::Slider::new(value, range.clone())
                .step_by(step)
                .show_value(false),
        )
        .labelled_by(label.id);
        ui.add(
            egui::DragValue::new(value)
                .range(range)
                .speed(step / 4.0)
                .max_decimals(0)
                .suffix(suffix),
        )
        .labelled_by(label.id);
    });
}
