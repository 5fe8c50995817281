package io.kongexporter.sse;

import java.util.Arrays;
import java.util.Optional;

/** What a subscriber of {@code /events} can ask for with {@code ?topics=}. */
public enum Topic {
    STATUS("status"), TRAFFIC("traffic"), CLUSTER("cluster"), ALERTS("alerts");

    private final String value;

    Topic(String value) {
        this.value = value;
    }

    /** The name in {@code ?topics=}. */
    public String value() {
        return value;
    }

    public static Optional<Topic> of(String value) {
        return Arrays.stream(values()).filter(t -> t.value.equals(value)).findFirst();
    }
}
