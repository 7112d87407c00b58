package dev.stage1kvm.build;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Chooses the one mtime every archive entry gets (DESIGN.md section 5): the configured output timestamp, else
 * {@code SOURCE_DATE_EPOCH}, else a fixed date.
 */
public final class OutputTimestamp {

    /** Used when nothing is configured: a fixed date keeps builds reproducible; 1980 suits zip-minded tools too. */
    public static final Instant FALLBACK = Instant.parse("1980-01-01T00:00:00Z");

    private OutputTimestamp() {}

    /** The chosen instant and why, for the log. */
    public record Choice(Instant instant, String reason) {}

    /**
     * @param configured Maven's {@code project.build.outputTimestamp} style: ISO-8601 with offset, or seconds since
     *     the epoch; {@code null}, empty or a single character (Maven's way of turning it off) means unset
     * @param sourceDateEpoch the environment's {@code SOURCE_DATE_EPOCH}, or {@code null}
     */
    public static Choice choose(String configured, String sourceDateEpoch) {
        if (configured != null && configured.trim().length() > 1) {
            return new Choice(parse("outputTimestamp", configured.trim()), "from outputTimestamp");
        }
        if (sourceDateEpoch != null && !sourceDateEpoch.isBlank()) {
            return new Choice(parseEpoch("SOURCE_DATE_EPOCH", sourceDateEpoch.trim()), "from SOURCE_DATE_EPOCH");
        }
        return new Choice(FALLBACK, "fixed, since neither outputTimestamp nor SOURCE_DATE_EPOCH is set");
    }

    private static Instant parse(String setting, String value) {
        if (value.chars().allMatch(Character::isDigit)) {
            return parseEpoch(setting, value);
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidSpecException(
                    setting, value, "is neither seconds since 1970 nor an ISO-8601 date such as 2026-01-01T00:00:00Z");
        }
    }

    private static Instant parseEpoch(String setting, String value) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds < 0) {
                throw new NumberFormatException();
            }
            return Instant.ofEpochSecond(seconds);
        } catch (NumberFormatException e) {
            throw new InvalidSpecException(setting, value, "must be a whole number of seconds since 1970");
        }
    }
}
