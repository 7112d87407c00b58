package dev.stage1kvm.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns an image's user and group, names or numbers, into numeric IDs by the image's own {@code /etc/passwd} and
 * {@code /etc/group}, as a container runtime does: a numeric user without a passwd entry gets group 0.
 */
final class Users {

    /** passwd(5): name:password:UID:GID:GECOS:home:shell. */
    private static final int PASSWD_UID = 2;

    private static final int PASSWD_GID = 3;

    /** group(5): name:password:GID:members. */
    private static final int GROUP_GID = 2;

    private Users() {}

    /** uid and gid of {@code user} and {@code group} ({@code ""}: root, and the user's primary group). */
    static int[] resolve(Path image, Path rootfs, String user, String group) throws IOException {
        String userName = user.isEmpty() ? "0" : user;
        Optional<String[]> passwdEntry = find(rootfs, "/etc/passwd", userName, PASSWD_UID);
        int uid = number(userName)
                .orElseGet(() ->
                        passwdEntry.map(e -> Integer.parseInt(e[PASSWD_UID])).orElse(-1));
        if (uid < 0) {
            throw new AppImageException(
                    image,
                    "user '" + user + "' is not in the image's /etc/passwd; give a"
                            + " numeric user or add the user to the image");
        }
        if (!group.isEmpty()) {
            int gid = number(group)
                    .orElseGet(() -> find(rootfs, "/etc/group", group, GROUP_GID)
                            .map(e -> Integer.parseInt(e[GROUP_GID]))
                            .orElse(-1));
            if (gid < 0) {
                throw new AppImageException(
                        image,
                        "group '" + group + "' is not in the image's /etc/group; give a"
                                + " numeric group or add the group to the image");
            }
            return new int[] {uid, gid};
        }
        return new int[] {
            uid, passwdEntry.map(e -> Integer.parseInt(e[PASSWD_GID])).orElse(0)
        };
    }

    /** The line of {@code file} whose name, or whose numeric field {@code idField}, is {@code key}. */
    private static Optional<String[]> find(Path rootfs, String file, String key, int idField) {
        try {
            Optional<String> text = RootfsFiles.read(rootfs, file);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            return text.get()
                    .lines()
                    .map(line -> line.split(":", -1))
                    .filter(fields -> fields.length > PASSWD_GID && fields[idField].matches("\\d{1,9}"))
                    .filter(fields -> fields[0].equals(key) || fields[idField].equals(key))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static java.util.OptionalInt number(String text) {
        return text.matches("\\d{1,9}")
                ? java.util.OptionalInt.of(Integer.parseInt(text))
                : java.util.OptionalInt.empty();
    }
}
