package org.unlearnlab.app.shell;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StartupTimesTest {
    @Test
    void the_summary_gives_seconds_since_launch_and_each_mark_counts_once() {
        AtomicLong now = new AtomicLong(1_412);
        StartupTimes times = new StartupTimes(now::get);
        times.mark(StartupTimes.WINDOW_SHOWN);
        now.set(9_000);
        times.mark(StartupTimes.WINDOW_SHOWN);
        assertEquals("startup: window 1.4 s, first digit not reached", times.summary());

        List<String> seen = new ArrayList<>();
        times.whenFirstDigitShown(() -> seen.add("report"));
        times.whenFirstDigitShown(() -> seen.add("decode"));
        now.set(4_249);
        times.mark(StartupTimes.FIRST_DIGIT);
        assertEquals(List.of("report", "decode"), seen);
        assertEquals("startup: window 1.4 s, first digit 4.2 s", times.summary());
        assertEquals(1_412, times.at(StartupTimes.WINDOW_SHOWN));

        times.whenFirstDigitShown(() -> seen.add("late"));
        assertEquals(List.of("report", "decode", "late"), seen, "runs at once when the digit is already up");
    }
}
