package io.kongexporter.traffic;

import io.kongexporter.ingest.AiUsage;
import io.kongexporter.ingest.LogEntry;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import java.util.List;

/**
 * The AI families, from an entry's {@code ai} field, as Kong's prometheus plugin 3.9 maps it
 * ({@code kong/plugins/prometheus/exporter.lua}, {@code serialized.ai_metrics}): per use case one request, the cost and
 * the prompt, completion and total tokens when above 0, the provider's latency when above 0; absent texts are
 * {@code ""}. Both namings use the counters' names; the latency histogram is named and scaled by the naming
 * ({@code kong_ai_llm_provider_latency_ms} in the plugin's, {@code kong_ai_llm_provider_latency_seconds} in the default).
 */
final class AiTraffic {
    static final String REQUESTS = "kong_ai_llm_requests_total";
    static final String COST = "kong_ai_llm_cost_total";
    static final String TOKENS = "kong_ai_llm_tokens_total";
    /** Kong's AI_LLM_PROVIDER_LATENCY_BUCKETS (3.9), in ms. */
    static final double[] PROVIDER_LATENCY_MS = {250, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000, 10000, 30000, 60000};

    private static final List<String> LABELS = List.of("ai_provider", "ai_model", "cache_status", "vector_db", "embeddings_provider",
            "embeddings_model", "workspace");
    private static final List<String> TOKEN_LABELS = List.of("ai_provider", "ai_model", "cache_status", "vector_db", "embeddings_provider",
            "embeddings_model", "token_type", "workspace");

    private final SeriesCache<CounterDataPoint> requests;
    private final SeriesCache<CounterDataPoint> cost;
    private final SeriesCache<CounterDataPoint> tokens;
    private final SeriesCache<DistributionDataPoint> latency;
    private final double unitsPerMs;

    /**
     * @param latencyName the provider latency histogram's name
     * @param unit        its unit in words, for the help text
     * @param unitsPerMs  its unit per millisecond (1 for ms, 0.001 for seconds); buckets are Kong's, scaled
     */
    AiTraffic(TrafficSeries series, String latencyName, String unit, double unitsPerMs) {
        this.unitsPerMs = unitsPerMs;
        requests = series.counter(REQUESTS, "Requests AI plugins sent to an LLM provider, by provider, model, cache status and workspace (one per AI use case of a request).", LABELS);
        cost = series.counter(COST, "Cost of LLM requests as the AI plugins compute it from the configured model prices (usage.cost).", LABELS);
        tokens = series.counter(TOKENS, "LLM tokens by token_type (prompt_tokens, completion_tokens, total_tokens).", TOKEN_LABELS);
        double[] buckets = new double[PROVIDER_LATENCY_MS.length];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = PROVIDER_LATENCY_MS[i] * unitsPerMs;
        }
        latency = series.histogram(latencyName, "Time the LLM provider took to answer (ai meta.llm_latency), in " + unit + ".", buckets, LABELS);
    }

    /** Records the entry's AI use cases, if any, in {@code workspace}. */
    void record(LogEntry e, String workspace, long now) {
        for (AiUsage use : e.ai()) {
            String provider = orEmpty(use.provider());
            String model = orEmpty(use.requestModel());
            String cacheStatus = orEmpty(use.cacheStatus());
            String vectorDb = orEmpty(use.vectorDb());
            String embeddingsProvider = orEmpty(use.embeddingsProvider());
            String embeddingsModel = orEmpty(use.embeddingsModel());
            String[] labels = {provider, model, cacheStatus, vectorDb, embeddingsProvider, embeddingsModel, workspace};
            requests.get(labels, now).inc();
            if (use.cost() > 0) {
                cost.get(labels, now).inc(use.cost());
            }
            if (use.llmLatencyMs() > 0) {
                latency.get(labels, now).observe(use.llmLatencyMs() * unitsPerMs);
            }
            addTokens(new String[] {provider, model, cacheStatus, vectorDb, embeddingsProvider, embeddingsModel, "prompt_tokens", workspace},
                    use.promptTokens(), now);
            addTokens(new String[] {provider, model, cacheStatus, vectorDb, embeddingsProvider, embeddingsModel, "completion_tokens", workspace},
                    use.completionTokens(), now);
            addTokens(new String[] {provider, model, cacheStatus, vectorDb, embeddingsProvider, embeddingsModel, "total_tokens", workspace},
                    use.totalTokens(), now);
        }
    }

    private void addTokens(String[] labels, double count, long now) {
        if (count > 0) {
            tokens.get(labels, now).inc(count);
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
