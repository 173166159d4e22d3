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

class QuickTaskTest {
    private final ExecutorService ui = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-fx"));
    private final EngineTaskExecutor executor = new EngineTaskExecutor(ui);

    @AfterEach
    void stop() {
        executor.shutdown();
        ui.shutdownNow();
    }

    @Test
    void a_quick_task_runs_between_the_batches_of_a_long_one_on_the_same_thread() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch longStarted = new CountDownLatch(1);
        CountDownLatch quickQueued = new CountDownLatch(1);
        CountDownLatch allDone = new CountDownLatch(3);

        executor.execute(BackgroundTask.of("long training", ctx -> {
            longStarted.countDown();
            quickQueued.await(5, TimeUnit.SECONDS);
            for (int batch = 1; batch <= 3; batch++) {
                order.add("batch " + batch);
                ctx.runQuickTasks();
            }
            return null;
        }).onFinished(allDone::countDown));
        assertTrue(longStarted.await(5, TimeUnit.SECONDS));
        executor.execute(BackgroundTask.of("slow one, not quick", ctx -> {
            order.add("normal on " + Thread.currentThread().getName());
            return null;
        }).onFinished(allDone::countDown));
        executor.execute(BackgroundTask.of("attack a digit", ctx -> {
            order.add("quick on " + Thread.currentThread().getName());
            return null;
        }).quick().onFinished(allDone::countDown));
        quickQueued.countDown();

        assertTrue(allDone.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("batch 1", "quick on unlearnlab-engine", "batch 2", "batch 3",
                "normal on unlearnlab-engine"), order);
    }

    @Test
    void a_quick_task_without_a_long_one_runs_once_in_order() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(2);
        executor.execute(BackgroundTask.of("first", ctx -> order.add("first")).onFinished(done::countDown));
        executor.execute(BackgroundTask.of("quick", ctx -> order.add("quick")).quick().onFinished(done::countDown));
        assertTrue(done.await(5, TimeUnit.SECONDS));
        CountDownLatch longDone = new CountDownLatch(1);
        executor.execute(BackgroundTask.of("long", ctx -> {
            ctx.runQuickTasks();
            return order.add("long");
        }).onFinished(longDone::countDown));
        assertTrue(longDone.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("first", "quick", "long"), order, "the quick task ran exactly once");
    }
}
