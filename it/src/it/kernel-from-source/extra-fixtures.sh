# Run by common/prebuild.groovy after common/make-fixtures.sh: a kernel source tree whose Makefile acts like
# kbuild's targets (olddefconfig turns on what the fragment's options select, as Kconfig does) and "compiles"
# the fixture bzImage header, packed reproducibly so its digest never changes.
mkdir -p fixtures/linux-fake
cp fixtures/kernel fixtures/linux-fake/prebuilt.bin
cat > fixtures/linux-fake/Makefile <<'MAKEFILE'
tinyconfig:
	@printf 'CONFIG_64BIT=y\n' > .config
olddefconfig:
	@printf 'CONFIG_VIRTIO=y\nCONFIG_HVC_DRIVER=y\n' >> .config
bzImage:
	@echo '  CC      init/main.o'
	@mkdir -p arch/x86/boot && cp prebuilt.bin arch/x86/boot/bzImage
MAKEFILE
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C fixtures -cf - linux-fake | gzip -n > fixtures/linux-fake.tar.gz
# The project's fragment without IKCONFIG: with it, the builder reads the config back from the image's payload,
# which this header-only fixture lacks. This also exercises <kernelFragment>.
grep -v 'CONFIG_IKCONFIG' ../../../../kernel-config/src/main/resources/dev/stage1kvm/kernel/stage1-amd64.fragment \
  > fixtures/test.fragment
