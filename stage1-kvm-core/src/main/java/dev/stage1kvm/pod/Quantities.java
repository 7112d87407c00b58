package dev.stage1kvm.pod;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * appc resource quantities (appc spec 0.8.11, "Resource isolators"): a plain number, a decimal ({@code 0.3}), or a
 * number with a suffix: {@code m} (thousandths), decimal SI {@code K M G T P E} (powers of 1000; {@code k} is taken
 * too) or binary {@code Ki Mi Gi Ti Pi Ei} (powers of 1024). Values are exact: {@code 128974848}, {@code 125952Ki}
 * and {@code 123Mi} are equal.
 */
public final class Quantities {

    /**
     * The largest memory limit taken, 1 TiB. Far above what a pod VM on one host gets; its job is to turn a slip such
     * as {@code 1P} or {@code 1E} into an error instead of a guest that QEMU cannot allocate.
     */
    public static final long MAX_MEMORY_BYTES = 1L << 40;

    /**
     * The smallest memory limit taken, 1M (10^6 bytes). Unsuffixed numbers are bytes, so {@code --memory 512} means
     * 512 bytes; nothing below a megabyte is a real limit, and the error points at the missing suffix.
     */
    public static final long MIN_MEMORY_BYTES = 1_000_000;

    /**
     * The largest CPU limit taken, 1024 cores. Four times the biggest x86 hosts sold today and twice the kernel's
     * NR_CPUS ceiling; it catches slips such as {@code 1M} for {@code 1m}.
     */
    public static final long MAX_CPU_MILLIS = 1024L * 1000;

    /** How to write a quantity, appended to every error. */
    static final String ACCEPTED_FORMS = "use a non-negative number with an optional suffix, e.g. 512Mi, 1Gi, 500M,"
            + " 0.5, 500m; suffixes: m (1/1000), K M G T P E (powers of 1000), Ki Mi Gi Ti Pi Ei (powers of 1024)";

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(m|[kKMGTPE]i?)?");

    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("m", new BigDecimal("0.001")),
            Map.entry("k", BigDecimal.TEN.pow(3)),
            Map.entry("K", BigDecimal.TEN.pow(3)),
            Map.entry("M", BigDecimal.TEN.pow(6)),
            Map.entry("G", BigDecimal.TEN.pow(9)),
            Map.entry("T", BigDecimal.TEN.pow(12)),
            Map.entry("P", BigDecimal.TEN.pow(15)),
            Map.entry("E", BigDecimal.TEN.pow(18)),
            Map.entry("Ki", BigDecimal.valueOf(2).pow(10)),
            Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
            Map.entry("Gi", BigDecimal.valueOf(2).pow(30)),
            Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
            Map.entry("Pi", BigDecimal.valueOf(2).pow(50)),
            Map.entry("Ei", BigDecimal.valueOf(2).pow(60)));

    private Quantities() {}

    /**
     * Parses a quantity to its exact value in base units (bytes, cores).
     *
     * @param field the flag or manifest field the value came from, for the error message
     * @throws InvalidQuantityException when the text is not a quantity or is negative
     */
    public static BigDecimal parse(String field, String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.startsWith("-")) {
            throw new InvalidQuantityException(field, text, "is negative: " + ACCEPTED_FORMS);
        }
        Matcher matcher = FORM.matcher(trimmed);
        if (!matcher.matches()) {
            throw new InvalidQuantityException(field, text, "is not a quantity: " + ACCEPTED_FORMS);
        }
        BigDecimal number = new BigDecimal(matcher.group(1));
        String suffix = matcher.group(2);
        return suffix == null ? number : number.multiply(SUFFIXES.get(suffix));
    }

    /**
     * Parses a memory limit to whole bytes, between {@link #MIN_MEMORY_BYTES} and {@link #MAX_MEMORY_BYTES}.
     *
     * @throws InvalidQuantityException when the text is malformed, not a whole number of bytes, or out of range
     */
    public static long memoryBytes(String field, String text) {
        BigDecimal bytes = parse(field, text);
        if (bytes.stripTrailingZeros().scale() > 0) {
            throw new InvalidQuantityException(
                    field, text, "is not a whole number of bytes (m means 1/1000; write M or Mi for mega)");
        }
        if (bytes.compareTo(BigDecimal.valueOf(MIN_MEMORY_BYTES)) < 0) {
            throw new InvalidQuantityException(
                    field, text, "is less than 1M; unsuffixed numbers are bytes, so" + " write the unit, e.g. 512Mi");
        }
        if (bytes.compareTo(BigDecimal.valueOf(MAX_MEMORY_BYTES)) > 0) {
            throw new InvalidQuantityException(field, text, "is more than the largest memory limit, 1Ti");
        }
        return bytes.longValueExact();
    }

    /**
     * Parses a CPU limit in cores ({@code 1} = {@code 1000m}) to whole millicores, above zero and at most
     * {@link #MAX_CPU_MILLIS}.
     *
     * @throws InvalidQuantityException when the text is malformed, finer than 1m, zero, or out of range
     */
    public static long cpuMillis(String field, String text) {
        BigDecimal millis = parse(field, text).multiply(BigDecimal.valueOf(1000));
        if (millis.stripTrailingZeros().scale() > 0) {
            throw new InvalidQuantityException(field, text, "is finer than 1m (a thousandth of a core)");
        }
        if (millis.signum() == 0) {
            throw new InvalidQuantityException(field, text, "is zero; give at least 1m, or no limit at all");
        }
        if (millis.compareTo(BigDecimal.valueOf(MAX_CPU_MILLIS)) > 0) {
            throw new InvalidQuantityException(field, text, "is more than the largest CPU limit, 1024 cores");
        }
        return millis.longValueExact();
    }
}
