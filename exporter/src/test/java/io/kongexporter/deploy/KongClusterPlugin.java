package io.kongexporter.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;

/**
 * Kong Ingress Controller's KongClusterPlugin (configuration.konghq.com/v1), field for field as its CRD declares
 * it: Kong/kubernetes-ingress-controller, config/crd/bases/configuration.konghq.com_kongclusterplugins.yaml.
 * Read with {@link StrictModel}, so a field the CRD does not have fails.
 */
record KongClusterPlugin(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        String plugin,
        JsonNode config,
        ConfigFrom configFrom,
        String consumerRef,
        Boolean disabled,
        @JsonProperty("instance_name") String instanceName,
        JsonNode ordering,
        List<String> protocols,
        @JsonProperty("run_on") String runOn) {

    record ConfigFrom(SecretKeyRef secretKeyRef) {}

    record SecretKeyRef(String name, String namespace, String key) {}

    /**
     * The http-log plugin's config as Kong 3.x validates it: kong/plugins/http-log/schema.lua (Kong/kong) for the
     * plugin's fields, kong/tools/queue_schema.lua for {@code queue} (Kong 3.3+).
     */
    record HttpLogConfig(
            @JsonProperty("http_endpoint") String httpEndpoint,
            String method,
            @JsonProperty("content_type") String contentType,
            Integer timeout,
            Integer keepalive,
            @JsonProperty("retry_count") Integer retryCount,
            @JsonProperty("queue_size") Integer queueSize,
            @JsonProperty("flush_timeout") Double flushTimeout,
            Map<String, String> headers,
            @JsonProperty("custom_fields_by_lua") Map<String, String> customFieldsByLua,
            Queue queue) {}

    record Queue(
            @JsonProperty("max_batch_size") Integer maxBatchSize,
            @JsonProperty("max_coalescing_delay") Double maxCoalescingDelay,
            @JsonProperty("max_entries") Integer maxEntries,
            @JsonProperty("max_bytes") Integer maxBytes,
            @JsonProperty("max_retry_time") Double maxRetryTime,
            @JsonProperty("initial_retry_delay") Double initialRetryDelay,
            @JsonProperty("max_retry_delay") Double maxRetryDelay,
            @JsonProperty("concurrency_limit") Integer concurrencyLimit) {}
}
