#!/bin/sh
# Exit 0 when clang can build a libFuzzer binary with ASan+UBSan here.
command -v clang >/dev/null 2>&1 || exit 1
d=$(mktemp -d) || exit 1
echo 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }' \
    > "$d/t.c"
clang -fsanitize=fuzzer,address,undefined "$d/t.c" -o "$d/t" >/dev/null 2>&1
rc=$?
rm -rf "$d"
exit $rc
