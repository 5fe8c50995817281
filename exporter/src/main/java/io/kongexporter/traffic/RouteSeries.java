package io.kongexporter.traffic;

import io.kongexporter.ingest.LogEntry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The route-level series of the traffic metrics, found with one lookup per entry: an entry's raw (service, route,
 * workspace) leads to a {@link Route} holding the admitted label values and, filled as they are first needed, the
 * series it records into (latency histograms, bandwidth, upgraded sessions), instead of admitting three label values
 * and looking up every series on every entry. A route is resolved again through the label limits and the series
 * caches at least every {@value #RESOLVE_EVERY_MS} ms, which keeps everything it uses marked as used (nothing in use
 * is swept by the TTL), lets a series swept while unused be created anew, and lets reloaded limits take effect.
 * Holds at most {@code maxRoutes} routes; past that, entries take the slow path (every lookup), never a wrong one.
 */
final class RouteSeries {
    static final long RESOLVE_EVERY_MS = 1000;

    /** The raw label values of an entry, before limits and truncation. */
    private record RawRoute(String service, String route, String workspace) {}

    /** The labels a route-level series has, from the route's admitted values. */
    enum Shape {
        /** service, route, workspace. */
        ROUTE,
        /** service, route (or "" with {@code metrics.latency_labels: service}), workspace. */
        LATENCY,
        /** service, route, direction="ingress", workspace. */
        INGRESS,
        /** service, route, direction="egress", workspace. */
        EGRESS
    }

    /** The admitted label values of one route and the series it has used since it was resolved. */
    static final class Route {
        final String service;
        final String route;
        final String workspace;
        /** service, route, workspace. */
        final String[] labels;
        /** The latency histograms' labels ({@code metrics.latency_labels}). */
        final String[] latencyLabels;
        private final long resolvedAt;
        private final SeriesCache.Slot<?>[] slots;

        private Route(TrafficSeries series, String service, String route, String workspace, int slots, long now) {
            this.service = service;
            this.route = route;
            this.workspace = workspace;
            this.labels = new String[] {service, route, workspace};
            this.latencyLabels = series.latencyLabels(labels);
            this.resolvedAt = now;
            this.slots = new SeriesCache.Slot<?>[slots];
        }

        /**
         * The series number {@code index} of this route: looked up in {@code cache} by the labels of {@code shape} the
         * first time, then kept. Two threads may both look it up once; the cache gives both the same series.
         */
        @SuppressWarnings("unchecked")
        <D> D use(int index, SeriesCache<D> cache, Shape shape, long now) {
            SeriesCache.Slot<D> slot = (SeriesCache.Slot<D>) slots[index];
            if (slot == null) {
                slot = cache.slot(labels(shape), now);
                slots[index] = slot;
            }
            return slot.use();
        }

        private String[] labels(Shape shape) {
            return switch (shape) {
                case ROUTE -> labels;
                case LATENCY -> latencyLabels;
                case INGRESS -> new String[] {service, route, "ingress", workspace};
                case EGRESS -> new String[] {service, route, "egress", workspace};
            };
        }
    }

    private final TrafficSeries series;
    private final int slotsPerRoute;
    private final int maxRoutes;
    private final ConcurrentHashMap<RawRoute, Route> routes = new ConcurrentHashMap<>();

    RouteSeries(TrafficSeries series, int slotsPerRoute, int maxRoutes) {
        this.series = series;
        this.slotsPerRoute = slotsPerRoute;
        this.maxRoutes = maxRoutes;
    }

    /** The route of an entry: one lookup when it was resolved within the last second. */
    Route of(LogEntry e, long now) {
        RawRoute raw = new RawRoute(TrafficLabels.service(e), TrafficLabels.route(e), TrafficLabels.workspace(e));
        Route route = routes.get(raw);
        if (route == null || now - route.resolvedAt >= RESOLVE_EVERY_MS || now < route.resolvedAt) {
            route = new Route(series, series.admitService(raw.service(), now), series.admitRoute(raw.route(), now),
                    series.admitWorkspace(raw.workspace(), now), slotsPerRoute, now);
            if (routes.size() < maxRoutes || routes.containsKey(raw)) {
                routes.put(raw, route);
            }
        }
        return route;
    }

    /** Forgets routes not resolved since {@code olderThan} (they are resolved again when used). */
    void forget(long olderThan) {
        routes.values().removeIf(r -> r.resolvedAt < olderThan);
    }
}
