package io.kongexporter.live;

import io.kongexporter.ingest.LogEntry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one second (or minute) of traffic looked like, filled from the ingest hot path with a few lock-free adds
 * per entry: requests by status class and by source, Kong / upstream / request latencies, bandwidth, and the same
 * counts per service (for the top services and for subscribers that filter on one service).
 */
final class TrafficWindow {
    /** Counts of one service (or of all traffic). */
    static final class Counts {
        final LongAdder requests = new LongAdder();
        final LongAdder[] byClass = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
        final LongAdder fromService = new LongAdder();
        final LongAdder fromKong = new LongAdder();
        final LongAdder ingress = new LongAdder();
        final LongAdder egress = new LongAdder();

        void add(int status, boolean upstreamAnswered, long requestSize, long responseSize) {
            requests.increment();
            int cls = status / 100;
            if (cls >= 1 && cls <= 5) {
                byClass[cls - 1].increment();
            }
            (upstreamAnswered ? fromService : fromKong).increment();
            if (requestSize > 0) {
                ingress.add(requestSize);
            }
            if (responseSize > 0) {
                egress.add(responseSize);
            }
        }

        void add(Counts other) {
            requests.add(other.requests.sum());
            for (int i = 0; i < byClass.length; i++) {
                byClass[i].add(other.byClass[i].sum());
            }
            fromService.add(other.fromService.sum());
            fromKong.add(other.fromKong.sum());
            ingress.add(other.ingress.sum());
            egress.add(other.egress.sum());
        }
    }

    static final int MAX_SERVICES = 10_000;

    final long startSecond;
    final Counts all = new Counts();
    final LatencyHistogram kong = new LatencyHistogram();
    final LatencyHistogram upstream = new LatencyHistogram();
    final LatencyHistogram request = new LatencyHistogram();
    final ConcurrentHashMap<String, Counts> services = new ConcurrentHashMap<>();

    TrafficWindow(long startSecond) {
        this.startSecond = startSecond;
    }

    void add(LogEntry e, String service, boolean upstreamAnswered) {
        all.add(e.status(), upstreamAnswered, e.requestSize(), e.responseSize());
        kong.record(e.latencyKong());
        upstream.record(e.latencyProxy());
        request.record(e.stream() ? e.latencySession() : e.latencyRequest());
        Counts perService = services.get(service);
        if (perService == null && services.size() < MAX_SERVICES) {
            perService = services.computeIfAbsent(service, s -> new Counts());
        }
        if (perService != null) {
            perService.add(e.status(), upstreamAnswered, e.requestSize(), e.responseSize());
        }
    }

    /** Folds a finished second into this (minute) window. */
    void add(TrafficWindow second) {
        all.add(second.all);
        kong.add(second.kong);
        upstream.add(second.upstream);
        request.add(second.request);
        second.services.forEach((name, counts) -> {
            if (services.size() < MAX_SERVICES || services.containsKey(name)) {
                services.computeIfAbsent(name, s -> new Counts()).add(counts);
            }
        });
    }
}
