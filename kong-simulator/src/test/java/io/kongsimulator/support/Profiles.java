package io.kongsimulator.support;

import io.kongsimulator.NodeProfile;
import io.kongsimulator.NodeProfile.Database;
import io.kongsimulator.NodeProfile.Role;

/** The node kinds the tests simulate, one per fixture family. */
public final class Profiles {

    private Profiles() {
    }

    public static NodeProfile kong28Dbless() {
        return NodeProfile.of("test-kong-28-dbless", "2.8.4", Database.OFF, Role.TRADITIONAL, 4);
    }

    public static NodeProfile kong39Postgres() {
        return NodeProfile.of("test-kong-39-postgres", "3.9.1", Database.POSTGRES, Role.TRADITIONAL, 2);
    }

    public static NodeProfile kong39ControlPlane() {
        return NodeProfile.of("test-kong-39-cp", "3.9.1", Database.POSTGRES, Role.CONTROL_PLANE, 2);
    }
}
