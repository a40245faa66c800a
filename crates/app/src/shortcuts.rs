//! Every keyboard shortcut in one table: the handlers consume keys by [`Action`],
//! the menus show [`text`], Help → Keyboard shortcuts lists [`TABLE`]. A binding
//! changed here changes everywhere at once.

use eframe::egui::{InputState, Key, KeyboardShortcut, Modifiers};

use crate::i18n::T;

/// What a shortcut does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    NextFinding,
    PrevFinding,
    Apply,
    Ignore,
    LeaveText,
    NextChange,
    PrevChange,
    Undo,
    Redo,
    Save,
    SaveAs,
    Open,
    Quit,
    NextPage,
    PrevPage,
    Find,
    Replace,
    FindNext,
    FindPrev,
    GoToLine,
}

/// One row: the action, its keys (the first is the one menus show), how the keys are
/// written for people, and the help text.
pub struct Binding {
    pub action: Action,
    pub keys: &'static [KeyboardShortcut],
    pub text: &'static str,
    pub label: T,
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const NONE: Modifiers = Modifiers::NONE;

/// In display order. Where one binding is a prefix of another (Ctrl+Z, Ctrl+Shift+Z),
/// the handler consumes the more specific one first: egui's `consume_shortcut`
/// ignores an extra Shift.
pub const TABLE: &[Binding] = &[
    Binding {
        action: Action::NextFinding,
        keys: &[key(NONE, Key::F8)],
        text: "F8",
        label: T::ShortcutNext,
    },
    Binding {
        action: Action::PrevFinding,
        keys: &[key(Modifiers::SHIFT, Key::F8)],
        text: "Shift+F8",
        label: T::ShortcutPrev,
    },
    Binding {
        action: Action::Apply,
        keys: &[key(NONE, Key::Enter)],
        text: "Enter",
        label: T::ShortcutApply,
    },
    Binding {
        action: Action::Ignore,
        keys: &[key(NONE, Key::Delete)],
        text: "Delete",
        label: T::ShortcutIgnore,
    },
    Binding {
        action: Action::LeaveText,
        keys: &[key(NONE, Key::Escape)],
        text: "Esc",
        label: T::ShortcutLeaveText,
    },
    Binding {
        action: Action::NextChange,
        keys: &[key(Modifiers::ALT, Key::ArrowDown)],
        text: "Alt+↓",
        label: T::ShortcutNextChange,
    },
    Binding {
        action: Action::PrevChange,
        keys: &[key(Modifiers::ALT, Key::ArrowUp)],
        text: "Alt+↑",
        label: T::ShortcutPrevChange,
    },
    Binding {
        action: Action::Undo,
        keys: &[key(CMD, Key::Z)],
        text: "Ctrl+Z",
        label: T::ShortcutUndo,
    },
    Binding {
        action: Action::Redo,
        keys: &[key(CMD_SHIFT, Key::Z), key(CMD, Key::Y)],
        text: "Ctrl+Shift+Z / Ctrl+Y",
        label: T::ShortcutRedo,
    },
    Binding {
        action: Action::Save,
        keys: &[key(CMD, Key::S)],
        text: "Ctrl+S",
        label: T::ShortcutSave,
    },
    Binding {
        action: Action::SaveAs,
        keys: &[key(CMD_SHIFT, Key::S)],
        text: "Ctrl+Shift+S",
        label: T::ShortcutSaveAs,
    },
    Binding {
        action: Action::Open,
        keys: &[key(CMD, Key::O)],
        text: "Ctrl+O",
        label: T::ShortcutOpen,
    },
    Binding {
        action: Action::Quit,
        keys: &[key(CMD, Key::Q)],
        text: "Ctrl+Q",
        label: T::ShortcutQuit,
    },
    Binding {
        action: Action::NextPage,
        keys: &[key(CMD, Key::PageDown)],
        text: "Ctrl+PageDown",
        label: T::NextPage,
    },
    Binding {
        action: Action::PrevPage,
        keys: &[key(CMD, Key::PageUp)],
        text: "Ctrl+PageUp",
        label: T::PrevPage,
    },
    Binding {
        action: Action::Find,
        keys: &[key(CMD, Key::F)],
        text: "Ctrl+F",
        label: T::ShortcutFind,
    },
    Binding {
        action: Action::Replace,
        keys: &[key(CMD, Key::H)],
        text: "Ctrl+H",
        label: T::ShortcutReplace,
    },
    Binding {
        action: Action::FindNext,
        keys: &[key(NONE, Key::F3)],
        text: "F3 / Enter",
        label: T::ShortcutFindNext,
    },
    Binding {
        action: Action::FindPrev,
        keys: &[key(Modifiers::SHIFT, Key::F3)],
        text: "Shift+F3 / Shift+Enter",
        label: T::ShortcutFindPrev,
    },
    Binding {
        action: Action::GoToLine,
        keys: &[key(CMD, Key::G)],
        text: "Ctrl+G",
        label: T::ShortcutGoToLine,
    },
];

fn binding(action: Action) -> &'static Binding {
    TABLE
        .iter()
        .find(|b| b.action == action)
        .unwrap_or(&TABLE[0])
}

/// The keys as a menu shows them (the first binding: `Ctrl+Shift+Z`, not both).
pub fn text(action: Action) -> &'static str {
    let b = binding(action);
    b.text.split(" / ").next().unwrap_or(b.text)
}

/// Consumes `action`'s keys if pressed this frame. Keys without modifiers are
/// matched exactly (Shift+F8 is not F8); others as egui's shortcuts are.
pub fn consume(input: &mut InputState, action: Action) -> bool {
    binding(action).keys.iter().any(|k| {
        if k.modifiers.is_none() || k.modifiers == Modifiers::SHIFT || k.modifiers == Modifiers::ALT
        {
            input.consume_key(k.modifiers, k.logical_key)
        } else {
            input.consume_shortcut(k)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_one_row() {
        use Action::*;
        for a in [
            NextFinding,
            PrevFinding,
            Apply,
            Ignore,
            LeaveText,
            NextChange,
            PrevChange,
            Undo,
            Redo,
            Save,
            SaveAs,
            Open,
            Quit,
            NextPage,
            PrevPage,
            Find,
            Replace,
            FindNext,
            FindPrev,
            GoToLine,
        ] {
            assert_eq!(TABLE.iter().filter(|b| b.action == a).count(), 1, "{a:?}");
        }
        assert_eq!(text(Action::Redo), "Ctrl+Shift+Z");
    }
}
