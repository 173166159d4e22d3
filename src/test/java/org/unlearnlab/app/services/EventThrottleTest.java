package org.unlearnlab.app.services;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventThrottleTest {

    /** Time and timer driven by the test: nothing runs until {@link #advance} says so. */
    private static final class ManualTime implements EventThrottle.Scheduler {
        long now;
        final List<long[]> dueAt = new ArrayList<>();
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void schedule(Runnable task, long delayNanos) {
            dueAt.add(new long[]{now + delayNanos});
            tasks.add(task);
        }

        void advance(Duration d) {
            now += d.toNanos();
            for (int i = 0; i < tasks.size(); i++) {
                if (dueAt.get(i)[0] <= now) {
                    Runnable t = tasks.remove(i);
                    dueAt.remove(i);
                    i--;
                    t.run();
                }
            }
        }
    }

    private record Batch(int n) {
    }

    private record Epoch(int n) {
    }

    private final ManualTime time = new ManualTime();
    private final List<List<Object>> deliveries = new ArrayList<>();
    private final EventThrottle<Object> throttle = new EventThrottle<>(Runnable::run,
            e -> e instanceof Batch ? Batch.class : null, deliveries::add, Duration.ofMillis(50),
            () -> time.now, time);

    @Test
    void hundreds_of_batches_within_one_interval_arrive_as_the_latest_one() {
        time.advance(Duration.ofMillis(0));
        throttle.offer(new Batch(0));
        time.advance(Duration.ZERO);
        for (int i = 1; i <= 300; i++) {
            throttle.offer(new Batch(i));
        }
        time.advance(Duration.ofMillis(50));

        assertEquals(List.of(List.of(new Batch(0)), List.of(new Batch(300))), deliveries);
    }

    @Test
    void epoch_events_are_never_dropped_and_keep_their_order() {
        time.advance(Duration.ofMillis(100));
        for (int epoch = 1; epoch <= 3; epoch++) {
            for (int b = 0; b < 50; b++) {
                throttle.offer(new Batch(epoch * 100 + b));
            }
            throttle.offer(new Epoch(epoch));
        }
        time.advance(Duration.ofMillis(50));

        List<Object> all = deliveries.stream().flatMap(List::stream).toList();
        assertEquals(List.of(new Epoch(1), new Epoch(2), new Epoch(3)),
                all.stream().filter(e -> e instanceof Epoch).toList());
        assertEquals(new Batch(349), all.stream().filter(e -> e instanceof Batch).reduce((a, b) -> b).orElseThrow(),
                "the newest batch survives coalescing");
    }

    @Test
    void deliveries_are_at_most_one_per_interval() {
        for (int ms = 0; ms < 1000; ms++) {
            throttle.offer(new Batch(ms));
            time.advance(Duration.ofMillis(1));
        }
        time.advance(Duration.ofMillis(50));

        // 1000 ms of events at one per millisecond: 20 intervals of 50 ms, plus the first immediate delivery.
        assertTrue(deliveries.size() <= 22, "deliveries: " + deliveries.size());
        assertTrue(deliveries.size() >= 19, "deliveries: " + deliveries.size());
    }

    @Test
    void flush_delivers_pending_events_at_once() {
        throttle.offer(new Batch(1));
        time.advance(Duration.ZERO);
        throttle.offer(new Batch(2));
        throttle.offer(new Epoch(1));
        throttle.flush();

        assertEquals(List.of(List.of(new Batch(1)), List.of(new Batch(2), new Epoch(1))), deliveries);
    }

    @Test
    void the_immediate_throttle_delivers_every_event_inline() {
        List<List<String>> got = new ArrayList<>();
        EventThrottle<String> immediate = EventThrottle.immediate(s -> "k", got::add);
        immediate.offer("a");
        immediate.offer("b");
        assertEquals(List.of(List.of("a"), List.of("b")), got);
    }
}
