//! What widgets ask the app to do. Panels only read state and push commands; the
//! app applies them after the frame is drawn, so no panel mutates the document
//! while another panel is still looking at it.

use std::path::PathBuf;

use jiaodui_core::engine::RuleId;

use super::settings::AppSettings;

/// Index into the app's current (visible, not ignored) findings.
pub type FindingIx = usize;

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// The text view changed the buffer (typing, paste, cut).
    Typed,
    Apply(FindingIx),
    /// Replace the finding's span with its candidate number `.1` (`suspect-glyph`).
    ApplyCandidate(FindingIx, usize),
    Ignore(FindingIx),
    ApplyRule(RuleId),
    IgnoreRule(RuleId),
    /// End the ignore at this index of `Review::ignored` (the Ignored group's Restore).
    Restore(usize),
    /// Unfold (true) or fold the Ignored group of the findings panel.
    ShowIgnored(bool),
    ApplyEverything,
    /// Select a finding and scroll the text to it.
    Select(FindingIx),
    /// Show the text at this byte offset (a click on the scan): the finding there is
    /// selected, else the text scrolls to it.
    GoToOffset(usize),
    /// Open the popup of a finding (clicked in the text).
    Popup(FindingIx, eframe::egui::Pos2),
    ClosePopup,
    Next,
    Prev,
    Undo,
    Redo,
    /// Open: native dialog, or the path field where none can be shown.
    OpenDialog,
    OpenPath(PathBuf),
    OpenSample,
    Save,
    SaveAs,
    SaveTo(PathBuf),
    /// File → Save in the source's format: the hOCR / ALTO / PAGE / TSV / PaddleOCR
    /// file with the corrected text in its elements (native dialog or path field).
    SaveWriteBack,
    SaveWriteBackTo(PathBuf),
    /// Close the window (asks first when there are unsaved changes).
    Quit,
    /// Answer of the unsaved-changes prompt.
    Unsaved(UnsavedChoice),
    /// Answer of the question before writing over a file changed, deleted or not
    /// written by this window.
    SaveConflict(ConflictChoice),
    /// Answer of the notice that the page is open in another window: true to edit
    /// it here anyway, false to close it.
    OpenElsewhere(bool),
    /// Close now, keeping unsaved work in the session, without asking (SIGTERM,
    /// SIGINT): the session is written as on a normal close.
    CloseKeepingWork,
    SetSettings(Box<AppSettings>),
    ClearRecent,
    ShowSettings(bool),
    ShowShortcuts(bool),
    ShowAbout(bool),
    CloseDialog,
    /// Switch the central area (text / diff).
    ShowView(super::app::View),
    /// A Diff view action (navigation, whitespace marks, report export).
    Diff(super::panels::diff::DiffCommand),
    SetFilter(Option<RuleId>),
    /// Fold (true) or unfold a rule's group in the findings panel.
    SetCollapsed(RuleId, bool),
    /// "Always correct": the finding's word joins the house words (the folder's,
    /// else the user's); no rule flags it again.
    AlwaysCorrect(FindingIx),
    /// Add (`add`) or remove a house word of the folder's list (`folder`) or the user's.
    HouseWord {
        word: String,
        folder: bool,
        add: bool,
    },
    /// The All occurrences window (see `concordance.rs`).
    Concordance(super::concordance::ConcordanceCommand),
    /// Sessions, the folder's pages, the scan image (see `desk.rs`).
    Desk(super::desk::DeskCommand),
    /// The find bar: find, replace, across the folder (see `panels/find_bar.rs`).
    Find(super::panels::find_bar::FindCommand),
    /// Edit → Go to line (see `panels/goto_line.rs`).
    GoToLine(super::panels::goto_line::GoToLineCommand),
    /// Put this text on the clipboard (the text's right-click menu).
    CopyText(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictChoice {
    /// Read the file as it is on disk now (the editor's text stays one Undo away).
    Reload,
    /// Write this text over it.
    Overwrite,
    /// Write this text somewhere else.
    SaveAs,
    Cancel,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedChoice {
    Save,
    Discard,
    Cancel,
}
