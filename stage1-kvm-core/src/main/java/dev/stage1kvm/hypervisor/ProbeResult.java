package dev.stage1kvm.hypervisor;

import java.time.Duration;

/**
 * What the KVM probe decided.
 *
 * @param accel KVM when a test guest ran under it, else TCG
 * @param reason one line for the log: why this accelerator (for TCG, the warning to show)
 * @param elapsed how long the probe took
 */
public record ProbeResult(Accel accel, String reason, Duration elapsed) {}
