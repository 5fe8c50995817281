package io.kongexporter.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.ScrapeConfig;
import java.util.Map;

/**
 * Parses a rendered object into its typed model, strictly: an unknown or misspelt field, or a value of the wrong
 * type, fails. The Kubernetes and Prometheus Operator types are fabric8's; fabric8 keeps unknown fields in an
 * {@code additionalProperties} map (a Jackson any-setter), which this mapper removes so that
 * FAIL_ON_UNKNOWN_PROPERTIES applies. KongClusterPlugin has no fabric8 model: {@link KongClusterPlugin}.
 */
final class StrictModel {
    private static final Map<String, Class<?>> TYPES = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            Map.entry("monitoring.coreos.com/v1alpha1/ScrapeConfig", ScrapeConfig.class),
            Map.entry("configuration.konghq.com/v1/KongClusterPlugin", KongClusterPlugin.class));

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(new SimpleModule("no-additional-properties").setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription bean, BeanDeserializerBuilder builder) {
                    builder.setAnySetter(null);
                    return builder;
                }
            }))
            .build();

    private StrictModel() {}

    /** The typed object; throws naming the object and the offending field. */
    static Object parse(JsonNode object) {
        String key = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        Class<?> type = TYPES.get(key);
        if (type == null) {
            throw new AssertionError("no model for " + key + " (" + object.path("metadata").path("name").asText() + ")");
        }
        return parse(object, type);
    }

    static <T> T parse(JsonNode object, Class<T> type) {
        try {
            return MAPPER.treeToValue(object, type);
        } catch (JsonProcessingException e) {
            throw new AssertionError(object.path("kind").asText() + " " + object.path("metadata").path("name").asText()
                    + " does not parse strictly as " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
