//! jiaodui-ocr's integration tests in one binary: one link instead of five.

mod common;
mod errors;
mod read;
mod speed;
mod tesseract;
mod write;
