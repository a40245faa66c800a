//! jiaodui-pdf's integration tests in one binary: one link instead of two.

mod read;
mod render;
