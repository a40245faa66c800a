//! The status bar's message, kept as label keys and literal text rather than a finished
//! string, so that it is rendered in the language of the moment: an editor who switches
//! to 中文 right after saving reads "已保存到 …", not the English sentence of a moment ago.

use crate::i18n::{Lang, T};

/// One part of a message: a label looked up at draw time, or text that is the same in
/// every language (a path, a word from the page, a count, an error from the system).
#[derive(Clone, Debug, PartialEq)]
enum Piece {
    Label(T),
    Text(String),
    /// What the label is about (a path, a word): set off from the label by a space,
    /// except after a full-width mark, which carries its own space (`始终正确：末来`).
    Value(String),
}

/// A status-bar message, built from pieces in reading order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StatusMessage(Vec<Piece>);

impl StatusMessage {
    /// A message that starts with a label.
    pub fn label(key: T) -> Self {
        Self(vec![Piece::Label(key)])
    }

    /// A message with no label: text that needs no translation (a system error).
    pub fn plain(text: impl Into<String>) -> Self {
        Self(vec![Piece::Text(text.into())])
    }

    /// Appends a label.
    pub fn then(mut self, key: T) -> Self {
        self.0.push(Piece::Label(key));
        self
    }

    /// Appends text as it is.
    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.0.push(Piece::Text(text.into()));
        self
    }

    /// Appends what the message is about: a path, a word, a list of names.
    pub fn value(mut self, value: impl std::fmt::Display) -> Self {
        self.0.push(Piece::Value(value.to_string()));
        self
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        for p in &self.0 {
            match p {
                Piece::Label(key) => out.push_str(key.get(lang)),
                Piece::Text(s) => out.push_str(s),
                Piece::Value(v) => {
                    let full_width = out
                        .chars()
                        .last()
                        .is_some_and(jiaodui_core::text::chars::is_fullwidth_punct);
                    if !out.is_empty() && !full_width {
                        out.push(' ');
                    }
                    out.push_str(v);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_follows_the_language_it_is_drawn_in() {
        let m = StatusMessage::label(T::SavedTo).text(" /tmp/p.txt");
        assert_eq!(
            m.render(Lang::En),
            format!("{} /tmp/p.txt", T::SavedTo.get(Lang::En))
        );
        assert_eq!(
            m.render(Lang::Zh),
            format!("{} /tmp/p.txt", T::SavedTo.get(Lang::Zh))
        );
        assert_ne!(m.render(Lang::En), m.render(Lang::Zh));
    }

    #[test]
    fn pieces_keep_their_order() {
        let m = StatusMessage::plain("3 ").then(T::EditsLost).text(".");
        assert_eq!(
            m.render(Lang::Zh),
            format!("3 {}.", T::EditsLost.get(Lang::Zh))
        );
    }

    /// A value is set off by a space after an English label, by nothing after a
    /// Chinese label's full-width colon (which is itself spaced): `已保存到 /tmp/p.txt`,
    /// `Always correct: 末来`, `始终正确：末来`.
    #[test]
    fn a_value_is_spaced_as_each_language_spaces_it() {
        let m = StatusMessage::label(T::HouseWordAdded).value("末来");
        assert_eq!(m.render(Lang::En), "Always correct: 末来");
        assert_eq!(m.render(Lang::Zh), "始终正确：末来");
        let m = StatusMessage::label(T::SavedTo).value("/tmp/p.txt");
        assert_eq!(m.render(Lang::Zh), "已保存到 /tmp/p.txt");
        assert_eq!(StatusMessage::default().value("x").render(Lang::En), "x");
    }
}
