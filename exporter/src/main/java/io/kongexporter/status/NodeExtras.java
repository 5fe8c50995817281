package io.kongexporter.status;

import java.util.List;

/** What a poll found beyond {@code /status}; errors here never mark a node down. */
record NodeExtras(
        NodeInfo info,
        List<DataPlane> dataPlanes,
        List<TargetHealth> targets,
        List<PollErrorReason> errors,
        String warning) {}
