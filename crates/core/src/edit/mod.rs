//! The editor's changes as data. An [`Edit`] replaces one byte range; a
//! [`ChangeSet`] is a sorted, non-overlapping set of them applied in one pass and
//! able to produce its exact inverse, so undo restores bytes, not guesses.

mod changeset;
mod history;
mod minimal;
mod typing;

pub use changeset::{ChangeSet, Edit, EditError, OffsetMap};

/// The edits of one finding: nearly always a single one, stored inline, so that a
/// page's thousands of findings cost no allocation each.
pub type Edits = smallvec::SmallVec<[Edit; 1]>;
pub use history::History;
pub use minimal::{map_runs, minimal_change};
pub use typing::{TYPING_PAUSE, TypedBy, TypingRun, ends_word};
