# Creates the inputs of the build; run under different umasks by the tests.
set -eu
rm -rf fixtures
mkdir -p fixtures/common/etc fixtures/common/usr/lib fixtures/common/usr/bin fixtures/entrypoints
# The boot header of an x86 bzImage (Documentation/x86/boot.rst), enough for the plugin to read the release.
head -c 1024 /dev/zero > fixtures/kernel
put() { printf "$2" | dd of=fixtures/kernel bs=1 seek=$(($1)) conv=notrunc status=none; }
put 0x1fe '\125\252'
put 0x202 'HdrS'
put 0x206 '\017\002'
put 0x20e '\000\001'
put 0x300 '6.1.0-fixture (it@it) #1\000'
printf 'ID=stage1\n' > fixtures/common/etc/os-release
printf 'ID=stage1-qemu\n' > fixtures/override
printf '#!/bin/sh\necho qemu\n' > fixtures/qemu && chmod +x fixtures/qemu
printf '#!/bin/sh\necho lkvm\n' > fixtures/lkvm && chmod +x fixtures/lkvm
printf 'library\n' > fixtures/common/usr/lib/libexample.so.1
ln -s libexample.so.1 fixtures/common/usr/lib/libexample.so
ln fixtures/common/usr/lib/libexample.so.1 fixtures/common/usr/lib/libexample-hardlink.so.1
ln -s usr/lib fixtures/common/lib
long=fixtures/common/usr/lib/a-folder-name-long-enough-to-need-posix-long-names/and-another-level-that-makes-it-even-longer
mkdir -p "$long" && printf 'deep\n' > "$long/file-with-a-long-name-as-well.txt"
for program in init enter_kvm gc stop_kvm app_add app_rm app_start app_stop attach; do
  printf '#!/bin/sh\nexit 0\n' > "fixtures/entrypoints/$program"
  chmod +x "fixtures/entrypoints/$program"
done
