# The first command works on a fresh machine (issue 10 item 8): every make
# target a clerk or a tester types first — run, test, test-san, bench —
# starts with the deps step (.ci/deps.sh: apt-get what is missing), before any
# compile, so `make run` cannot fail on a missing libxlsxwriter-dev.
. tests/e2e/lib.inc
command -v make >/dev/null || { echo "make not installed"; exit 77; }
for t in run test test-san bench; do
    first=$(make -n --no-print-directory "$t" 2>/dev/null | head -n 1)
    case "$first" in
    *".ci/deps.sh"*) ;;
    *) fail "make $t does not start with the deps step; first: $first" ;;
    esac
done
# The README's first two commands are the whole setup and say so.
sed -n '/^```$/,/^```$/p' README.md | head -n 4 > "$T/setup"
expect_grep "^make run .*installs missing Debian packages" "$T/setup"
expect_grep "^make test .*installs missing Debian packages" "$T/setup"
expect_grep "whole setup" README.md
exit 0
