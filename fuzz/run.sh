#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600), one after the other, and
# prints a table: seconds, executions, corpus size, crashes.
#
#   bash fuzz/run.sh [SECONDS] [TARGET...]
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`) and a nightly compiler, or
# a stable one with RUSTC_BOOTSTRAP=1 (set here unless already set). Targets are
# built as cargo-fuzz does by default: optimised, with debug assertions and
# overflow checks, under AddressSanitizer; FUZZ_SANITIZER=none turns it off where
# the sanitizer does not link.
#
# The corpus grows in fuzz/corpus/TARGET (seeded from fuzz/seeds/TARGET, both
# read); crashing inputs land in fuzz/artifacts/TARGET. Keep every crasher as a
# regression test in tests/fuzz_regressions/ (see tests/fuzz_regressions.rs).
# Exit status: 0 when no target crashed, 1 otherwise.

set -uo pipefail

seconds=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(decode engine apply session pdf)
fi

here=$(cd "$(dirname "$0")" && pwd)
cd "$here" || exit 2
export RUSTC_BOOTSTRAP=${RUSTC_BOOTSTRAP:-1}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$here/target}
sanitizer=${FUZZ_SANITIZER:-address}

# Longest input per target: pages are checked line by paragraph, so a few KiB
# reach every rule; session files need room for nesting and long numbers.
max_len() {
    case $1 in
        session) echo 16384 ;;
        pdf) echo 32768 ;;
        *) echo 8192 ;;
    esac
}

# Build first, so the seconds below are fuzzing time only.
for t in "${targets[@]}"; do
    cargo fuzz build -s "$sanitizer" "$t" || exit 2
done

logs=$(mktemp -d)
rows=()
failed=0
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    before=$(find "artifacts/$t" -type f | wc -l)
    touch "$logs/$t.start"
    echo "== $t: ${seconds}s (log: $logs/$t.log)"
    start=$(date +%s)
    # -timeout: one input taking 10 s is a bug (slow path) and kept as timeout-*.
    # -malloc_limit_mb: one allocation over 512 MiB from a few KiB of input is absurd.
    dict=()
    if [ -f "dicts/$t.dict" ]; then
        dict=(-dict="dicts/$t.dict")
    fi
    cargo fuzz run -s "$sanitizer" "$t" "corpus/$t" "seeds/$t" -- \
        "${dict[@]}" -max_total_time="$seconds" -max_len="$(max_len "$t")" \
        -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=512 \
        -print_final_stats=1 -artifact_prefix="artifacts/$t/" \
        >"$logs/$t.log" 2>&1
    status=$?
    elapsed=$(($(date +%s) - start))
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$logs/$t.log" | grep -o '[0-9]*$' | tail -1)
    if [ -z "$runs" ]; then
        # Stopped by a crash before the final stats: the last status line counts.
        runs=$(grep -o '^#[0-9]*' "$logs/$t.log" | tail -1 | tr -d '#')
    fi
    corpus=$(find "corpus/$t" -type f | wc -l)
    crashes=$(($(find "artifacts/$t" -type f | wc -l) - before))
    if [ "$status" -ne 0 ] || [ "$crashes" -gt 0 ]; then
        failed=1
        grep -E 'panicked at|ERROR: libFuzzer|ERROR: AddressSanitizer|SUMMARY' "$logs/$t.log" | head -5
        find "artifacts/$t" -type f -newer "$logs/$t.start" | sed 's/^/   kept: /'
    fi
    rows+=("$(printf '%-8s %8s %12s %8s %8s %6s' "$t" "$elapsed" "${runs:-?}" "$corpus" "$crashes" "$status")")
done

echo
printf '%-8s %8s %12s %8s %8s %6s\n' target seconds executions corpus crashes exit
for r in "${rows[@]}"; do
    echo "$r"
done
exit $failed
