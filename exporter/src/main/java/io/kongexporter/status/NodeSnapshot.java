package io.kongexporter.status;

import io.kongexporter.config.NodeConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything known about one node after its latest poll; immutable, replaced whole after every poll,
 * so a scrape reads it without locks or I/O.
 *
 * @param up whether the latest poll of {@code /status} succeeded
 * @param status the latest good {@code /status}, or null if the node never answered
 * @param info the latest {@code GET /} answer, or null (never fetched, or a Status-API-only node)
 * @param lastSeen when {@code /status} last succeeded, or null
 * @param lastAttempt when the latest poll finished, or null before the first poll
 * @param lastPollSeconds how long the latest poll took
 * @param lastError why the latest poll failed, or null when it succeeded
 * @param warning the latest failure of an optional endpoint ({@code /}, data planes, upstream health), or null
 * @param breakerState closed, open, half_open (and the other Resilience4j states, lower case)
 * @param polls polls finished so far
 * @param errors failed polls so far, by reason (every reason present)
 */
public record NodeSnapshot(
        NodeConfig node,
        boolean up,
        KongStatus status,
        NodeInfo info,
        Instant lastSeen,
        Instant lastAttempt,
        double lastPollSeconds,
        String lastError,
        String warning,
        List<DataPlane> dataPlanes,
        List<TargetHealth> targets,
        String breakerState,
        long polls,
        Map<PollErrorReason, Long> errors) {

    public NodeSnapshot {
        dataPlanes = List.copyOf(dataPlanes);
        targets = List.copyOf(targets);
        errors = Map.copyOf(errors);
    }

    /** Before the first poll. */
    static NodeSnapshot initial(NodeConfig node, Map<PollErrorReason, Long> zeroErrors) {
        return new NodeSnapshot(node, false, null, null, null, null, 0, null, null, List.of(), List.of(), "closed", 0, zeroErrors);
    }

    /** This snapshot as a poll that did not finish in time: down, with the reason. */
    public NodeSnapshot timedOut(String reason) {
        return new NodeSnapshot(node, false, status, info, lastSeen, lastAttempt, lastPollSeconds, reason, warning, dataPlanes, targets,
                breakerState, polls, errors);
    }

    public String name() {
        return node.name();
    }
}
