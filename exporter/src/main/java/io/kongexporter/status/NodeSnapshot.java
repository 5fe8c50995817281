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
 * @param ready {@code /status/ready} at the last successful poll (Kong 3.3+ Status API): true 200, false 503; null where not served
 * @param certificates the Admin API's certificates ({@code kong.certificates}), or null when off or never read
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
        Map<PollErrorReason, Long> errors,
        Boolean ready,
        NodeCertificates certificates) {

    public NodeSnapshot {
        dataPlanes = List.copyOf(dataPlanes);
        targets = List.copyOf(targets);
        errors = Map.copyOf(errors);
    }

    /** Before the first poll: down, never seen, breaker closed, no poll counted. */
    static NodeSnapshot initial(NodeConfig node, Map<PollErrorReason, Long> zeroErrors) {
        return new Builder(node).errors(zeroErrors).build();
    }

    /** This snapshot as a poll that did not finish in time: down, with the reason. */
    public NodeSnapshot timedOut(String reason) {
        return toBuilder().up(false).lastError(reason).build();
    }

    public String name() {
        return node.name();
    }

    /** The latest {@code /status} when the latest poll succeeded; null while the node is down (its last status is history). */
    public KongStatus currentStatus() {
        return up ? status : null;
    }

    Builder toBuilder() {
        return new Builder(node).up(up).status(status).info(info).lastSeen(lastSeen).lastAttempt(lastAttempt).lastPollSeconds(lastPollSeconds)
                .lastError(lastError).warning(warning).dataPlanes(dataPlanes).targets(targets).breakerState(breakerState).polls(polls).errors(errors).ready(ready)
                .certificates(certificates);
    }

    /** Builds a snapshot field by field; what is not set is as before the first poll. */
    static final class Builder {
        private final NodeConfig node;
        private boolean up;
        private KongStatus status;
        private NodeInfo info;
        private Instant lastSeen;
        private Instant lastAttempt;
        private double lastPollSeconds;
        private String lastError;
        private String warning;
        private List<DataPlane> dataPlanes = List.of();
        private List<TargetHealth> targets = List.of();
        private String breakerState = "closed";
        private long polls;
        private Map<PollErrorReason, Long> errors = Map.of();
        private Boolean ready;
        private NodeCertificates certificates;

        Builder(NodeConfig node) {
            this.node = node;
        }

        Builder up(boolean up) {
            this.up = up;
            return this;
        }

        Builder status(KongStatus status) {
            this.status = status;
            return this;
        }

        Builder info(NodeInfo info) {
            this.info = info;
            return this;
        }

        Builder lastSeen(Instant lastSeen) {
            this.lastSeen = lastSeen;
            return this;
        }

        Builder lastAttempt(Instant lastAttempt) {
            this.lastAttempt = lastAttempt;
            return this;
        }

        Builder lastPollSeconds(double lastPollSeconds) {
            this.lastPollSeconds = lastPollSeconds;
            return this;
        }

        Builder lastError(String lastError) {
            this.lastError = lastError;
            return this;
        }

        Builder warning(String warning) {
            this.warning = warning;
            return this;
        }

        Builder dataPlanes(List<DataPlane> dataPlanes) {
            this.dataPlanes = dataPlanes;
            return this;
        }

        Builder targets(List<TargetHealth> targets) {
            this.targets = targets;
            return this;
        }

        Builder breakerState(String breakerState) {
            this.breakerState = breakerState;
            return this;
        }

        Builder polls(long polls) {
            this.polls = polls;
            return this;
        }

        Builder errors(Map<PollErrorReason, Long> errors) {
            this.errors = errors;
            return this;
        }

        Builder ready(Boolean ready) {
            this.ready = ready;
            return this;
        }

        Builder certificates(NodeCertificates certificates) {
            this.certificates = certificates;
            return this;
        }

        NodeSnapshot build() {
            return new NodeSnapshot(node, up, status, info, lastSeen, lastAttempt, lastPollSeconds, lastError, warning, dataPlanes, targets,
                    breakerState, polls, errors, ready, certificates);
        }
    }
}
