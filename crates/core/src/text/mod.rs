//! Text plumbing that knows nothing of rules: decoding, character classes and
//! the one place where byte offsets become line/column positions.

pub mod chars;
pub mod decode;
pub mod lines;

pub use decode::{
    ByteDetails, DecodeError, Decoded, EncodeError, LineEnding, RAW_BYTE_BASE, TextEncoding,
    TextFormat, decode, encode, encode_exact, raw_byte,
};
pub use lines::{LineIndex, Position};
