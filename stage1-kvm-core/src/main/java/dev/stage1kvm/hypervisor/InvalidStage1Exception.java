package dev.stage1kvm.hypervisor;

import java.util.List;

/** A stage1 image whose annotations do not lead to the files a pod VM needs. */
public final class InvalidStage1Exception extends IllegalArgumentException {

    private final String source;
    private final List<String> problems;

    public InvalidStage1Exception(String source, List<String> problems) {
        super(source + " cannot start a pod: " + String.join("; ", problems)
                + "; use a stage1 image built by stage1-kvm for this launcher version");
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The image, as named to the user. */
    public String source() {
        return source;
    }

    /** Each thing that is wrong, one sentence each. */
    public List<String> problems() {
        return problems;
    }
}
