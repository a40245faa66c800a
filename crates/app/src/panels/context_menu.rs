//! The text's right-click menu: on a finding Apply / Ignore / Always correct; always Copy and
//! Find this (the selection, else the word or character under the pointer).

use std::ops::Range;

use eframe::egui::{self, Ui};

use super::find_bar::FindCommand;
use crate::command::Command;
use crate::i18n::{Lang, T};
use jiaodui_desk::review::Review;

/// What was right-clicked, computed once at the click.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextContext {
    /// The finding under the pointer (index into the review's findings).
    pub finding: Option<usize>,
    /// The selection, else the word under the pointer: what Copy and Find this take.
    pub text: String,
    /// The finding's text can go into the house word list (Always correct).
    pub house_word: bool,
}

impl TextContext {
    /// The context at byte `at` of `text`, with the editor's `selection` (bytes).
    pub fn at(text: &str, review: &Review, selection: Option<Range<usize>>, at: usize) -> Self {
        let at = at.min(text.len());
        // The click lands between characters: the finding on either side, narrowest first.
        let finding = [Some(at), at.checked_sub(1)]
            .into_iter()
            .flatten()
            .filter_map(|b| review.at_byte(b))
            .min_by_key(|&i| review.findings()[i].span_bytes.len());
        let picked = selection
            .filter(|r| !r.is_empty() && text.get(r.clone()).is_some())
            .map(|r| text[r].to_owned());
        let house_word = finding.is_some_and(|i| {
            jiaodui_core::engine::house_words::word_around(text, &review.findings()[i].span_bytes)
                .is_some()
        });
        TextContext {
            finding,
            text: picked.unwrap_or_else(|| word_at(text, at).to_owned()),
            house_word,
        }
    }
}

/// The Latin word or number around byte `at`, else the one character there (Han
/// text has no spaces to tell its words by).
pub fn word_at(text: &str, at: usize) -> &str {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let start = text[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word(c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .take_while(|&(_, c)| is_word(c))
        .last()
        .map_or(at, |(i, c)| at + i + c.len_utf8());
    if start < end {
        return &text[start..end];
    }
    let one = text[at..]
        .chars()
        .next()
        .filter(|c| !c.is_whitespace())
        .map_or(0, char::len_utf8);
    &text[at..at + one]
}

pub fn show(ui: &mut Ui, context: &TextContext, lang: Lang, out: &mut Vec<Command>) {
    if let Some(ix) = context.finding {
        if ui.button(T::Apply.get(lang)).clicked() {
            out.push(Command::Apply(ix));
            ui.close();
        }
        if ui.button(T::Ignore.get(lang)).clicked() {
            out.push(Command::Ignore(ix));
            ui.close();
        }
        if ui
            .add_enabled(
                context.house_word,
                egui::Button::new(T::AlwaysCorrect.get(lang)),
            )
            .on_hover_text(T::AlwaysCorrectHint.get(lang))
            .clicked()
        {
            out.push(Command::AlwaysCorrect(ix));
            ui.close();
        }
        ui.separator();
    }
    let any = !context.text.is_empty();
    if ui
        .add_enabled(any, egui::Button::new(T::CopyText.get(lang)))
        .clicked()
    {
        out.push(Command::CopyText(context.text.clone()));
        ui.close();
    }
    if ui
        .add_enabled(any, egui::Button::new(T::FindThis.get(lang)))
        .clicked()
    {
        out.push(Command::Find(FindCommand::Open {
            replace: false,
            seed: Some(context.text.clone()),
        }));
        ui.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_at_takes_latin_words_and_single_han() {
        let t = "新华社 Xinhua2024 电。";
        assert_eq!(word_at(t, 0), "新");
        let x = t.find('X').unwrap();
        assert_eq!(word_at(t, x + 3), "Xinhua2024");
        assert_eq!(word_at(t, t.find(' ').unwrap()), "");
        assert_eq!(word_at(t, t.len()), "");
        assert_eq!(word_at(t, 1), "新", "inside a character: its start");
    }
}
