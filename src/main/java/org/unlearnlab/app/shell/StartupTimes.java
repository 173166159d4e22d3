package org.unlearnlab.app.shell;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Milliseconds from the launch of the process to the moments a user waits for: the window, and the first
 * attacked digit on screen. Counted from the process start rather than from {@code main}, because the seconds
 * the JVM takes before {@code main} are seconds the user waits too. Marks come from the FX thread and the engine
 * thread alike.
 */
public final class StartupTimes {
    public static final String WINDOW_SHOWN = "window shown";
    public static final String FIRST_DIGIT = "first perturbed digit shown";

    private final LongSupplier sinceLaunch;
    private final Map<String, Long> marks = new LinkedHashMap<>();
    private final Map<String, Long> cpu = new LinkedHashMap<>();
    private final java.util.List<Runnable> onFirstDigit = new java.util.ArrayList<>();

    public StartupTimes() {
        this(launchClock());
    }

    /** @param sinceLaunch milliseconds since launch, now */
    StartupTimes(LongSupplier sinceLaunch) {
        this.sinceLaunch = sinceLaunch;
    }

    /** Milliseconds since the process started (the JVM's own start time where the OS does not say). */
    static LongSupplier launchClock() {
        long start = ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli)
                .orElseGet(() -> ManagementFactory.getRuntimeMXBean().getStartTime());
        return () -> System.currentTimeMillis() - start;
    }

    /** Records {@code what} at the current moment, once (a later mark of the same name is ignored). */
    public void mark(String what) {
        long at = sinceLaunch.getAsLong();
        long cpuMs = processCpuMillis();
        java.util.List<Runnable> then = java.util.List.of();
        synchronized (marks) {
            if (marks.putIfAbsent(what, at) != null) {
                return;
            }
            cpu.put(what, cpuMs);
            if (FIRST_DIGIT.equals(what)) {
                then = java.util.List.copyOf(onFirstDigit);
            }
        }
        System.err.println("unlearnlab: " + what + " " + at + " ms after launch (" + cpuMs + " ms of CPU)");
        then.forEach(Runnable::run);
    }

    /** Milliseconds since launch at which {@code what} was marked, or -1. */
    public long at(String what) {
        synchronized (marks) {
            return marks.getOrDefault(what, -1L);
        }
    }

    /** Runs {@code action} once the first digit is shown (at once if it was already). */
    public void whenFirstDigitShown(Runnable action) {
        synchronized (marks) {
            if (!marks.containsKey(FIRST_DIGIT)) {
                onFirstDigit.add(action);
                return;
            }
        }
        action.run();
    }

    /** "startup: window 1.4 s, first digit 4.2 s". */
    public String summary() {
        return String.format(Locale.ROOT, "startup: window %s, first digit %s",
                seconds(at(WINDOW_SHOWN)), seconds(at(FIRST_DIGIT)));
    }

    /**
     * Every mark in the order made, with the CPU time the process had used by then (all threads): on a machine
     * shared with other work the wall-clock figures stretch, the CPU figures much less. "window shown 1412 ms
     * (CPU 2304 ms); …".
     */
    public String details() {
        StringBuilder s = new StringBuilder();
        synchronized (marks) {
            marks.forEach((what, ms) -> s.append(s.length() == 0 ? "" : "; ").append(what).append(' ').append(ms)
                    .append(" ms (CPU ").append(cpu.get(what)).append(" ms)"));
        }
        return s.toString();
    }

    private static long processCpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
    }

    private static String seconds(long ms) {
        return ms < 0 ? "not reached" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
