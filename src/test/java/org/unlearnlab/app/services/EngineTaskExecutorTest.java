package org.unlearnlab.app.services;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineTaskExecutorTest {
    // Stands in for the FX thread: one thread, FIFO, like Platform.runLater.
    private final ExecutorService ui = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-fx"));
    private final EngineTaskExecutor executor = new EngineTaskExecutor(ui);

    @AfterEach
    void stop() {
        executor.shutdown();
        ui.shutdownNow();
    }

    @Test
    void tasks_run_one_after_the_other_on_the_engine_thread_and_call_back_on_the_ui_thread() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            int n = i;
            executor.execute(BackgroundTask.of("task " + n, ctx -> {
                events.add("run " + n + " on " + Thread.currentThread().getName());
                Thread.sleep(20);
                return n;
            }).onSuccess(r -> {
                events.add("done " + r + " on " + Thread.currentThread().getName());
                done.countDown();
            }));
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));

        List<String> runs = events.stream().filter(e -> e.startsWith("run")).toList();
        assertEquals(List.of("run 0 on unlearnlab-engine", "run 1 on unlearnlab-engine", "run 2 on unlearnlab-engine"),
                runs);
        assertTrue(events.stream().filter(e -> e.startsWith("done")).allMatch(e -> e.endsWith("on fake-fx")));
    }

    @Test
    void shutdown_cancels_the_running_task_at_its_next_check() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        executor.execute(BackgroundTask.of("endless", ctx -> {
            started.countDown();
            while (true) {
                ctx.cancellationToken().throwIfCancelled();
                Thread.sleep(5);
            }
        }).onCancelled(cancelled::countDown));
        assertTrue(started.await(5, TimeUnit.SECONDS));

        executor.shutdown();

        assertTrue(cancelled.await(5, TimeUnit.SECONDS));
    }
}
