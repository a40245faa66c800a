//! Every input a fuzzer crashed on, replayed through the same checks the fuzz
//! target ran (`fuzz/checks.rs`): `tests/fuzz_regressions/TARGET/NAME`, one file
//! per crash, named for what went wrong. See `fuzz/run.sh` and RELIABILITY.md.

use std::path::Path;

#[path = "../../fuzz/checks.rs"]
mod checks;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 0;
    };
    let mut n = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        eprintln!("{target}: {}", path.display());
        check(&data);
        n += 1;
    }
    n
}

/// GB18030 pages: a stray CR before CRLF (`\r\r\n`) was dropped on save; a GBK
/// `0x80` (€) page was written as bytes that reopen as UTF-8.
#[test]
fn decode_crashers() {
    assert!(replay("decode", checks::decode) >= 2);
}

/// `halfwidth-punct` took the spaces around a mark into its edit but not its span,
/// so the finding had no replacement (`null` in JSON; a panic in debug builds).
/// Lines joined to an article's first line without a known column width were
/// joined one per fix pass, past the pass cap: fixing fixed text changed it.
/// `fix`'s later passes laid the joined text out afresh, and `unbalanced-quote`
/// paired a quote across a break the first pass had kept, turning `”` into `“`
/// on a second `fix`. A `;` at a paragraph start that a second layout brings into
/// Chinese context becomes `；`: allowed, as the core proptest allows it (the
/// check had been stricter than the contract).
#[test]
fn engine_crashers() {
    assert!(replay("engine", checks::engine) >= 5);
}

// The `apply` and `session` targets have found nothing yet: when they do, add
// `tests/fuzz_regressions/apply/` (or `session/`) and a test like the ones above.
