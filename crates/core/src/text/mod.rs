//! Text plumbing that knows nothing of rules: decoding, character classes and
//! the one place where byte offsets become line/column positions.

pub mod chars;
pub mod decode;
pub mod lines;

pub use decode::{
    DecodeError, Decoded, EncodeError, LineEnding, TextEncoding, TextFormat, decode, encode,
};
pub use lines::{LineIndex, Position};
