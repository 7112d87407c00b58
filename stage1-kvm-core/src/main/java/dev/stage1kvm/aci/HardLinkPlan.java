package dev.stage1kvm.aci;

import dev.stage1kvm.rootfs.RootfsPath;
import dev.stage1kvm.rootfs.StagedEntry;
import dev.stage1kvm.rootfs.StagedTree;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Decides how each group of hard-linked names is written. A tar hard link may only name an earlier entry, so the
 * name that sorts first carries the bytes and every other name of the group, the staged file included, becomes a
 * hard link to it.
 */
final class HardLinkPlan {

    private final Map<String, String> firstNameOf = new HashMap<>();
    private final Map<String, StagedEntry.RegularFile> fileOf = new HashMap<>();

    static HardLinkPlan of(StagedTree tree) {
        HardLinkPlan plan = new HardLinkPlan();
        tree.entries().forEach((path, entry) -> {
            if (entry instanceof StagedEntry.HardLink link) {
                plan.add(path, plan.resolve(tree, path, link));
            }
        });
        return plan;
    }

    /** The name that carries the bytes of {@code path}'s group, or {@code null} when {@code path} has no links. */
    String firstName(String path) {
        return firstNameOf.get(path);
    }

    /** The staged file whose bytes the group shares. */
    StagedEntry.RegularFile file(String path) {
        return fileOf.get(path);
    }

    private void add(String linkPath, String filePath) {
        String first = firstNameOf.getOrDefault(filePath, filePath);
        if (RootfsPath.ORDER.compare(linkPath, first) < 0) {
            String oldFirst = first;
            firstNameOf.replaceAll((name, value) -> value.equals(oldFirst) ? linkPath : value);
            first = linkPath;
        }
        firstNameOf.put(filePath, first);
        firstNameOf.put(linkPath, first);
        fileOf.put(linkPath, fileOf.get(filePath));
    }

    private String resolve(StagedTree tree, String linkPath, StagedEntry.HardLink link) {
        Set<String> seen = new HashSet<>();
        String current = linkPath;
        StagedEntry entry = link;
        while (entry instanceof StagedEntry.HardLink step) {
            if (!seen.add(current)) {
                throw new BrokenHardLinkException(linkPath, link.targetPath(), "the links form a loop");
            }
            current = normalizedTarget(linkPath, step);
            entry = tree.entries().get(current);
        }
        if (!(entry instanceof StagedEntry.RegularFile file)) {
            String problem = entry == null ? "the target is not in the rootfs" : "the target is not a regular file";
            throw new BrokenHardLinkException(linkPath, link.targetPath(), problem);
        }
        fileOf.put(current, file);
        return current;
    }

    private static String normalizedTarget(String linkPath, StagedEntry.HardLink link) {
        try {
            return RootfsPath.normalize(link.targetPath());
        } catch (IllegalArgumentException e) {
            throw new BrokenHardLinkException(linkPath, link.targetPath(), e.getMessage());
        }
    }
}
