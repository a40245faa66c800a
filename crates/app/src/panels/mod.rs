//! One file per panel. A panel gets a narrow input (a small struct or a few
//! borrowed arguments, built by `App::ui`) and pushes commands; it never sees the
//! `App` and never changes the document itself. Widget state of its own (the find
//! bar's fields, a dialog's path field) is the only thing it gets `&mut`.

pub mod concordance;
pub mod context_menu;
pub mod dialogs;
pub mod diff;
pub mod find_bar;
pub mod finding_card;
pub mod findings;
pub mod goto_line;
pub mod icons;
pub mod legend;
pub mod menu_bar;
pub mod pages;
pub mod popup;
pub mod resume;
pub mod scan;
pub mod settings_window;
pub mod shortcuts;
pub mod status_bar;
pub mod text_view;
pub mod text_window;
