package dev.stage1kvm.hypervisor;

import java.util.ArrayList;
import java.util.List;

/** Collects a command line one flag (and its value) per call, so that each reads as one line of code. */
final class Argv {

    private final List<String> args = new ArrayList<>();

    Argv add(String flag) {
        args.add(flag);
        return this;
    }

    Argv add(String flag, String value) {
        args.add(flag);
        args.add(value);
        return this;
    }

    List<String> toList() {
        return List.copyOf(args);
    }
}
