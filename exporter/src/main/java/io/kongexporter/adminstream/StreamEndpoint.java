package io.kongexporter.adminstream;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.kongexporter.config.ExporterConfig;
import io.kongexporter.config.NodeConfig;
import io.kongexporter.core.ApiError;
import io.kongexporter.sse.LiveClient;
import io.kongexporter.sse.LiveFilter;
import io.kongexporter.sse.SubscriberSlots;
import io.kongexporter.sse.Topic;
import io.kongexporter.status.KongClient;
import java.io.IOException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code GET /stream/{node}/{path}}: streams any allowlisted read-only Admin API path of a configured node as a
 * snapshot plus JSON Patch diffs (the way streamdata.io once proxied Kong's /status). Only GET, only
 * {@code live.stream_paths}, only configured nodes, only plain path segments (never {@code .} or {@code ..}):
 * anything else is 404, so it can never be used to reach other hosts or paths. Nodes and paths are read from the
 * running configuration at every request. Subscribers of one node and path share one poller, which ends with its
 * last subscriber.
 */
final class StreamEndpoint implements Handler {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+");

    private final Supplier<ExporterConfig> config;
    private final KongClient client;
    private final SubscriberSlots slots;
    private final ScheduledExecutorService scheduler;
    private final long heartbeatMillis;
    private final Map<String, AdminStream> streams = new HashMap<>();

    StreamEndpoint(Supplier<ExporterConfig> config, KongClient client, SubscriberSlots slots, ScheduledExecutorService scheduler,
                   long heartbeatMillis) {
        this.config = config;
        this.client = client;
        this.slots = slots;
        this.scheduler = scheduler;
        this.heartbeatMillis = heartbeatMillis;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        ExporterConfig current = config.get();
        String path = "/" + ctx.pathParam("path");
        NodeConfig target = current.kong().nodes().stream().filter(n -> n.name().equals(ctx.pathParam("node"))).findFirst().orElse(null);
        if (target == null || ctx.queryString() != null || !allowed(path, current)) {
            throw new ApiError(404, "Not Found", "no such stream: only configured nodes and the paths in live.stream_paths can be streamed");
        }
        AdminStream stream = join(target, path, current);
        LiveClient subscriber = new LiveClient(new LiveFilter(EnumSet.of(Topic.STATUS), Optional.empty(), Optional.empty()),
                ctx.res().getOutputStream(), heartbeatMillis);
        LiveClient.streamHeaders(ctx);
        if (!stream.hub.connect(subscriber, Optional.empty())) {
            leave(stream);
            ctx.res().reset();
            throw ApiError.unavailable("too many live subscribers (live.max_clients); retry later");
        }
        subscriber.serve(ctx, () -> {
            stream.hub.disconnect(subscriber);
            leave(stream);
        });
    }

    /** True when every segment is plain and the path matches one of {@code live.stream_paths} ({@code {name}}: one segment). */
    static boolean allowed(String path, ExporterConfig config) {
        String[] segments = path.substring(1).split("/", -1);
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        for (String allowed : config.live().streamPaths()) {
            String[] pattern = allowed.substring(1).split("/", -1);
            if (pattern.length == segments.length && matches(pattern, segments)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String[] pattern, String[] segments) {
        for (int i = 0; i < pattern.length; i++) {
            if (!pattern[i].equals("{name}") && !pattern[i].equals(segments[i])) {
                return false;
            }
        }
        return true;
    }

    private synchronized AdminStream join(NodeConfig node, String path, ExporterConfig current) {
        AdminStream stream = streams.computeIfAbsent(node.name() + " " + path,
                key -> new AdminStream(node, path, client, current.kong().timeout(), slots));
        stream.joined();
        stream.start(scheduler, current.kong().pollInterval());
        return stream;
    }

    private synchronized void leave(AdminStream stream) {
        if (stream.left() == 0) {
            stream.stop();
            streams.values().remove(stream);
        }
    }

    /** Ends every subscription (shutting down). */
    synchronized void endAll() {
        streams.values().forEach(stream -> stream.hub.closeAll());
    }

    /** Streams polled now (each has at least one subscriber). */
    synchronized int pollers() {
        return streams.size();
    }
}
