package io.kongexporter.ingest;

/**
 * One use case of an entry's {@code ai} field, as Kong 3.9's AI plugins log it ({@code kong/llm/plugin/shared-filters/
 * serialize-analytics.lua} writes {@code ai.<namespace>.meta} and {@code .usage}; {@code kong/llm/drivers/shared.lua}
 * adds {@code .cache} for the semantic-cache plugins). The namespace is {@code proxy} for ai-proxy and the plugin's
 * name for ai-request-transformer and ai-response-transformer. Read as sent: {@code null} for an absent text,
 * {@link Double#NaN} for an absent number.
 *
 * @param useCase            the namespace under {@code ai}, e.g. {@code proxy}
 * @param provider           {@code meta.provider_name}, e.g. {@code openai}
 * @param requestModel       {@code meta.request_model}
 * @param cacheStatus        {@code cache.cache_status}
 * @param vectorDb           {@code cache.vector_db}
 * @param embeddingsProvider {@code cache.embeddings_provider}
 * @param embeddingsModel    {@code cache.embeddings_model}
 * @param llmLatencyMs       {@code meta.llm_latency}, the provider's end-to-end latency in ms
 * @param promptTokens       {@code usage.prompt_tokens}
 * @param completionTokens   {@code usage.completion_tokens}
 * @param totalTokens        {@code usage.total_tokens}
 * @param cost               {@code usage.cost}, in the currency of the plugin's configured model prices
 */
public record AiUsage(
        String useCase,
        String provider,
        String requestModel,
        String cacheStatus,
        String vectorDb,
        String embeddingsProvider,
        String embeddingsModel,
        double llmLatencyMs,
        double promptTokens,
        double completionTokens,
        double totalTokens,
        double cost) {}
