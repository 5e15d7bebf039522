#!/bin/sh
# Install the Debian packages fupin needs to build and test; only what is missing.
# As root it runs apt-get; otherwise it prints the exact command and fails.
PKGS="gcc make pkg-config libncurses-dev libsqlite3-dev libxlsxwriter-dev sqlite3 tmux
python3 python3-openpyxl unicode-data bzip2 valgrind"
missing=""
for p in $PKGS; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "deps: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq $missing >/dev/null || {
        echo "deps: apt-get install failed for:$missing" >&2; exit 1; }
else
    echo "deps: missing packages; run as root:" >&2
    echo "  apt-get install -y$missing" >&2
    exit 1
fi
