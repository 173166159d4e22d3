package org.unlearnlab.app.services;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackgroundTaskTest {
    private final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
    private final List<String> calls = new ArrayList<>();

    private <T> BackgroundTask<T> recorded(BackgroundTask<T> task) {
        return task.onSuccess(r -> calls.add("success " + r))
                .onFailure(e -> calls.add("failure " + e.getMessage()))
                .onCancelled(() -> calls.add("cancelled"))
                .onFinished(() -> calls.add("finished"));
    }

    @Test
    void a_successful_task_reports_its_result_then_finishes() {
        BackgroundTask<Integer> task = executor.execute(recorded(BackgroundTask.of("sum", ctx -> {
            ctx.updateProgress(1, 2);
            ctx.updateMessage("half way");
            return 42;
        })));

        assertEquals(List.of("success 42", "finished"), calls);
        assertEquals(BackgroundTask.State.SUCCEEDED, task.stateProperty().get());
        assertEquals(1.0, task.progressProperty().get());
        assertEquals("half way", task.messageProperty().get());
    }

    @Test
    void a_failing_task_reports_its_exception() {
        BackgroundTask<Object> task = executor.execute(recorded(BackgroundTask.of("read", ctx -> {
            throw new IOException("disk gone");
        })));

        assertEquals(List.of("failure disk gone", "finished"), calls);
        assertEquals(BackgroundTask.State.FAILED, task.stateProperty().get());
    }

    @Test
    void a_task_cancelled_while_queued_never_runs() {
        BackgroundTask<String> task = recorded(BackgroundTask.of("never", ctx -> {
            calls.add("ran");
            return "x";
        }));
        task.cancel();
        executor.execute(task);

        assertEquals(List.of("cancelled", "finished"), calls);
    }

    @Test
    void engine_cancellation_ends_in_on_cancelled() {
        executor.execute(recorded(BackgroundTask.of("train", ctx -> {
            ctx.cancellationToken().cancel();
            ctx.cancellationToken().throwIfCancelled();
            return "unreachable";
        })));

        assertEquals(List.of("cancelled", "finished"), calls);
    }

    @Test
    void a_result_returned_after_a_cancel_is_not_applied() {
        executor.execute(recorded(BackgroundTask.of("half", ctx -> {
            ctx.cancellationToken().cancel();
            return "half done";
        })));

        assertEquals(List.of("cancelled", "finished"), calls);
        assertFalse(calls.contains("success half done"));
    }

    @Test
    void the_current_task_is_visible_while_it_runs_and_cleared_after() {
        List<BackgroundTask<?>> seen = new ArrayList<>();
        BackgroundTask<Void> task = BackgroundTask.of("look", ctx -> {
            seen.add(executor.currentTaskProperty().get());
            return null;
        });
        executor.execute(task);

        assertEquals(List.of(task), seen);
        assertNull(executor.currentTaskProperty().get());
    }

    @Test
    void cancellation_exception_thrown_by_the_body_is_a_cancel_not_a_failure() {
        BackgroundTask<Object> task = executor.execute(recorded(BackgroundTask.of("stop", ctx -> {
            throw new CancellationException("stopped");
        })));
        assertTrue(calls.contains("cancelled"));
        assertEquals(BackgroundTask.State.CANCELLED, task.stateProperty().get());
    }

    @Test
    void callbacks_added_after_the_task_ended_run_at_once_and_several_may_be_added() {
        BackgroundTask<String> task = executor.execute(BackgroundTask.of("quick", ctx -> "r"));

        task.onSuccess(r -> calls.add("first " + r)).onSuccess(r -> calls.add("second " + r))
                .onFailure(e -> calls.add("never"))
                .onFinished(() -> calls.add("finished"));

        assertEquals(List.of("first r", "second r", "finished"), calls);
    }
}
