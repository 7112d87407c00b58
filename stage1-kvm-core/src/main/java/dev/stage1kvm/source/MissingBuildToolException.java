package dev.stage1kvm.source;

import java.util.List;
import java.util.stream.Collectors;

/** Programs or headers a build needs are not on the host; the message names each with its Debian package. */
public final class MissingBuildToolException extends Exception {

    private final List<BuildTool> missing;

    public MissingBuildToolException(String what, String path, List<BuildTool> missing) {
        super(what + " needs tools this host lacks: "
                + missing.stream().map(MissingBuildToolException::describe).collect(Collectors.joining(", "))
                + " (programs are looked up on PATH " + path + "). Install them with: apt-get install "
                + missing.stream().map(BuildTool::debianPackage).distinct().collect(Collectors.joining(" ")));
        this.missing = List.copyOf(missing);
    }

    private static String describe(BuildTool tool) {
        String where = tool.program() != null ? "" : " " + String.join(" or ", tool.headerPaths());
        return tool.name() + where + " (Debian package " + tool.debianPackage() + ")";
    }

    public List<BuildTool> missing() {
        return missing;
    }
}
