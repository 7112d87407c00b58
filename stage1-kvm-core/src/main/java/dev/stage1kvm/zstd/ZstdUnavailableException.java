package dev.stage1kvm.zstd;

import java.io.IOException;

/**
 * zstd data cannot be read on this host because zstd-jni's native library did not load. The data is not at fault;
 * the message names the folder the library is unpacked into and how to choose another.
 */
public final class ZstdUnavailableException extends IOException {

    /** zstd-jni's system property for the folder its native library is unpacked into. */
    public static final String TEMP_FOLDER_PROPERTY = "ZstdTempFolder";

    ZstdUnavailableException(String where, LinkageError cause) {
        super(
                where + ": cannot be decompressed, because zstd's native library (zstd-jni) did not load: " + cause
                        + ". It is unpacked into java.io.tmpdir (" + System.getProperty("java.io.tmpdir")
                        + ") unless the system property " + TEMP_FOLDER_PROPERTY
                        + " names another folder; that folder must"
                        + " be writable and allow running programs (not noexec).",
                cause);
    }
}
