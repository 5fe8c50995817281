package io.kongexporter.status;

import io.kongexporter.config.KongConfig;
import io.kongexporter.config.NodeConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches what a successful {@code /status} poll is followed by: {@code GET /} on first contact, after a
 * restart and every minute; {@code /status/ready} (Kong 3.3+, Status API only: where it answers 404 it is asked again
 * every 5 minutes); data planes on a control plane; upstream health and certificates ({@link CertificatesFetcher}) when enabled. Best effort:
 * failures are counted and reported as a warning, and the node stays up.
 */
final class NodeExtrasFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(NodeExtrasFetcher.class);
    static final Duration INFO_REFRESH = Duration.ofMinutes(1);
    static final Duration STATUS_API_RECHECK = Duration.ofMinutes(5);
    static final int MAX_UPSTREAMS = 1000;

    private final NodeConfig node;
    private final KongConfig config;
    private final KongClient client;
    private final Clock clock;
    private final AdminPages pages;
    private final CertificatesFetcher certificates;
    private volatile Instant infoCheckedAt = Instant.MIN;
    private volatile boolean adminApi = true;
    private volatile boolean readyServed = true;
    private volatile Instant readyCheckedAt = Instant.MIN;

    NodeExtrasFetcher(NodeConfig node, KongConfig config, KongClient client, Clock clock) {
        this.node = node;
        this.config = config;
        this.client = client;
        this.clock = clock;
        this.pages = new AdminPages(node, config, client);
        this.certificates = new CertificatesFetcher(pages, clock);
    }

    /** A poll's worth of work, run while no other poll of this node runs. */
    private final class Round {
        final List<PollErrorReason> errors = new ArrayList<>();
        String warning;

        <T> T failed(String what, Throwable error, T fallback) {
            PollFailure failure = PollFailure.of(error);
            errors.add(failure.reason());
            warning = what + ": " + failure.message();
            LOG.debug("node {}: {}", node.name(), warning);
            return fallback;
        }
    }

    CompletableFuture<NodeExtras> fetch(NodeSnapshot previous, KongStatus status) {
        Round round = new Round();
        CompletableFuture<NodeInfo> info = needsInfo(previous, status)
                ? fetchInfo(previous.info(), round)
                : CompletableFuture.completedFuture(previous.info());
        return info.thenCompose(nodeInfo -> {
            CompletableFuture<List<DataPlane>> planes = nodeInfo != null && nodeInfo.isControlPlane()
                    ? fetchDataPlanes(round)
                    : CompletableFuture.completedFuture(List.of());
            CompletableFuture<List<TargetHealth>> targets = config.upstreamHealth() && adminApi && nodeInfo != null
                    && !nodeInfo.role().equals("data_plane")
                    ? fetchUpstreamHealth(round, previous.targets())
                    : CompletableFuture.completedFuture(List.of());
            // readiness after the others: a Round's error list is not shared between concurrent requests
            return planes.thenCombine(targets, (p, t) -> new NodeExtras(nodeInfo, null, p, t, null, round.errors, null))
                    .thenCompose(found -> fetchReady(round).thenCompose(ready -> fetchCertificates(round, nodeInfo).thenApply(certs -> new NodeExtras(
                            nodeInfo, ready, found.dataPlanes(), found.targets(), certs, round.errors, round.warning))));
        });
    }

    /** kong.certificates on an Admin API (not a data plane's Status API); null when off. */
    private CompletableFuture<NodeCertificates> fetchCertificates(Round round, NodeInfo nodeInfo) {
        if (!config.certificates() || !adminApi || nodeInfo == null) {
            return CompletableFuture.completedFuture(null);
        }
        return certificates.fetch().exceptionally(error -> round.failed("GET /certificates", error, certificates.last()));
    }

    /** 200: ready; 503 (no configuration yet, draining, not all workers ready): not ready; 404: not served here (null). */
    private CompletableFuture<Boolean> fetchReady(Round round) {
        if (!readyServed && Duration.between(readyCheckedAt, clock.instant()).compareTo(STATUS_API_RECHECK) < 0) {
            return CompletableFuture.completedFuture(null);
        }
        readyCheckedAt = clock.instant();
        return client.get(node, "/status/ready", config.timeout()).orTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(response -> {
                    readyServed = response.status() != 404;
                    return switch (response.status()) {
                        case 200 -> Boolean.TRUE;
                        case 503 -> Boolean.FALSE;
                        case 404 -> null;
                        default -> round.<Boolean>failed("GET /status/ready",
                                new PollFailure.UnexpectedStatusException("/status/ready", response.status()), null);
                    };
                })
                .exceptionally(error -> round.failed("GET /status/ready", error, null));
    }

    private boolean needsInfo(NodeSnapshot previous, KongStatus status) {
        Duration age = Duration.between(infoCheckedAt, clock.instant());
        if (!adminApi) {
            return age.compareTo(STATUS_API_RECHECK) >= 0;
        }
        return previous.info() == null || !previous.up() || restarted(previous.status(), status) || age.compareTo(INFO_REFRESH) >= 0;
    }

    /** nginx counters only grow while nginx runs, and workers keep their pids. */
    static boolean restarted(KongStatus before, KongStatus now) {
        if (before == null) {
            return false;
        }
        return now.server().connectionsAccepted() < before.server().connectionsAccepted()
                || now.server().totalRequests() < before.server().totalRequests()
                || !before.workerVms().isEmpty() && !now.workerVms().isEmpty()
                        && before.workerVms().get(0).pid() != now.workerVms().get(0).pid();
    }

    private CompletableFuture<NodeInfo> fetchInfo(NodeInfo previous, Round round) {
        infoCheckedAt = clock.instant();
        return client.get(node, "/", config.timeout()).orTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(response -> {
                    if (response.status() == 404) {
                        if (adminApi) {
                            LOG.info("node {}: no GET / here (a Status API listener); polling /status only", node.name());
                        }
                        adminApi = false;
                        return previous;
                    }
                    if (response.status() != 200) {
                        return round.failed("GET /", new PollFailure.UnexpectedStatusException("/", response.status()), previous);
                    }
                    adminApi = true;
                    try {
                        NodeInfo info = NodeInfoParser.parse(response.body());
                        if (previous != null && !previous.nodeId().isEmpty() && !previous.nodeId().equals(info.nodeId())) {
                            LOG.info("node {}: restarted as a new node (node_id {} -> {})", node.name(), previous.nodeId(), info.nodeId());
                        } else if (previous == null) {
                            LOG.info("node {}: Kong {}{} (node_id {}, role {})", node.name(), info.version(),
                                    info.edition().isEmpty() ? "" : " " + info.edition(), info.nodeId(), info.role());
                        }
                        return info;
                    } catch (KongParseException e) {
                        return round.failed("GET /", e, previous);
                    }
                })
                .exceptionally(error -> round.failed("GET /", error, previous));
    }

    private CompletableFuture<List<DataPlane>> fetchDataPlanes(Round round) {
        List<DataPlane> all = new ArrayList<>();
        return pages.fetch("/clustering/data-planes", body -> {
            Page<DataPlane> page = DataPlanesParser.parse(body);
            all.addAll(page.data());
            return page.next();
        }).thenApply(done -> List.copyOf(all))
                .exceptionally(error -> round.failed("GET /clustering/data-planes", error, List.of()));
    }

    private CompletableFuture<List<TargetHealth>> fetchUpstreamHealth(Round round, List<TargetHealth> previous) {
        List<String> upstreams = new ArrayList<>();
        return pages.fetch("/upstreams", body -> {
            Page<String> page = UpstreamHealthParser.parseUpstreams(body);
            upstreams.addAll(page.data());
            return upstreams.size() >= MAX_UPSTREAMS ? null : page.next();
        }).thenCompose(done -> {
            List<CompletableFuture<List<TargetHealth>>> each = new ArrayList<>();
            for (String upstream : upstreams.subList(0, Math.min(upstreams.size(), MAX_UPSTREAMS))) {
                String path = "/upstreams/" + URLEncoder.encode(upstream, StandardCharsets.UTF_8) + "/health";
                each.add(pages.getOk(path).thenApply(body -> {
                    try {
                        return UpstreamHealthParser.parseHealth(upstream, body);
                    } catch (KongParseException e) {
                        throw new CompletionException(e);
                    }
                }));
            }
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(all -> {
                List<TargetHealth> targets = new ArrayList<>();
                each.forEach(f -> targets.addAll(f.join()));
                return List.copyOf(targets);
            });
        }).exceptionally(error -> round.failed("upstream health", error, previous));
    }
}
