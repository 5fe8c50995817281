package io.kongexporter.sse;

import com.fasterxml.jackson.databind.JsonNode;
import io.kongexporter.core.Json;
import java.util.Optional;
import java.util.Set;

/**
 * What the live stream carries. Each kind knows its topic (for {@code ?topics=}), the node or service it concerns
 * (for {@code ?node=} and {@code ?service=}), its SSE event name and its JSON data. The hub numbers an event and
 * renders its data once, whatever the number of subscribers.
 */
public sealed interface LiveEvent {
    Topic topic();

    /** The SSE {@code event:} name. */
    String name();

    /** The SSE {@code data:}, as JSON. */
    String data();

    /** The node the event is about, for {@code ?node=}; empty when it concerns no single node. */
    default Optional<String> node() {
        return Optional.empty();
    }

    /**
     * The start of a snapshot: what a subscriber holds of the topics named is replaced by the events up to the one
     * whose id is {@code position} (the last of the snapshot). A client that resumed with {@code Last-Event-ID} learns
     * from it that it got a snapshot, not a replay (its id was too old or from another run), and drops what it had:
     * an alert that resolved meanwhile is then not kept forever. Never filtered out by topic ({@link LiveFilter}).
     */
    record Snapshot(String position, Set<Topic> topics) implements LiveEvent {
        public Topic topic() {
            return Topic.STATUS;
        }

        public String name() {
            return "snapshot";
        }

        public String data() {
            var node = Json.object().put("position", position);
            var names = node.putArray("topics");
            topics.stream().sorted().forEach(t -> names.add(t.value()));
            return node.toString();
        }
    }

    /** A node's whole status document (on connect, and the first time a node is seen). */
    record Status(String nodeName, JsonNode doc) implements LiveEvent {
        public Topic topic() {
            return Topic.STATUS;
        }

        public String name() {
            return "status";
        }

        public String data() {
            return Json.object().put("node", nodeName).set("doc", doc).toString();
        }

        public Optional<String> node() {
            return Optional.of(nodeName);
        }
    }

    /** What changed in a node's status document: RFC 6902 operations. */
    record StatusPatch(String nodeName, JsonNode patch) implements LiveEvent {
        public Topic topic() {
            return Topic.STATUS;
        }

        public String name() {
            return "status-patch";
        }

        public String data() {
            return Json.object().put("node", nodeName).set("patch", patch).toString();
        }

        public Optional<String> node() {
            return Optional.of(nodeName);
        }
    }

    /** One second of traffic: of all services, or of the one service named (for {@code ?service=} subscribers). */
    record Traffic(Optional<String> service, JsonNode point) implements LiveEvent {
        public Topic topic() {
            return Topic.TRAFFIC;
        }

        public String name() {
            return "traffic";
        }

        public String data() {
            return point.toString();
        }
    }

    /** Live and known nodes of the cluster. */
    record Cluster(int live, int known) implements LiveEvent {
        public Topic topic() {
            return Topic.CLUSTER;
        }

        public String name() {
            return "cluster";
        }

        public String data() {
            return "{\"live\":" + live + ",\"known\":" + known + "}";
        }
    }

    /**
     * An alert Alertmanager posted, firing or resolved, as the JSON sent ({@code json}, already within the webhook's
     * limits); {@code node} from its {@code node} label.
     */
    record Alert(Optional<String> node, String fingerprint, boolean firing, String json) implements LiveEvent {
        public Topic topic() {
            return Topic.ALERTS;
        }

        public String name() {
            return "alert";
        }

        public String data() {
            return json;
        }
    }
}
