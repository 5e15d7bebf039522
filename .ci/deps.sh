#!/bin/sh
# Install the Debian packages fupin needs to build and test; only what is missing.
# clang: the libFuzzer harnesses `make test-san` runs (tests/fuzz/).
# As root it runs apt-get; otherwise it prints the exact command and fails.
PKGS="gcc clang make pkg-config libncurses-dev libsqlite3-dev libxlsxwriter-dev libsodium-dev sqlite3 tmux
python3 python3-openpyxl unicode-data bzip2 valgrind"
# The real client exports are printed through (tests/tools/pdf_measure.py);
# without its recommends (a desktop's worth of packages CI does not need).
PRINT_PKGS="libreoffice-calc-nogui poppler-utils fonts-noto-cjk"

missing_of() {
    m=""
    for p in $*; do
        dpkg -s "$p" >/dev/null 2>&1 || m="$m $p"
    done
    echo "$m"
}
missing=$(missing_of $PKGS)
missing_print=$(missing_of $PRINT_PKGS)
[ -z "$missing$missing_print" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "deps: installing$missing$missing_print"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || { echo "deps: apt-get update failed" >&2; exit 1; }
    if [ -n "$missing" ]; then
        apt-get install -y -qq $missing >/dev/null || {
            echo "deps: apt-get install failed for:$missing" >&2; exit 1; }
    fi
    if [ -n "$missing_print" ]; then
        apt-get install -y -qq --no-install-recommends $missing_print >/dev/null || {
            echo "deps: apt-get install failed for:$missing_print" >&2; exit 1; }
    fi
else
    echo "deps: missing packages; run as root:" >&2
    echo "  apt-get install -y$missing$missing_print" >&2
    exit 1
fi
