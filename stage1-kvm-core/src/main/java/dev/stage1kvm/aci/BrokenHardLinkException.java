package dev.stage1kvm.aci;

/** A staged hard link whose target is missing, is not a regular file, or leads back to itself. */
public final class BrokenHardLinkException extends IllegalArgumentException {

    private final String linkPath;
    private final String targetPath;

    BrokenHardLinkException(String linkPath, String targetPath, String problem) {
        super("hard link rootfs/" + linkPath + " -> rootfs/" + targetPath + ": " + problem
                + "; stage the target as a regular file or replace the link with a copy");
        this.linkPath = linkPath;
        this.targetPath = targetPath;
    }

    public String linkPath() {
        return linkPath;
    }

    public String targetPath() {
        return targetPath;
    }
}
