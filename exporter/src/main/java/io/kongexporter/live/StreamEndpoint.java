package io.kongexporter.live;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.kongexporter.config.KongConfig;
import io.kongexporter.config.NodeConfig;
import io.kongexporter.status.KongClient;
import io.kongexporter.web.ApiError;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;

/**
 * {@code GET /stream/{node}/{path}}: streams any allowlisted read-only Admin API path of a configured node as a
 * snapshot plus JSON Patch diffs (the way streamdata.io once proxied Kong's /status). Only GET, only
 * {@code live.stream_paths}, only configured nodes: anything else is 404, so it can never be used to reach other
 * hosts or paths. Several subscribers of one node and path share one poller.
 */
public final class StreamEndpoint implements Handler, AutoCloseable {
    private static final String SEGMENT = "[A-Za-z0-9._~-]+";

    private final Map<String, NodeConfig> nodes = new ConcurrentHashMap<>();
    private final List<Pattern> allowed;
    private final KongClient client;
    private final KongConfig kong;
    private final int maxClients;
    private final long heartbeatMillis;
    private final Map<String, AdminStream> streams = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "admin-stream");
        t.setDaemon(true);
        return t;
    });

    public StreamEndpoint(KongConfig kong, List<String> streamPaths, KongClient client, int maxClients, long heartbeatMillis) {
        kong.nodes().forEach(n -> nodes.put(n.name(), n));
        this.allowed = streamPaths.stream()
                .map(p -> Pattern.compile(Pattern.quote(p).replace("{name}", "\\E" + SEGMENT + "\\Q"))).toList();
        this.client = client;
        this.kong = kong;
        this.maxClients = maxClients;
        this.heartbeatMillis = heartbeatMillis;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        String node = ctx.pathParam("node");
        String path = "/" + ctx.pathParam("path");
        NodeConfig target = nodes.get(node);
        if (target == null || allowed.stream().noneMatch(p -> p.matcher(path).matches()) || ctx.queryString() != null) {
            throw new ApiError(404, "Not Found", "no such stream: only configured nodes and the paths in live.stream_paths can be streamed");
        }
        AdminStream stream = streams.computeIfAbsent(node + " " + path,
                key -> new AdminStream(target, path, client, kong.timeout(), maxClients));
        stream.start(scheduler, kong.pollInterval());
        LiveClient subscriber = new LiveClient(new LiveFilter(Set.of("status"), null, null), ctx.res().getOutputStream(), heartbeatMillis);
        LiveClient.streamHeaders(ctx);
        if (!stream.hub.connect(subscriber, null)) {
            ctx.res().reset();
            throw ApiError.unavailable("too many subscribers of this stream (live.max_clients)");
        }
        subscriber.serve(ctx, () -> {
            stream.hub.disconnect(subscriber);
            if (stream.hub.clients() == 0) {
                stream.stop();
            }
        });
    }


    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
