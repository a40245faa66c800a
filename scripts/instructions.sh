#!/usr/bin/env bash
# Instructions executed per byte by each engine phase, counted by callgrind: the
# one engine figure that does not move with the load of a shared machine.
#
#   scripts/instructions.sh [MB] [phase...]     (default: 2 MB; layout check fix)
#   JIAODUI_ONE_LINE=1 scripts/instructions.sh  (the same text as one long line)
#
# Needs valgrind. Builds examples/phase_times in release mode first.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-2}
shift || true
phases=("${@:-layout check fix}")
[ $# -eq 0 ] && phases=(layout check fix)
cargo build --release --quiet --manifest-path benches/Cargo.toml --example phase_times
bin=benches/target/release/examples/phase_times
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$mb" "$1" 2>&1 |
        grep -o 'Collected : [0-9]*' | grep -o '[0-9]*'
}
base=$(count none)
for phase in "${phases[@]}"; do
    n=$(count "$phase")
    awk -v n="$n" -v b="$base" -v mb="$mb" -v p="$phase" \
        'BEGIN { printf "%-7s %6.1f instructions/byte (%d M)\n", p, (n - b) / (mb * 1048576), (n - b) / 1e6 }'
done
