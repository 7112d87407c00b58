package dev.stage1kvm.source;

import dev.stage1kvm.progress.RecordingListener;
import java.nio.file.Path;

/** Runs one {@link GitSource#checkout} in its own JVM, printing its progress; args: {@code cache url commit target}. */
public final class CheckoutInAnotherProcess {

    private CheckoutInAnotherProcess() {}

    public static void main(String[] args) throws Exception {
        RecordingListener listener = new RecordingListener();
        new GitSource(Path.of(args[0]), false, listener).checkout(args[1], args[2], Path.of(args[3]));
        listener.lines.forEach(System.out::println);
    }
}
