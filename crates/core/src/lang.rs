//! The two languages jiaodui speaks. The engine's messages, the CLI and the app
//! all render in one of these; the choice is the user's (setting, `--lang`, locale).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Lang {
    #[default]
    Zh,
    En,
}
