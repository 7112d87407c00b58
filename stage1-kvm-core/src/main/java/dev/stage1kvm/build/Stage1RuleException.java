package dev.stage1kvm.build;

import java.util.List;

/** A staged or finished image that breaks the stage1 rules; lists every problem found. */
public class Stage1RuleException extends RuntimeException {

    private final List<String> problems;

    public Stage1RuleException(String image, List<String> problems) {
        super("the " + image + " image breaks the stage1 rules: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
