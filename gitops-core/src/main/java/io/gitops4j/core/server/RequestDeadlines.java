package io.gitops4j.core.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request threads of {@link ControllerHttpServer}, each request bounded by a deadline: from
 * the moment a thread takes a connection's request (reading its request line and headers), through
 * its body, to the end of the answer. A client that sends too slowly (or not at all, or reads the
 * answer too slowly) loses its connection when the deadline passes, and the thread goes back to
 * the pool; the other threads never wait for it. Where no answer was begun yet, the client is told
 * {@code 408 Request Timeout} first.
 *
 * <p>The JDK's server reads a connection with blocking channel reads, which an interrupt ends by
 * closing the channel: the deadline interrupts the request's thread, never another, and the
 * interrupt is cleared before the thread takes the next request.
 */
final class RequestDeadlines implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDeadlines.class);
    private static final byte[] TIMED_OUT = "request not received in time: the connection is closed\n"
            .getBytes(StandardCharsets.UTF_8);

    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Duration limit;
    private final ThreadLocal<Deadline> current = new ThreadLocal<>();

    RequestDeadlines(ExecutorService workers, ScheduledExecutorService timer, Duration limit) {
        this.workers = workers;
        this.timer = timer;
        this.limit = limit;
    }

    @Override
    public void execute(Runnable request) {
        workers.execute(() -> {
            Deadline deadline = new Deadline(Thread.currentThread());
            current.set(deadline);
            try {
                deadline.arm();
                request.run();
            } finally {
                current.remove();
                deadline.disarm();
            }
        });
    }

    /**
     * The deadline of the request the calling thread works on, told which exchange it is so that it
     * can answer 408 when it passes.
     */
    Deadline attach(HttpExchange exchange) {
        Deadline deadline = current.get();
        if (deadline == null) {
            throw new IllegalStateException("not on a request thread of the controller's HTTP server");
        }
        deadline.exchange = exchange;
        return deadline;
    }

    /** Where a request stands against its deadline. */
    private enum Phase {
        /** No answer begun: when the deadline passes, 408 is sent. */
        OPEN,
        /** The handler is answering: when the deadline passes, the connection is closed. */
        ANSWERING,
        /** The deadline passed. */
        EXPIRED,
        /** The request is over. */
        DONE
    }

    /** The deadline of one request. */
    final class Deadline {
        private final Thread thread;
        private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.OPEN);
        private final CountDownLatch expired = new CountDownLatch(1);
        private volatile HttpExchange exchange;
        private ScheduledFuture<?> alarm;

        private Deadline(Thread thread) {
            this.thread = thread;
        }

        private void arm() {
            try {
                alarm = timer.schedule(this::expire, limit.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                alarm = null;   // the server is closing
            }
        }

        /**
         * Claims the answer for the handler.
         *
         * @return {@code false} when the deadline passed: 408 went out, the handler must not answer
         */
        boolean answer() {
            return phase.compareAndSet(Phase.OPEN, Phase.ANSWERING);
        }

        /** {@return whether the deadline passed (the connection is closed or closing)} */
        boolean passed() {
            return phase.get() == Phase.EXPIRED;
        }

        private void expire() {
            Phase was = phase.get();
            if ((was != Phase.OPEN && was != Phase.ANSWERING) || !phase.compareAndSet(was, Phase.EXPIRED)) {
                return;
            }
            try {
                HttpExchange open = exchange;
                LOG.info("controller HTTP request {} took longer than {}: closing the connection",
                        open == null ? "from a client that did not finish its headers" : open.getRequestMethod() + " "
                                + open.getRequestURI().getPath() + " from " + open.getRemoteAddress(), limit);
                if (was == Phase.OPEN && open != null) {
                    tellTimedOut(open);
                }
                thread.interrupt();   // ends the thread's blocking read or write by closing the channel
            } finally {
                expired.countDown();
            }
        }

        /** 408 with a body of known length, written and flushed but not closed (closing would read on). */
        private static void tellTimedOut(HttpExchange exchange) {
            try {
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.getResponseHeaders().set("Connection", "close");
                exchange.sendResponseHeaders(408, TIMED_OUT.length);
                OutputStream body = exchange.getResponseBody();
                body.write(TIMED_OUT);
                body.flush();
            } catch (IOException | RuntimeException e) {
                LOG.debug("cannot tell the slow client 408: {}", e.toString());
            }
        }

        /** Ends the request: no interrupt can come after this returns, and none is left on the thread. */
        private void disarm() {
            Phase was = phase.getAndUpdate(p -> p == Phase.EXPIRED ? p : Phase.DONE);
            if (alarm != null) {
                alarm.cancel(false);
            }
            if (was == Phase.EXPIRED) {
                try {
                    expired.await();
                } catch (InterruptedException e) {
                    // the interrupt is the deadline's own, cleared below
                }
            }
            Thread.interrupted();
        }
    }
}
