package dev.surety.devstack;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Waits for something outside this JVM (a port, a log line) by checking it on a fixed delay. */
final class Poll {

    /** One check: true when done; an IOException means waiting longer is pointless. */
    @FunctionalInterface
    interface Check {
        boolean done() throws IOException;
    }

    private Poll() {
    }

    /**
     * Runs {@code check} every {@code every} until it is done, fails, or {@code timeout} passes.
     *
     * @throws IOException the check's own failure, or {@code onTimeout}'s message on timeout
     */
    static void until(Duration timeout, Duration every, Check check, Supplier<String> onTimeout)
            throws IOException, InterruptedException {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "devstack-poll");
            t.setDaemon(true);
            return t;
        });
        CompletableFuture<Void> result = new CompletableFuture<>();
        timer.scheduleWithFixedDelay(() -> {
            try {
                if (check.done()) {
                    result.complete(null);
                }
            } catch (IOException fatal) {
                result.completeExceptionally(fatal);
            } catch (RuntimeException notYet) {
                // not answering yet: try again on the next tick
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        try {
            result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException(onTimeout.get());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            timer.shutdownNow();
        }
    }
}
