package io.kongsimulator;

import java.util.List;

/**
 * What a simulated Kong node is: its name (also its hostname), Kong version, database, role,
 * number of nginx workers and shared dicts. The version decides the shape of every body:
 * anything starting with {@code 3.} answers like Kong 3.9, anything else like Kong 2.8.
 */
public record NodeProfile(String name, String version, Database database, Role role, int workers,
                          List<SimulatedSharedDict> sharedDicts) {

    /** {@code database} in kong.conf. */
    public enum Database {
        OFF("off"), POSTGRES("postgres");

        private final String confValue;

        Database(String confValue) {
            this.confValue = confValue;
        }

        public String confValue() {
            return confValue;
        }
    }

    /** {@code role} in kong.conf. */
    public enum Role {
        TRADITIONAL("traditional"), CONTROL_PLANE("control_plane"), DATA_PLANE("data_plane");

        private final String confValue;

        Role(String confValue) {
            this.confValue = confValue;
        }

        public String confValue() {
            return confValue;
        }
    }

    public NodeProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("node name must not be blank");
        }
        if (version == null || !version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new IllegalArgumentException("node " + name + ": version must look like 3.9.1, got " + version);
        }
        if (database == null || role == null) {
            throw new IllegalArgumentException("node " + name + ": database and role are required");
        }
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("node " + name + ": workers must be 1..64, got " + workers);
        }
        sharedDicts = List.copyOf(sharedDicts);
        if (sharedDicts.isEmpty()) {
            throw new IllegalArgumentException("node " + name + ": at least one shared dict is required");
        }
    }

    /** A profile with the shared dicts that Kong version declares for that database. */
    public static NodeProfile of(String name, String version, Database database, Role role, int workers) {
        boolean kong3 = version.startsWith("3.");
        List<SimulatedSharedDict> dicts = kong3 ? SimulatedSharedDict.kong39() : SimulatedSharedDict.kong28(database == Database.OFF);
        return new NodeProfile(name, version, database, role, workers, dicts);
    }

    public boolean isKong3() {
        return version.startsWith("3.");
    }

    public boolean isDbless() {
        return database == Database.OFF;
    }

    /** DB-less nodes and hybrid data planes load a declarative config and report its {@code configuration_hash}. */
    public boolean reportsConfigHash() {
        return isDbless() || role == Role.DATA_PLANE;
    }

    public boolean isControlPlane() {
        return role == Role.CONTROL_PLANE;
    }

    /** Kong 3.4+ dropped {@code database} from {@code /status} on DB-less nodes; 2.x still says reachable. */
    public boolean reportsDatabase() {
        return !isDbless() || !isKong3();
    }
}
