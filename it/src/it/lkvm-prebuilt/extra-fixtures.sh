# Run by common/prebuild.groovy after common/make-fixtures.sh: a statically linked program standing in for an lkvm
# built elsewhere.
set -eu
printf '#include <stdio.h>\nint main(void) { puts("prebuilt lkvm"); return 0; }\n' > fixtures/lkvm.c
gcc -static -O2 -o fixtures/lkvm-static fixtures/lkvm.c
