/**
 * zstd decoding (RFC 8878) for every package that meets zstd data: .deb members, OCI and docker layers, kernel
 * payloads and modules. {@link dev.stage1kvm.zstd.ZstdStreams} is the one place that calls zstd-jni, so a native
 * library that does not load is reported the same way everywhere.
 *
 * <p>Depends on no other package of the project.
 */
package dev.stage1kvm.zstd;
