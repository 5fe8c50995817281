package io.kongexporter.ingest;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an entry's {@code ai} object into {@link AiUsage}s, one per use case (namespace); payloads and unknown fields
 * are skipped token by token. Kong's prometheus plugin reads the same containers ({@code kong/plugins/prometheus/exporter.lua},
 * {@code serialized.ai_metrics}).
 */
final class AiReader {
    private String provider;
    private String requestModel;
    private String cacheStatus;
    private String vectorDb;
    private String embeddingsProvider;
    private String embeddingsModel;
    private double llmLatency;
    private double promptTokens;
    private double completionTokens;
    private double totalTokens;
    private double cost;

    /** The use cases of the {@code ai} value that is the current token; none for a value that is not an object. */
    List<AiUsage> read(JsonParser p) throws IOException, InvalidEntryException {
        if (!JsonValues.object(p, "ai")) {
            return List.of();
        }
        List<AiUsage> uses = new ArrayList<>(1);
        String useCase;
        while ((useCase = p.nextFieldName()) != null) {
            p.nextToken();
            if (JsonValues.object(p, "ai." + useCase)) {
                uses.add(readUseCase(p, useCase));
            }
        }
        return List.copyOf(uses);
    }

    private AiUsage readUseCase(JsonParser p, String useCase) throws IOException, InvalidEntryException {
        provider = requestModel = cacheStatus = vectorDb = embeddingsProvider = embeddingsModel = null;
        llmLatency = promptTokens = completionTokens = totalTokens = cost = Double.NaN;
        String container;
        while ((container = p.nextFieldName()) != null) {
            p.nextToken();
            switch (container) {
                case "meta" -> readMeta(p);
                case "usage" -> readUsage(p);
                case "cache" -> readCache(p);
                default -> JsonValues.skip(p);
            }
        }
        return new AiUsage(useCase, provider, requestModel, cacheStatus, vectorDb, embeddingsProvider, embeddingsModel,
                llmLatency, promptTokens, completionTokens, totalTokens, cost);
    }

    private void readMeta(JsonParser p) throws IOException, InvalidEntryException {
        if (!JsonValues.object(p, "ai.meta")) {
            return;
        }
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "provider_name" -> provider = JsonValues.text(p, "ai.meta.provider_name");
                case "request_model" -> requestModel = JsonValues.text(p, "ai.meta.request_model");
                case "llm_latency" -> llmLatency = JsonValues.number(p, "ai.meta.llm_latency");
                default -> JsonValues.skip(p);
            }
        }
    }

    private void readUsage(JsonParser p) throws IOException, InvalidEntryException {
        if (!JsonValues.object(p, "ai.usage")) {
            return;
        }
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "prompt_tokens" -> promptTokens = JsonValues.number(p, "ai.usage.prompt_tokens");
                case "completion_tokens" -> completionTokens = JsonValues.number(p, "ai.usage.completion_tokens");
                case "total_tokens" -> totalTokens = JsonValues.number(p, "ai.usage.total_tokens");
                case "cost" -> cost = JsonValues.number(p, "ai.usage.cost");
                default -> JsonValues.skip(p);
            }
        }
    }

    private void readCache(JsonParser p) throws IOException, InvalidEntryException {
        if (!JsonValues.object(p, "ai.cache")) {
            return;
        }
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "cache_status" -> cacheStatus = JsonValues.text(p, "ai.cache.cache_status");
                case "vector_db" -> vectorDb = JsonValues.text(p, "ai.cache.vector_db");
                case "embeddings_provider" -> embeddingsProvider = JsonValues.text(p, "ai.cache.embeddings_provider");
                case "embeddings_model" -> embeddingsModel = JsonValues.text(p, "ai.cache.embeddings_model");
                default -> JsonValues.skip(p);
            }
        }
    }
}
