package io.kongsimulator.support;

import io.kongsimulator.NodeProfile;
import io.kongsimulator.Scenario;
import io.kongsimulator.SimulatedKongNode;

/** Started simulated nodes for tests; close them when done. */
public final class Nodes {

    private Nodes() {
    }

    public static SimulatedKongNode started(NodeProfile profile) {
        return started(profile, Scenario.defaults());
    }

    public static SimulatedKongNode started(NodeProfile profile, Scenario scenario) {
        SimulatedKongNode node = new SimulatedKongNode(profile, scenario, null);
        node.start();
        return node;
    }
}
