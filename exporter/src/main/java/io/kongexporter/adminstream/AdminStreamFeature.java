package io.kongexporter.adminstream;

import io.kongexporter.core.Component;
import io.kongexporter.core.Route;
import io.kongexporter.core.RunningConfig;
import io.kongexporter.core.Threads;
import io.kongexporter.sse.SubscriberSlots;
import io.kongexporter.status.KongClient;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** {@code GET /stream/{node}/{path}}: Admin API paths streamed as snapshot plus patches. Everything applies live. */
public final class AdminStreamFeature implements Component {
    private final ExecutorService io = Executors.newFixedThreadPool(2, Threads.daemon("admin-stream-io"));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Threads.daemon("admin-stream"));
    private final StreamEndpoint endpoint;

    public AdminStreamFeature(RunningConfig config, SubscriberSlots slots, String version, long heartbeatMillis) {
        this.endpoint = new StreamEndpoint(config, new KongClient(config.get().kong().timeout(), io, version), slots, scheduler, heartbeatMillis);
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/stream/{node}/<path>", endpoint));
    }

    @Override
    public void quiesce() {
        endpoint.endAll();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        io.shutdownNow();
    }
}
