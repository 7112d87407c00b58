/**
 * The Debian repository client: fetches, verifies and caches Debian binary packages with nothing on the host but a
 * JDK.
 *
 * <p>Flow: {@link dev.stage1kvm.deb.DebianRepository} reads each suite's {@code InRelease} (checked by
 * {@link dev.stage1kvm.deb.InReleaseVerifier} against an {@link dev.stage1kvm.deb.ArchiveKeyring}), takes
 * {@code Packages.xz} by the SHA-256 the release lists into a {@link dev.stage1kvm.deb.PackageIndex};
 * {@link dev.stage1kvm.deb.Resolver} closes the requested packages over {@code Pre-Depends} and {@code Depends};
 * {@link dev.stage1kvm.deb.Fetcher} downloads each {@code .deb} into the {@link dev.stage1kvm.deb.DebCache} by its
 * SHA-256; {@link dev.stage1kvm.deb.LockFile} pins the result; {@link dev.stage1kvm.deb.DebArchive} stages a
 * package's files into a {@link dev.stage1kvm.rootfs.StagedTree}. {@link dev.stage1kvm.deb.DebianPackages} is the
 * build step that ties these together.
 *
 * <p>Depends on {@code dev.stage1kvm.progress} (the listener), {@code dev.stage1kvm.rootfs} (staged trees) and
 * {@code dev.stage1kvm.zstd} (zstd members) only.
 */
package dev.stage1kvm.deb;
