//! Shared by the integration tests: fixtures and a single-edit position map.

#![allow(dead_code)]

use std::path::PathBuf;

use jiaodui_core::page::OcrDocument;
use jiaodui_ocr::{Corrections, Format, SourceMap};

pub const FIXTURES: &[&str] = &[
    "tess1.hocr",
    "tess1.xml",
    "tess1.tsv",
    "tess2.hocr",
    "tess2.xml",
    "tess2.tsv",
    "page2019.xml",
    "page2013.xml",
    "paddle2.json",
    "paddle3.json",
    "paddle3_bare.json",
];

pub fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(name)
}

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(path(&format!("fixtures/{name}"))).expect("fixture")
}

pub fn read(name: &str) -> (Format, OcrDocument, SourceMap, Vec<u8>) {
    let bytes = fixture(name);
    let (f, doc, map) = jiaodui_ocr::read(name, &bytes)
        .expect("reads")
        .expect("is structured");
    (f, doc, map, bytes)
}

/// Tesseract's text output without whitespace and blank lines, one entry a line.
pub fn txt_lines(name: &str) -> Vec<String> {
    String::from_utf8(fixture(name))
        .expect("utf-8")
        .lines()
        .map(squash)
        .filter(|l| !l.is_empty())
        .collect()
}

pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The document text with `range` replaced by `with`, written back into the file.
pub fn edit(name: &str, find: &str, with: &str) -> (String, OcrDocument) {
    let (_, doc, map, bytes) = read(name);
    let (old, geometry) = doc.to_text();
    let at = old.find(find).expect("text to edit");
    let new = format!("{}{}{}", &old[..at], with, &old[at + find.len()..]);
    // As a diff would: the common head and tail of `find` and `with` stay put.
    let head: usize = find
        .chars()
        .zip(with.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let tail: usize = find[head..]
        .chars()
        .rev()
        .zip(with[head..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let (start, end) = (at + head, at + find.len() - tail);
    let added = with.len() - head - tail;
    let shift = |x: usize| {
        if x <= start {
            x
        } else if x >= end {
            x - (end - start) + added
        } else {
            start
        }
    };
    let fixes = Corrections::from_edit(&doc, &old, &geometry, &new, shift);
    let out = jiaodui_ocr::write_back(&bytes, &map, &fixes).expect("writes");
    (String::from_utf8(out).expect("utf-8"), doc)
}

/// Runs `xmllint --schema` on `xml`; `None` when xmllint is not installed.
pub fn xmllint(schema: &std::path::Path, xml: &str) -> Option<Result<(), String>> {
    use std::io::Write;
    let mut child = std::process::Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(schema)
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(xml.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("xmllint runs");
    Some(if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    })
}
