package io.kongexporter.core;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The exporter's one thread factory: named daemon threads (a stuck background task never keeps the JVM alive). */
public final class Threads {
    private Threads() {}

    /** Threads named {@code name-1}, {@code name-2}, ... */
    public static ThreadFactory daemon(String name) {
        return daemon(name, 0);
    }

    /** With a stack size in bytes (0: the JVM's default); SSE writers use a small one. */
    public static ThreadFactory daemon(String name, long stackBytes) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(null, runnable, name + "-" + count.incrementAndGet(), stackBytes);
            thread.setDaemon(true);
            return thread;
        };
    }
}
