package dev.stage1kvm.hypervisor;

/**
 * A 64 KiB x86 firmware image that counts down a register from ten million in real mode and then writes
 * {@link #EXIT_BYTE} to isa-debug-exit. It is the whole guest of the KVM probe: starting it needs a working vCPU,
 * and finishing it quickly needs one that runs natively. Software that emulates each instruction (this is what a
 * kernel's "PVM" backend does for real-mode code) takes seconds, where KVM on hardware takes milliseconds.
 */
final class ProbeFirmware {

    /** QEMU maps firmware below 4 GiB and wants its size to be a multiple of 64 KiB (hw/i386/x86.c). */
    static final int SIZE_BYTES = 64 * 1024;

    /** Offset of the reset vector: the CPU starts at 0xFFFFFFF0, the image's last 16 bytes (Intel SDM 3A, 9.1.4). */
    static final int RESET_VECTOR_OFFSET = SIZE_BYTES - 16;

    /** The byte the guest writes; QEMU then exits with (byte << 1) | 1. */
    static final int EXIT_BYTE = 42;

    /** QEMU's exit code when the probe guest ran to its end. */
    static final int EXPECTED_EXIT_CODE = (EXIT_BYTE << 1) | 1;

    /** Loop iterations: a few milliseconds natively or under TCG's translation, seconds when emulated. */
    static final int LOOP_COUNT = 10_000_000;

    private ProbeFirmware() {}

    /** The firmware image. */
    static byte[] image() {
        byte[] image = new byte[SIZE_BYTES];
        byte[] main = {
            0x66,
            (byte) 0xB9,
            (byte) LOOP_COUNT,
            (byte) (LOOP_COUNT >> 8),
            (byte) (LOOP_COUNT >> 16),
            (byte) (LOOP_COUNT >>> 24), // 0x00: mov ecx, LOOP_COUNT
            0x66,
            0x49, // 0x06: dec ecx
            0x75,
            (byte) 0xFC, // 0x08: jnz 0x06
            (byte) 0xB0,
            (byte) EXIT_BYTE, // 0x0A: mov al, EXIT_BYTE
            (byte) 0xE6,
            (byte) QemuCommand.DEBUG_EXIT_PORT, // 0x0C: out DEBUG_EXIT_PORT, al
            (byte) 0xF4, // 0x0E: hlt
            (byte) 0xEB,
            (byte) 0xFD // 0x0F: jmp 0x0E
        };
        System.arraycopy(main, 0, image, 0, main.length);
        // at reset CS's base is 0xFFFF0000, so a near jump to offset 0 lands on the image's first byte
        int next = RESET_VECTOR_OFFSET + 3;
        int displacement = (0x10000 - next) & 0xFFFF;
        byte[] reset = {(byte) 0xE9, (byte) displacement, (byte) (displacement >> 8)}; // jmp near 0x0000
        System.arraycopy(reset, 0, image, RESET_VECTOR_OFFSET, reset.length);
        return image;
    }
}
