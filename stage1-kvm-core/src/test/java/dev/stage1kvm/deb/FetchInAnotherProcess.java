package dev.stage1kvm.deb;

import dev.stage1kvm.progress.BuildListener;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** Fetches one blob into a cache from a separate JVM, to test that two builds can share a cache. */
public final class FetchInAnotherProcess {

    private FetchInAnotherProcess() {}

    /** Arguments: cache folder, URL, SHA-256, size in bytes. Prints the blob path. */
    public static void main(String[] args) throws Exception {
        Fetcher fetcher = new Fetcher(new DebCache(Path.of(args[0])), false, BuildListener.SILENT);
        Path blob = fetcher.fetchBlob(List.of(URI.create(args[1])), args[2], Long.parseLong(args[3]), "test blob");
        System.out.println(blob);
    }
}
