package io.kongexporter.status;

import java.util.List;

/**
 * What a poll found beyond {@code /status}; errors here never mark a node down.
 *
 * @param ready {@code GET /status/ready} (Kong 3.3+, Status API): true for 200, false for 503, null where not served
 * @param certificates {@code /certificates} when {@code kong.certificates} is on, else null
 */
record NodeExtras(
        NodeInfo info,
        Boolean ready,
        List<DataPlane> dataPlanes,
        List<TargetHealth> targets,
        NodeCertificates certificates,
        List<PollErrorReason> errors,
        String warning) {}
