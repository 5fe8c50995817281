package io.kongexporter.live;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;

/** A replica's id in the fleet's live view: {@code <host>-<pid>-<start in ms>}, unique across restarts. */
final class ReplicaId {
    private ReplicaId() {}

    static String of(Clock clock) {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "exporter";
            }
        }
        String id = host.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + ProcessHandle.current().pid() + "-" + clock.millis();
        return id.length() <= WindowShare.MAX_REPLICA_LENGTH ? id : id.substring(id.length() - WindowShare.MAX_REPLICA_LENGTH);
    }
}
