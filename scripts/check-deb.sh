#!/bin/sh
# Installs the .deb into a clean Debian root and checks it as a new user would
# meet it: the declared dependencies are enough (apt pulls only those), the
# binary is on PATH and runs (CLI and the window, under Xvfb), the desktop entry
# is valid and owns text/plain, the icons are in place, and removal is clean.
# Not part of CI: it needs root (chroot), mmdebstrap and the Debian mirror.
#
#   cargo build --release && cargo deb --no-build
#   sudo scripts/check-deb.sh [target/debian/jiaodui_*.deb] [SUITE]
#
# SUITE defaults to this host's (VERSION_CODENAME in /etc/os-release). The root
# is made in a temporary folder and removed at the end; docs/deb-check.md has the
# output of one run.
set -eu

deb=${1:-$(ls target/debian/jiaodui_*.deb | tail -n 1)}
suite=${2:-$(. /etc/os-release && echo "$VERSION_CODENAME")}
sample=assets/samples/000_39b2f5fd87845c7e.txt
command -v mmdebstrap >/dev/null || { echo "needs mmdebstrap (apt-get install mmdebstrap)" >&2; exit 2; }
[ -f "$deb" ] || { echo "no .deb: $deb (cargo deb --no-build)" >&2; exit 2; }

root=$(mktemp -d /tmp/jiaodui-deb-root.XXXXXX)
cleanup() {
    umount "$root/proc" 2>/dev/null || true
    rm -rf "$root"
}
trap cleanup EXIT

step() { printf '\n$ %s\n' "$*"; }

step "mmdebstrap --variant=minbase $suite $root"
mmdebstrap --quiet --variant=minbase "$suite" "$root"
mount -t proc proc "$root/proc"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/"
cp "$sample" "$root/tmp/sample.txt"
name=$(basename "$deb")

in_root() { step "$*"; chroot "$root" sh -c "$*"; }

in_root "command -v jiaodui || echo 'not installed yet'"
in_root "apt-get update -qq"
# dpkg -i alone stops at the missing libraries; apt then installs exactly the
# declared ones (the list below is what the package asked for).
in_root "dpkg -i /tmp/$name || echo dpkg: exit \$?"
in_root "DEBIAN_FRONTEND=noninteractive apt-get install -f -y -q -o Dpkg::Use-Pty=0 | grep -E 'newly installed|^Setting up jiaodui'"
in_root "dpkg -s jiaodui | grep -E '^(Status|Depends)'"
in_root "command -v jiaodui && jiaodui --version"
in_root "cd /tmp && jiaodui check sample.txt | tail -n 2; jiaodui check sample.txt >/dev/null; echo check: exit \$?"
in_root "cd /tmp && jiaodui fix sample.txt > fixed.txt && jiaodui check fixed.txt; echo check of the fixed page: exit \$?"
in_root "dpkg -L jiaodui | grep -E 'applications|icons/.*/jiaodui'"
# Tools a desktop has; installed after the package, so they are no dependency.
in_root "DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends desktop-file-utils xdg-utils shared-mime-info xvfb xauth >/dev/null && echo tools installed"
in_root "desktop-file-validate /usr/share/applications/jiaodui.desktop; echo desktop-file-validate: exit \$?"
in_root "grep jiaodui /usr/share/applications/mimeinfo.cache"
in_root "xdg-mime query default text/plain"
in_root "cd /tmp && HOME=/root timeout 120 xvfb-run -a jiaodui --screenshot /tmp/window.png sample.txt && ls -l /tmp/window.png"
cp "$root/tmp/window.png" /tmp/jiaodui-deb-window.png
echo "(the window's screenshot: /tmp/jiaodui-deb-window.png)"
in_root "apt-get remove -y -q jiaodui >/dev/null; command -v jiaodui || echo 'jiaodui: gone'; ls /usr/share/applications/jiaodui.desktop /usr/share/icons/hicolor/*/apps/jiaodui.* 2>&1 | sed 's/^/  /'"
