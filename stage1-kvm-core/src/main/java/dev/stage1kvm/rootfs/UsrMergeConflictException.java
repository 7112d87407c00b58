package dev.stage1kvm.rootfs;

/**
 * Two different entries would land on one path when {@code /bin}, {@code /sbin} and {@code /lib*} move under
 * {@code /usr}: for example {@code /bin/x} and {@code /usr/bin/x} with different bytes.
 */
public class UsrMergeConflictException extends InvalidInputException {

    private final String movedPath;
    private final String usrPath;

    public UsrMergeConflictException(String movedPath, String usrPath, String difference) {
        super(
                "merged /usr",
                "/" + movedPath + " and /" + usrPath + " differ (" + difference + ") and cannot both become /" + usrPath
                        + "; drop one of them from the inputs or make them the same");
        this.movedPath = movedPath;
        this.usrPath = usrPath;
    }

    /** The entry under {@code /bin}, {@code /sbin} or {@code /lib*}, as a rootfs path. */
    public String movedPath() {
        return movedPath;
    }

    /** The entry already under {@code /usr}. */
    public String usrPath() {
        return usrPath;
    }
}
