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

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        self.0
            .iter()
            .map(|p| match p {
                Piece::Label(key) => key.get(lang),
                Piece::Text(s) => s.as_str(),
            })
            .collect()
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
}
