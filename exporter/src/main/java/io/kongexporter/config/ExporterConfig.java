package io.kongexporter.config;

/** The whole, validated configuration. Built once by {@link ConfigLoader}. */
public record ExporterConfig(ListenAddress listen, KongConfig kong, IngestConfig ingest, MetricsConfig metrics, LiveConfig live, WebConfig web, LogConfig log,
                             KafkaConfig kafka, SocketsConfig sockets) {
    /** Without Kafka ingestion and socket listeners. */
    public ExporterConfig(ListenAddress listen, KongConfig kong, IngestConfig ingest, MetricsConfig metrics, LiveConfig live, WebConfig web, LogConfig log) {
        this(listen, kong, ingest, metrics, live, web, log, KafkaConfig.off(), SocketsConfig.defaults());
    }

    public ExporterConfig withKong(KongConfig newKong) {
        return new ExporterConfig(listen, newKong, ingest, metrics, live, web, log, kafka, sockets);
    }
}
