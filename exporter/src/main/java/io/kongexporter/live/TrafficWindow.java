package io.kongexporter.live;

import io.kongexporter.ingest.LogEntry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one second (or minute) of traffic looked like, filled from the ingest hot path with a few lock-free adds
 * per entry. Three kinds are kept apart, because their durations mean different things:
 * <ul>
 *   <li>HTTP requests: counts by status class and source, Kong / upstream / request latency, bandwidth, per service.
 *       {@code requests} counts every HTTP entry, upgrade handshakes included, like {@code kong_http_requests_total};
 *   <li>upgraded connections ({@link LogEntry.Kind#UPGRADED}: WebSocket, as the traffic metrics tell them apart): counted
 *       among the requests, but their request latency is the connection's lifetime, so it goes to
 *       {@code upgradedDuration} and never into request latency percentiles;
 *   <li>stream (TCP/TLS/UDP) sessions: not requests at all ({@code kong_http_requests_total} excludes them too);
 *       their own count, status classes, bandwidth and session duration.
 * </ul>
 */
final class TrafficWindow {
    /** The status Kong logs for a completed protocol upgrade. */

    /** Counts of one service (or of all traffic). */
    static final class Counts {
        final LongAdder requests = new LongAdder();
        final LongAdder[] byClass = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
        final LongAdder fromService = new LongAdder();
        final LongAdder fromKong = new LongAdder();
        final LongAdder kong5xx = new LongAdder();
        final LongAdder ingress = new LongAdder();
        final LongAdder egress = new LongAdder();
        final CoarseLatencies kongLatency = new CoarseLatencies();
        final CoarseLatencies upstreamLatency = new CoarseLatencies();

        void add(int status, boolean upstreamAnswered, long requestSize, long responseSize) {
            requests.increment();
            int cls = status / 100;
            if (cls >= 1 && cls <= 5) {
                byClass[cls - 1].increment();
            }
            (upstreamAnswered ? fromService : fromKong).increment();
            if (cls == 5 && !upstreamAnswered) {
                kong5xx.increment();
            }
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
            kong5xx.add(other.kong5xx.sum());
            ingress.add(other.ingress.sum());
            egress.add(other.egress.sum());
            kongLatency.add(other.kongLatency);
            upstreamLatency.add(other.upstreamLatency);
        }
    }

    /** Services a window tracks apart (a second holds about two minutes, so this bounds memory); the rest count in totals. */
    static final int MAX_SERVICES = 500;

    final long startSecond;
    final Counts all = new Counts();
    final LatencyHistogram kong = new LatencyHistogram();
    final LatencyHistogram upstream = new LatencyHistogram();
    final LatencyHistogram request = new LatencyHistogram();
    final LongAdder upgraded = new LongAdder();
    final LatencyHistogram upgradedDuration = new LatencyHistogram();
    final Counts streams = new Counts();
    final LatencyHistogram sessionDuration = new LatencyHistogram();
    final ConcurrentHashMap<String, Counts> services = new ConcurrentHashMap<>();

    TrafficWindow(long startSecond) {
        this.startSecond = startSecond;
    }

    void add(LogEntry e, String service, boolean upstreamAnswered) {
        if (e.kind() == LogEntry.Kind.STREAM) {
            streams.add(e.status(), upstreamAnswered, e.requestSize(), e.responseSize());
            sessionDuration.record(e.latencySession());
            return;
        }
        all.add(e.status(), upstreamAnswered, e.requestSize(), e.responseSize());
        if (e.kind() == LogEntry.Kind.UPGRADED) {
            upgraded.increment();
            upgradedDuration.record(e.latencyRequest());
        } else {
            kong.record(e.latencyKong());
            upstream.record(e.latencyProxy());
            request.record(e.latencyRequest());
        }
        Counts perService = services.get(service);
        if (perService == null && services.size() < MAX_SERVICES) {
            perService = services.computeIfAbsent(service, s -> new Counts());
        }
        if (perService != null) {
            perService.add(e.status(), upstreamAnswered, e.requestSize(), e.responseSize());
            if (e.kind() != LogEntry.Kind.UPGRADED) {
                perService.kongLatency.record(e.latencyKong());
                perService.upstreamLatency.record(e.latencyProxy());
            }
        }
    }

    boolean isEmpty() {
        return all.requests.sum() == 0 && streams.requests.sum() == 0;
    }

    /** Folds another window (a second) into this one (a minute, or a rolling minute). */
    void add(TrafficWindow other) {
        all.add(other.all);
        kong.add(other.kong);
        upstream.add(other.upstream);
        request.add(other.request);
        upgraded.add(other.upgraded.sum());
        upgradedDuration.add(other.upgradedDuration);
        streams.add(other.streams);
        sessionDuration.add(other.sessionDuration);
        other.services.forEach((name, counts) -> {
            if (services.size() < MAX_SERVICES || services.containsKey(name)) {
                services.computeIfAbsent(name, s -> new Counts()).add(counts);
            }
        });
    }
}
