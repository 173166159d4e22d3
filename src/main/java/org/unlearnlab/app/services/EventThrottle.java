package org.unlearnlab.app.services;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Turns a fast stream of engine events (hundreds of training batches a second) into at most one delivery per
 * interval, so the FX thread redraws charts ~20 times a second instead of drowning in runLater calls.
 *
 * <p>Events with a non-null coalesce key (batch progress) replace the previous undelivered event with the same
 * key; events with a null key (epoch ends, iteration rows, removed samples, log lines) are all delivered, in
 * the order they were offered. Deliveries keep offer order across batches too.
 *
 * <p>{@link #offer} may be called from any thread; the sink is called on {@code deliverOn}. A source should
 * {@link #flush()} when it ends, so that its last events are posted before its completion callbacks.
 */
public final class EventThrottle<E> {

    /** 50 ms: 20 deliveries per second. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(50);

    /** Runs a task after a delay; injectable so tests can drive time by hand. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Runnable task, long delayNanos);
    }

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "unlearnlab-throttle");
        t.setDaemon(true);
        return t;
    });

    private static final Scheduler TIMER_SCHEDULER =
            (task, delayNanos) -> TIMER.schedule(task, delayNanos, TimeUnit.NANOSECONDS);

    private final Executor deliverOn;
    private final Function<? super E, ?> coalesceKey;
    private final Consumer<? super List<E>> sink;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final Scheduler scheduler;

    private final List<E> pending = new ArrayList<>();
    private boolean flushScheduled;
    private long lastDelivery;
    private boolean delivered;

    /** A throttle at {@link #DEFAULT_INTERVAL} on the wall clock. */
    public EventThrottle(Executor deliverOn, Function<? super E, ?> coalesceKey, Consumer<? super List<E>> sink) {
        this(deliverOn, coalesceKey, sink, DEFAULT_INTERVAL, System::nanoTime, TIMER_SCHEDULER);
    }

    public EventThrottle(Executor deliverOn, Function<? super E, ?> coalesceKey, Consumer<? super List<E>> sink,
                         Duration interval, LongSupplier nanoClock, Scheduler scheduler) {
        this.deliverOn = Objects.requireNonNull(deliverOn);
        this.coalesceKey = Objects.requireNonNull(coalesceKey);
        this.sink = Objects.requireNonNull(sink);
        this.intervalNanos = interval.toNanos();
        this.clock = Objects.requireNonNull(nanoClock);
        this.scheduler = Objects.requireNonNull(scheduler);
    }

    /** Delivers every event at once on the calling thread; for tests and for sources that are slow anyway. */
    public static <E> EventThrottle<E> immediate(Function<? super E, ?> coalesceKey, Consumer<? super List<E>> sink) {
        return new EventThrottle<>(Runnable::run, coalesceKey, sink, Duration.ZERO, () -> 0L,
                (task, delay) -> task.run());
    }

    public void offer(E event) {
        Objects.requireNonNull(event);
        long delay;
        synchronized (this) {
            Object key = coalesceKey.apply(event);
            if (key != null) {
                for (int i = pending.size() - 1; i >= 0; i--) {
                    if (key.equals(coalesceKey.apply(pending.get(i)))) {
                        pending.remove(i);
                        break;
                    }
                }
            }
            pending.add(event);
            if (flushScheduled) {
                return;
            }
            flushScheduled = true;
            long now = clock.getAsLong();
            delay = delivered ? Math.max(0, lastDelivery + intervalNanos - now) : 0;
        }
        scheduler.schedule(this::scheduledFlush, delay);
    }

    /** Delivers what is pending now, regardless of the interval. */
    public void flush() {
        synchronized (this) {
            deliverPending();
        }
    }

    private void scheduledFlush() {
        synchronized (this) {
            flushScheduled = false;
            deliverPending();
        }
    }

    // Called with the lock held: handing the batch over inside the lock keeps batches in offer order even when
    // the timer thread and a source's final flush() race.
    private void deliverPending() {
        if (pending.isEmpty()) {
            return;
        }
        List<E> batch = List.copyOf(pending);
        pending.clear();
        lastDelivery = clock.getAsLong();
        delivered = true;
        deliverOn.execute(() -> sink.accept(batch));
    }
}
