//! Typed text as undo steps: keystrokes join the last step while the typing run
//! allows it (no pause, no cursor jump, no word boundary, no other command; see
//! `jiaodui_core::edit::TypingRun`), so Ctrl+Z takes back a word or a phrase, not
//! one character. The document's history and the app's steps join together, so
//! undo stays exact.

use std::time::Instant;

use eframe::egui::{self, Event, ImeEvent};

use super::{App, Step};
use crate::i18n::T;
use jiaodui_core::edit::{ChangeSet, TypedBy};
use jiaodui_desk::review::TYPING_IDLE;

impl App {
    /// Commits what the editor typed this frame: a new undo step, or part of the
    /// last one.
    pub(super) fn commit_typed(&mut self, ctx: &egui::Context, change: ChangeSet) {
        if change.is_empty() {
            return;
        }
        let by = typed_by(ctx);
        let joins = self.history.typing.joins(&change, by, Instant::now())
            && matches!(self.history.steps.last(), Some(Step::Text { .. }))
            && self.doc.can_undo();
        let applied = if joins {
            self.doc.apply_joined(change.clone())
        } else {
            self.doc.apply(change.clone())
        };
        match applied {
            Ok(()) => {
                let ended = self.after_change(&change, TYPING_IDLE);
                if joins {
                    if let Some(Step::Text { ended: before }) = self.history.steps.last_mut() {
                        before.extend(ended);
                    }
                    self.history.undone.clear();
                } else {
                    self.push_step(Step::Text { ended });
                }
            }
            Err(e) => self.report(T::SaveFailed, e.to_string()),
        }
    }
}

/// Where this frame's change came from: an input method's commit, a paste or cut,
/// or keystrokes.
fn typed_by(ctx: &egui::Context) -> TypedBy {
    ctx.input(|i| {
        if i.events
            .iter()
            .any(|e| matches!(e, Event::Ime(ImeEvent::Commit(_))))
        {
            TypedBy::Ime
        } else if i
            .events
            .iter()
            .any(|e| matches!(e, Event::Paste(_) | Event::Cut))
        {
            TypedBy::Other
        } else {
            TypedBy::Keys
        }
    })
}
