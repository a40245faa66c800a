use super::ChangeSet;

/// One undoable step: the change and its inverse.
#[derive(Clone, Debug)]
struct Step {
    redo: ChangeSet,
    undo: ChangeSet,
    /// Unique within this history: names the text state this step leads to.
    id: u64,
}

/// Undo/redo as inverted change sets: exact and cheap (only the touched bytes are kept).
#[derive(Clone, Debug, Default)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
    /// Ids handed out so far.
    issued: u64,
}

impl History {
    /// Records that `change` was applied to `before`. Clears the redo stack.
    pub fn record(&mut self, before: &str, change: ChangeSet) {
        if change.is_empty() {
            return;
        }
        let undo = change.invert(before);
        self.issued += 1;
        self.done.push(Step {
            redo: change,
            undo,
            id: self.issued,
        });
        self.undone.clear();
    }

    /// Records `change` (applied to `before`) as part of the last step: one undo
    /// takes back both (typing joined into words, see [`super::TypingRun`]). The
    /// joined step is a new text state with a new position; without a last step
    /// this is [`History::record`].
    pub fn record_joined(&mut self, before: &str, change: ChangeSet) {
        if change.is_empty() {
            return;
        }
        let Some(last) = self.done.last() else {
            return self.record(before, change);
        };
        // The text the last step started from, and where both steps lead: the
        // joined step is the exact edit between them.
        let (Ok(start), Ok(after)) = (last.undo.apply(before), change.apply(before)) else {
            return self.record(before, change);
        };
        let redo = super::minimal_change(&start, &after);
        let undo = redo.invert(&start);
        self.issued += 1;
        let id = self.issued;
        if let Some(step) = self.done.last_mut() {
            *step = Step { redo, undo, id };
        }
        self.undone.clear();
    }

    /// Names the current text state: equal positions mean byte-identical text
    /// (undo back to a saved state gives the saved position again); 0 is the start.
    pub fn position(&self) -> u64 {
        self.done.last().map_or(0, |s| s.id)
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// Returns the change set to apply to the current text to undo the last step.
    pub fn undo(&mut self) -> Option<ChangeSet> {
        let step = self.done.pop()?;
        let cs = step.undo.clone();
        self.undone.push(step);
        Some(cs)
    }

    /// Returns the change set to apply to the current text to redo the last undone step.
    pub fn redo(&mut self) -> Option<ChangeSet> {
        let step = self.undone.pop()?;
        let cs = step.redo.clone();
        self.done.push(step);
        Some(cs)
    }

    /// Where byte `offset` of the current text was in the text the history
    /// started from (undoing every step, without changing anything).
    pub fn map_to_start(&self, offset: usize) -> usize {
        self.done
            .iter()
            .rev()
            .fold(offset, |o, s| s.undo.map_offset(o, false))
    }

    /// Where byte `offset` of the text the history started from is now.
    pub fn map_from_start(&self, offset: usize) -> usize {
        self.done
            .iter()
            .fold(offset, |o, s| s.redo.map_offset(o, false))
    }

    pub fn clear(&mut self) {
        self.done.clear();
        self.undone.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Edit;

    #[test]
    fn undo_redo_round_trip() {
        let mut h = History::default();
        let t0 = "88 月".to_string();
        let cs = ChangeSet::new(vec![Edit::delete(0..1)]).unwrap();
        let t1 = cs.apply(&t0).unwrap();
        h.record(&t0, cs);
        let back = h.undo().unwrap().apply(&t1).unwrap();
        assert_eq!(back, t0);
        assert_eq!(h.redo().unwrap().apply(&back).unwrap(), t1);
        assert!(h.can_undo() && !h.can_redo());
    }
}
