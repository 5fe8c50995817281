package io.kongexporter.ingest;

import java.util.Map;

/** Builds the {@link LogEntry} a test expects; everything starts absent, as the parser reports it. */
final class ExpectedEntry {

    private boolean stream;
    private String serviceName;
    private String serviceHost;
    private String routeName;
    private String routeId;
    private String apiName;
    private String consumerUsername;
    private String consumerCustomId;
    private String consumerId;
    private String workspaceName;
    private int status = -1;
    private String source;
    private String upstreamStatus;
    private double latencyKong = Double.NaN;
    private double latencyProxy = Double.NaN;
    private double latencyRequest = Double.NaN;
    private double latencyReceive = Double.NaN;
    private double latencySession = Double.NaN;
    private long requestSize = -1;
    private long responseSize = -1;
    private int tries = -1;
    private String requestId;
    private long startedAt = -1;
    private Map<String, String> extraFields = Map.of();

    static ExpectedEntry http(int status) {
        ExpectedEntry e = new ExpectedEntry();
        e.status = status;
        return e;
    }

    static ExpectedEntry stream(int status) {
        ExpectedEntry e = http(status);
        e.stream = true;
        return e;
    }

    ExpectedEntry service(String name, String host) {
        serviceName = name;
        serviceHost = host;
        return this;
    }

    ExpectedEntry route(String name, String id) {
        routeName = name;
        routeId = id;
        return this;
    }

    ExpectedEntry api(String name) {
        apiName = name;
        return this;
    }

    ExpectedEntry consumer(String username, String customId, String id) {
        consumerUsername = username;
        consumerCustomId = customId;
        consumerId = id;
        return this;
    }

    ExpectedEntry workspace(String name) {
        workspaceName = name;
        return this;
    }

    ExpectedEntry source(String value) {
        source = value;
        return this;
    }

    ExpectedEntry upstreamStatus(String value) {
        upstreamStatus = value;
        return this;
    }

    /** kong, proxy, request, receive in ms; NaN for an absent one. */
    ExpectedEntry latencies(double kong, double proxy, double request, double receive) {
        latencyKong = kong;
        latencyProxy = proxy;
        latencyRequest = request;
        latencyReceive = receive;
        return this;
    }

    ExpectedEntry sessionLatencies(double kong, double session) {
        latencyKong = kong;
        latencySession = session;
        return this;
    }

    ExpectedEntry sizes(long request, long response) {
        requestSize = request;
        responseSize = response;
        return this;
    }

    ExpectedEntry tries(int count) {
        tries = count;
        return this;
    }

    ExpectedEntry requestId(String id) {
        requestId = id;
        return this;
    }

    ExpectedEntry startedAt(long epochMillis) {
        startedAt = epochMillis;
        return this;
    }

    ExpectedEntry extraFields(Map<String, String> fields) {
        extraFields = fields;
        return this;
    }

    LogEntry build() {
        return new LogEntry(stream, serviceName, serviceHost, routeName, routeId, apiName,
                consumerUsername, consumerCustomId, consumerId, workspaceName, status, source,
                upstreamStatus, latencyKong, latencyProxy, latencyRequest, latencyReceive,
                latencySession, requestSize, responseSize, tries, requestId, startedAt, extraFields);
    }
}
