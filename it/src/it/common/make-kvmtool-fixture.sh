# Run by the lkvm projects' extra-fixtures.sh: a git repository standing in for kvmtool, which the build machines
# cannot reach. Its Makefile's lkvm-static target links a small C program statically, as kvmtool's does. Fixed names,
# emails and dates, and no user or system git configuration, give the same commit on every host,
# 6dc0a6c38c8f50cf838b4b0aaac87950cde9f7c3, which the poms pin; change a byte here and that id changes with it.
set -eu
repo=fixtures/kvmtool
mkdir -p "$repo"
printf 'lkvm-static: main.c\n\tgcc -static -O2 -o lkvm-static main.c\n' > "$repo/Makefile"
printf '#include <stdio.h>\nint main(void) { puts("lkvm fixture"); return 0; }\n' > "$repo/main.c"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME='stage1-kvm tests' GIT_AUTHOR_EMAIL='tests@stage1-kvm.invalid'
export GIT_AUTHOR_DATE='1767225600 +0000'
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL" GIT_COMMITTER_DATE="$GIT_AUTHOR_DATE"
git -C "$repo" init -q
git -C "$repo" add Makefile main.c
git -C "$repo" commit -q -m 'lkvm fixture'
