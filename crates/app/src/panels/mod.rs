//! One file per panel. Panels read the app and push commands; they never change
//! the document themselves.

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
