//! Issue #14 in the window: a save never writes silently over a file another
//! program changed or removed, or over a `NAME.corrected.txt` this window did not
//! write; a page open in another window is said so; a signal's close keeps the work.

use std::fs;

use egui_kittest::kittest::Queryable;
use jiaodui_app::app::{Conflict, Dialog};
use jiaodui_app::command::Command;
use jiaodui_desk::lock;
use jiaodui_desk::session::{self, Session};

use crate::desk::{SAMPLE, open, page};

/// The page's fixes applied: the text differs from the file.
fn edit(h: &mut egui_kittest::Harness<'static, jiaodui_app::App>) {
    h.state_mut().push(Command::ApplyEverything);
    h.run();
    assert!(h.state().doc().is_modified());
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_by_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path(), "p1.txt", SAMPLE);
    let corrected = dir.path().join("p1.corrected.txt");
    let mut h = open(&path);
    edit(&mut h);
    h.state_mut().push(Command::SaveTo(corrected.clone()));
    h.run();
    let mine = fs::read_to_string(&corrected).unwrap();
    assert!(!h.state().doc().is_modified());

    // Another program writes the corrected file; the editor types on and saves.
    let theirs = "另一个程序写的内容\n";
    fs::write(&corrected, theirs).unwrap();
    h.state_mut().push(Command::Undo);
    h.run();
    let edited = h.state().text().to_owned();
    h.state_mut().push(Command::Save);
    h.run();
    assert!(matches!(
        h.state().dialog(),
        Dialog::SaveConflict {
            conflict: Conflict::Changed,
            ..
        }
    ));
    h.get_by_label_contains("Another program changed this file");
    assert_eq!(
        fs::read_to_string(&corrected).unwrap(),
        theirs,
        "not written"
    );

    // Reload: the disk's text, saved; Undo gives the editor's text back.
    h.get_by_label("Reload from disk").click();
    h.run();
    assert_eq!(*h.state().dialog(), Dialog::None);
    assert_eq!(h.state().text(), theirs);
    assert!(!h.state().doc().is_modified());
    h.state_mut().push(Command::Undo);
    h.run();
    assert_eq!(h.state().text(), edited);

    // Removed meanwhile: asked again; "Save here again" writes it.
    fs::remove_file(&corrected).unwrap();
    h.state_mut().push(Command::Save);
    h.run();
    assert!(matches!(
        h.state().dialog(),
        Dialog::SaveConflict {
            conflict: Conflict::Deleted,
            ..
        }
    ));
    assert!(!corrected.exists());
    h.get_by_label("Save here again").click();
    h.run();
    assert_eq!(fs::read_to_string(&corrected).unwrap(), edited);
    assert_ne!(edited, mine);

    // Changed again, Overwrite: written.
    fs::write(&corrected, theirs).unwrap();
    h.state_mut().push(Command::ApplyEverything);
    h.run();
    h.state_mut().push(Command::Save);
    h.run();
    h.get_by_label("Overwrite").click();
    h.run();
    assert_eq!(fs::read_to_string(&corrected).unwrap(), h.state().text());
    assert!(!h.state().doc().is_modified());
}

#[test]
fn saving_onto_a_corrected_file_this_window_did_not_write_asks() {
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path(), "p1.txt", SAMPLE);
    let corrected = dir.path().join("p1.corrected.txt");
    let theirs = "另一个校对台的成果\n";
    fs::write(&corrected, theirs).unwrap();
    let mut h = open(&path);
    edit(&mut h);
    h.state_mut().push(Command::Save);
    h.run();
    // The path field proposes NAME.corrected.txt; Enter in it saves there.
    assert!(matches!(h.state().dialog(), Dialog::SavePath { .. }));
    let proposed = h.state().proposed_save_path();
    assert_eq!(proposed, corrected);
    h.state_mut().push(Command::SaveTo(proposed));
    h.run();
    assert!(matches!(
        h.state().dialog(),
        Dialog::SaveConflict {
            conflict: Conflict::Exists,
            ..
        }
    ));
    h.get_by_label_contains("was not written by this window");
    assert!(
        h.query_by_label("Reload from disk").is_none(),
        "not the page's file"
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(*h.state().dialog(), Dialog::None);
    assert_eq!(fs::read_to_string(&corrected).unwrap(), theirs);
    assert!(h.state().doc().is_modified());
    // Save as… from the question: the path field again, elsewhere this time.
    h.state_mut().push(Command::SaveTo(corrected.clone()));
    h.run();
    h.get_by_label("Save as…").click();
    h.run();
    assert!(matches!(h.state().dialog(), Dialog::SavePath { .. }));
    let elsewhere = dir.path().join("p1.mine.txt");
    h.state_mut().push(Command::SaveTo(elsewhere.clone()));
    h.run();
    assert_eq!(fs::read_to_string(&elsewhere).unwrap(), h.state().text());
    assert_eq!(fs::read_to_string(&corrected).unwrap(), theirs);
}

#[test]
fn a_page_open_in_another_window_is_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path(), "p1.txt", SAMPLE);
    // This window locks the page while it is open and unlocks it on leaving.
    let mut h = open(&path);
    let lock_file = lock::lock_path(&path);
    assert!(lock_file.is_file(), "locked while open");
    assert_eq!(*h.state().dialog(), Dialog::None);
    h.state_mut().leave_page();
    assert!(!lock_file.exists(), "unlocked on close");
    drop(h);

    // Another process (pid 1 is always alive) has it open.
    let other = format!("pid=1\nhost={}\nsince=1764105300\n", lock::host_name());
    fs::write(&lock_file, &other).unwrap();
    let mut h = open(&path);
    assert!(matches!(h.state().dialog(), Dialog::OpenElsewhere(o) if o.pid == 1));
    h.get_by_label_contains("open in another jiaodui window");
    // Nothing is written for the page while the question is open.
    h.state_mut().push(Command::ApplyEverything);
    h.run();
    h.state_mut().write_session(false);
    assert!(!session::beside_path(&path).exists());
    h.get_by_label("Open anyway").click();
    h.run();
    assert_eq!(*h.state().dialog(), Dialog::None);
    let text = h.state().text().to_owned();
    h.state_mut().leave_page();
    let s = Session::load(&session::beside_path(&path))
        .unwrap()
        .unwrap();
    assert_eq!(s.restore(SAMPLE).unwrap(), text);
    assert_eq!(
        fs::read_to_string(&lock_file).unwrap(),
        other,
        "the other window's lock stays"
    );
    drop(h);

    // "Close this page": back to the sample, the page untouched.
    let mut h = open(&path);
    h.get_by_label("Close this page").click();
    h.run();
    assert!(h.state().is_sample());
    assert_eq!(fs::read_to_string(&path).unwrap(), SAMPLE);
}

/// SIGTERM / SIGINT push this command (see `signals.rs`): the window closes without
/// the unsaved-changes question, the unsaved work in the session, written clean.
#[test]
fn closing_on_a_signal_keeps_the_work_in_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path(), "p1.txt", SAMPLE);
    let mut h = open(&path);
    edit(&mut h);
    let text = h.state().text().to_owned();
    h.state_mut().push(Command::CloseKeepingWork);
    h.run();
    assert!(h.state().is_closing());
    assert_eq!(*h.state().dialog(), Dialog::None, "no question asked");
    let s = Session::load(&session::beside_path(&path))
        .unwrap()
        .unwrap();
    assert!(s.clean);
    assert_eq!(s.restore(SAMPLE).unwrap(), text);
    assert!(!lock::lock_path(&path).exists());
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        SAMPLE,
        "the page untouched"
    );
}
