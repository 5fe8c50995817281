package io.kongexporter.config;

/** The whole, validated configuration. Built once by {@link ConfigLoader}. */
public record ExporterConfig(ListenAddress listen, KongConfig kong, IngestConfig ingest, MetricsConfig metrics, LiveConfig live, WebConfig web, LogConfig log,
                             SocketsConfig sockets) {
    public ExporterConfig withKong(KongConfig newKong) {
        return new ExporterConfig(listen, newKong, ingest, metrics, live, web, log, sockets);
    }
}
