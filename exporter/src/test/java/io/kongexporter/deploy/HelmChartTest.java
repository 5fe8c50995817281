package io.kongexporter.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.ScrapeConfig;
import io.kongexporter.config.CommandLine;
import io.kongexporter.config.ConfigLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Helm chart rendered with each value set by Helm itself, every object parsed strictly, and what it must say. */
class HelmChartTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    @Test
    void helm_lint_passes_in_strict_mode() {
        LintResult lint = HelmChart.lint();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).as("warnings fail --strict too").noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void every_rendered_object_parses_strictly_with_the_kubernetes_and_prometheus_operator_models(ValueSet values) {
        RenderedObjects rendered = HelmChart.render(values);
        assertThat(rendered.objects()).isNotEmpty();
        for (JsonNode object : rendered.objects()) {
            assertThat(StrictModel.parse(object)).isNotNull();
        }
    }

    @Test
    void a_misspelt_field_fails_the_strict_parse() {
        ObjectNode deployment = HelmChart.render(ValueSet.DEFAULTS).workload().deepCopy();
        ((ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").get(0)).put("readinesProbe", "x");
        assertThatThrownBy(() -> StrictModel.parse(deployment)).hasMessageContaining("readinesProbe");

        ObjectNode plugin = HelmChart.render(ValueSet.TLS_ON).ofKind("KongClusterPlugin").get(0).deepCopy();
        plugin.put("configfrom", "x");
        assertThatThrownBy(() -> StrictModel.parse(plugin)).hasMessageContaining("configfrom");

        ObjectNode replicasAsText = HelmChart.render(ValueSet.DEFAULTS).workload().deepCopy();
        ((ObjectNode) replicasAsText.path("spec")).put("replicas", "1");
        assertThatThrownBy(() -> StrictModel.parse(replicasAsText)).as("no coercion of a string to a number").isInstanceOf(AssertionError.class);
    }

    @Test
    void the_pod_runs_non_root_on_a_read_only_root_filesystem_without_capabilities() {
        Deployment deployment = StrictModel.parse(HelmChart.render(ValueSet.DEFAULTS).workload(), Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        Container exporter = pod.getContainers().get(0);
        assertThat(exporter.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(exporter.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(exporter.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(exporter.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(exporter.getResources().getRequests().get("memory")).isEqualTo(new Quantity("384Mi"));
        assertThat(exporter.getResources().getLimits().get("memory")).isEqualTo(new Quantity("384Mi"));
        assertThat(exporter.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http-metrics");
            assertThat(port.getContainerPort()).isEqualTo(9542);
        });
        assertThat(exporter.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/-/healthy");
        assertThat(exporter.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/-/ready");
        assertThat(exporter.getLivenessProbe().getHttpGet().getScheme()).isEqualTo("HTTP");
        assertThat(exporter.getArgs()).containsExactly("--config", "/etc/kong-exporter/config/kong-exporter.yml");
        assertThat(exporter.getVolumeMounts()).extracting(VolumeMount::getMountPath).contains("/tmp");
    }

    /**
     * Kubernetes injects {@code <SERVICE>_SERVICE_HOST}, {@code _PORT} and {@code _PORT_9542_TCP...} variables for
     * every Service of the namespace; a Service named kong-exporter gives KONG_EXPORTER_SERVICE_HOST, under the
     * exporter's own prefix. The chart turns those variables off as a second line of defence.
     */
    @Test
    void a_service_named_kong_exporter_injects_no_service_link_variables() {
        RenderedObjects rendered = HelmChart.render(ValueSet.DEFAULTS);
        Service service = StrictModel.parse(rendered.get("Service", "kong-exporter"), Service.class);
        assertThat(service.getMetadata().getName()).isEqualTo("kong-exporter");
        Deployment deployment = StrictModel.parse(rendered.workload(), Deployment.class);
        assertThat(deployment.getSpec().getTemplate().getSpec().getEnableServiceLinks()).isFalse();
        StatefulSet sharded = StrictModel.parse(HelmChart.render(ValueSet.PROBE_SHARDING).workload(), StatefulSet.class);
        assertThat(sharded.getSpec().getTemplate().getSpec().getEnableServiceLinks()).isFalse();
    }

    @Test
    void secrets_given_as_values_are_mounted_as_files_the_config_names_with_its_file_keys() throws Exception {
        RenderedObjects rendered = HelmChart.render(ValueSet.TLS_ON);
        JsonNode config = exporterConfig(rendered);
        assertThat(config.path("listen").asText()).isEqualTo("0.0.0.0:9542");
        assertThat(config.path("ingest").path("token_file").asText()).isEqualTo("/etc/kong-exporter/secrets/ingest/token");
        assertThat(config.path("web").path("config").path("file").asText()).isEqualTo("/etc/kong-exporter/web/web-config.yml");
        assertThat(config.path("kong").path("nodes").get(0).path("admin_token_file").asText()).isEqualTo("/etc/kong-exporter/secrets/kong-admin/token");
        assertThat(config.path("kong").path("nodes").get(1).path("admin_token_file").asText()).as("a node's own file stays").isEqualTo("/etc/kong-exporter/other-token");
        assertThat(config.path("kong").path("upstream_health").asBoolean()).isTrue();
        assertThat(config.toString()).doesNotContain("s3cret");

        Secret secret = StrictModel.parse(rendered.get("Secret", "kong-exporter"), Secret.class);
        Deployment deployment = StrictModel.parse(rendered.workload(), Deployment.class);
        assertThat(mountedSecretFile(deployment, "/etc/kong-exporter/secrets/ingest/token")).isEqualTo("kong-exporter:ingest-token");
        assertThat(mountedSecretFile(deployment, "/etc/kong-exporter/secrets/kong-admin/token")).isEqualTo("kong-exporter:kong-admin-token");
        assertThat(mountedSecretFile(deployment, "/etc/kong-exporter/web/web-config.yml")).isEqualTo("kong-exporter:web-config.yml");
        assertThat(secret.getStringData()).containsEntry("ingest-token", "ingest-s3cret").containsEntry("kong-admin-token", "admin-s3cret");
        JsonNode web = YAML.readTree(secret.getStringData().get("web-config.yml"));
        assertThat(web.path("tls_server_config").path("cert_file").asText()).isEqualTo("/etc/kong-exporter/tls/tls.crt");
        assertThat(web.path("tls_server_config").path("key_file").asText()).isEqualTo("/etc/kong-exporter/tls/tls.key");
        assertThat(web.path("basic_auth_users").path("prometheus").asText()).startsWith("$2y$10$");
        assertThat(mountedSecretFile(deployment, "/etc/kong-exporter/tls/tls.crt")).isEqualTo("kong-exporter-tls:tls.crt");
    }

    @Test
    void existing_secrets_are_mounted_by_name_and_key_and_the_chart_creates_none() {
        RenderedObjects rendered = HelmChart.render(ValueSet.EXISTING_SECRETS);
        assertThat(rendered.ofKind("Secret")).as("no Secret of the chart's own").isEmpty();
        Deployment deployment = StrictModel.parse(rendered.workload(), Deployment.class);
        assertThat(mountedSecretFile(deployment, "/etc/kong-exporter/secrets/ingest/token")).isEqualTo("my-ingest-token:bearer");
        assertThat(mountedSecretFile(deployment, "/etc/kong-exporter/secrets/kong-admin/token")).isEqualTo("my-kong-admin:token");
        assertThat(mountedSecretFile(deployment, "/etc/kong-exporter/web/web-config.yml")).isEqualTo("my-web-config:web-config.yml");
        assertThat(mountedSecretFile(deployment, "/etc/kong-exporter/tls/tls.key")).isEqualTo("my-exporter-tls:tls.key");
        KongClusterPlugin plugin = StrictModel.parse(rendered.ofKind("KongClusterPlugin").get(0), KongClusterPlugin.class);
        assertThat(plugin.configFrom().secretKeyRef()).isEqualTo(new KongClusterPlugin.SecretKeyRef("my-http-log-config", "monitoring", "config"));
    }

    @Test
    void tls_switches_the_kubelet_probes_and_the_scrapes_to_https() {
        RenderedObjects rendered = HelmChart.render(ValueSet.TLS_ON);
        Container exporter = StrictModel.parse(rendered.workload(), Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(exporter.getLivenessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
        assertThat(exporter.getReadinessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
        assertThat(exporter.getReadinessProbe().getHttpGet().getHttpHeaders()).singleElement()
                .satisfies(h -> assertThat(h.getName()).isEqualTo("Authorization"));
        ServiceMonitor monitor = StrictModel.parse(rendered.get("ServiceMonitor", "kong-exporter"), ServiceMonitor.class);
        var endpoint = monitor.getSpec().getEndpoints().get(0);
        assertThat(endpoint.getScheme()).isEqualTo("https");
        assertThat(endpoint.getPort()).isEqualTo("http-metrics");
        assertThat(endpoint.getTlsConfig().getCa().getSecret().getName()).isEqualTo("kong-exporter-tls");
        assertThat(endpoint.getTlsConfig().getServerName()).isEqualTo("kong-exporter.monitoring.svc");
        assertThat(endpoint.getBasicAuth().getPassword().getName()).isEqualTo("kong-exporter-scrape");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
    }

    @Test
    void probe_sharding_sends_each_kong_node_to_one_stable_replica_address() {
        RenderedObjects rendered = HelmChart.render(ValueSet.PROBE_SHARDING);
        StatefulSet workload = StrictModel.parse(rendered.workload(), StatefulSet.class);
        assertThat(workload.getSpec().getReplicas()).isEqualTo(3);
        assertThat(workload.getSpec().getServiceName()).isEqualTo("kong-exporter-headless");
        Service headless = StrictModel.parse(rendered.get("Service", "kong-exporter-headless"), Service.class);
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        ServiceMonitor monitor = StrictModel.parse(rendered.get("ServiceMonitor", "kong-exporter"), ServiceMonitor.class);
        assertThat(monitor.getSpec().getSelector().getMatchExpressions()).as("the headless Service is not scraped twice")
                .anySatisfy(e -> assertThat(e.getKey() + " " + e.getOperator()).isEqualTo("kong-exporter/headless DoesNotExist"));
        assertThat(headless.getMetadata().getLabels()).containsKey("kong-exporter/headless");

        ScrapeConfig probe = StrictModel.parse(rendered.get("ScrapeConfig", "kong-exporter-probe"), ScrapeConfig.class);
        assertThat(probe.getSpec().getMetricsPath()).isEqualTo("/probe");
        assertThat(probe.getSpec().getKubernetesSDConfigs().get(0).getNamespaces().getNames()).containsExactly("kong");
        assertThat(probe.getSpec().getStaticConfigs().get(0).getTargets()).containsExactly("kong-legacy.example.internal:8100");
        var relabelings = probe.getSpec().getRelabelings();
        var shard = relabelings.stream().filter(r -> "hashmod".equals(r.getAction())).findFirst().orElseThrow();
        assertThat(shard.getModulus()).isEqualTo(3L);
        assertThat(relabelings.get(relabelings.size() - 1).getTargetLabel()).isEqualTo("__address__");
        assertThat(relabelings.get(relabelings.size() - 1).getReplacement())
                .isEqualTo("kong-exporter-$1.kong-exporter-headless.monitoring.svc:9542");
    }

    /**
     * The ScrapeConfig as Prometheus receives it (the operator renames the fields to prometheus.yml's), checked by
     * {@code promtool check config}: relabel actions and regexes are valid for Prometheus.
     */
    @Test
    void promtool_accepts_the_probe_scrape_config_as_prometheus_receives_it() throws Exception {
        JsonNode scrapeConfig = HelmChart.render(ValueSet.PROBE_SHARDING).get("ScrapeConfig", "kong-exporter-probe");
        StrictModel.parse(scrapeConfig, ScrapeConfig.class);
        JsonNode spec = scrapeConfig.path("spec");
        ObjectNode job = (ObjectNode) prometheusNames(spec);
        job.put("job_name", "kong-exporter-probe");
        // Debian's promtool is built without Kubernetes service discovery: the relabelings are what is checked here,
        // the SD block was parsed strictly against the operator's model above.
        assertThat(job.remove("kubernetes_sd_configs")).isNotNull();
        job.put("scheme", job.path("scheme").asText().toLowerCase(java.util.Locale.ROOT));
        Path config = dir.resolve("prometheus.yml");
        YAML.writeValue(config.toFile(), YAML.createObjectNode().set("scrape_configs", YAML.createArrayNode().add(job)));
        Process promtool = new ProcessBuilder("promtool", "check", "config", "--syntax-only", config.toString()).redirectErrorStream(true).start();
        String out = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(promtool.exitValue()).as(Files.readString(config) + out).isZero();
    }

    private static final Map<String, String> PROMETHEUS_NAMES = Map.ofEntries(Map.entry("metricsPath", "metrics_path"),
            Map.entry("scheme", "scheme"), Map.entry("scrapeInterval", "scrape_interval"), Map.entry("scrapeTimeout", "scrape_timeout"),
            Map.entry("staticConfigs", "static_configs"), Map.entry("targets", "targets"), Map.entry("kubernetesSDConfigs", "kubernetes_sd_configs"),
            Map.entry("role", "role"), Map.entry("namespaces", "namespaces"), Map.entry("names", "names"), Map.entry("selectors", "selectors"),
            Map.entry("label", "label"), Map.entry("relabelings", "relabel_configs"), Map.entry("sourceLabels", "source_labels"),
            Map.entry("targetLabel", "target_label"), Map.entry("regex", "regex"), Map.entry("replacement", "replacement"),
            Map.entry("modulus", "modulus"), Map.entry("action", "action"), Map.entry("separator", "separator"));

    /** Field names of the operator's CRD to prometheus.yml's; a field not in the table fails. */
    private static JsonNode prometheusNames(JsonNode node) {
        if (node.isArray()) {
            var array = YAML.createArrayNode();
            node.forEach(element -> array.add(prometheusNames(element)));
            return array;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode object = YAML.createObjectNode();
        node.fields().forEachRemaining(field -> {
            String name = PROMETHEUS_NAMES.get(field.getKey());
            assertThat(name).as("prometheus.yml name of " + field.getKey()).isNotNull();
            JsonNode value = field.getValue();
            object.set(name, name.equals("role") ? YAML.getNodeFactory().textNode(value.asText().toLowerCase(java.util.Locale.ROOT)) : prometheusNames(value));
        });
        return object;
    }

    @Test
    void the_network_policy_admits_only_kong_and_prometheus_pods_to_the_exporter_port() {
        NetworkPolicy policy = StrictModel.parse(HelmChart.render(ValueSet.DEFAULTS).get("NetworkPolicy", "kong-exporter"), NetworkPolicy.class);
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "kong-exporter");
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getPorts()).singleElement().satisfies(port -> assertThat(port.getPort().getStrVal()).isEqualTo("http-metrics"));
            assertThat(rule.getFrom()).extracting(NetworkPolicyPeer::getPodSelector)
                    .extracting(selector -> selector.getMatchLabels().get("app.kubernetes.io/name")).containsExactly("kong", "prometheus");
        });
    }

    @Test
    void the_kong_cluster_plugin_points_http_log_at_the_service_with_the_token_from_a_secret() throws Exception {
        RenderedObjects rendered = HelmChart.render(ValueSet.TLS_ON);
        KongClusterPlugin plugin = StrictModel.parse(rendered.ofKind("KongClusterPlugin").get(0), KongClusterPlugin.class);
        assertThat(plugin.plugin()).isEqualTo("http-log");
        assertThat(plugin.metadata().getLabels()).containsEntry("global", "true");
        assertThat(plugin.metadata().getAnnotations()).containsEntry("kubernetes.io/ingress.class", "kong");
        assertThat(plugin.config()).as("config and configFrom exclude each other").isNull();
        assertThat(plugin.configFrom().secretKeyRef()).isEqualTo(new KongClusterPlugin.SecretKeyRef("kong-exporter-http-log", "monitoring", "config"));

        Secret secret = StrictModel.parse(rendered.get("Secret", "kong-exporter-http-log"), Secret.class);
        KongClusterPlugin.HttpLogConfig config = StrictModel.parse(YAML.readTree(secret.getStringData().get("config")), KongClusterPlugin.HttpLogConfig.class);
        assertThat(config.httpEndpoint()).isEqualTo("https://kong-exporter.monitoring.svc:9542/logs");
        assertThat(config.method()).isEqualTo("POST");
        assertThat(config.headers()).containsEntry("Authorization", "Bearer ingest-s3cret");
        assertThat(config.queue().maxBatchSize()).isEqualTo(100);
        assertThat(config.queue().maxCoalescingDelay()).isEqualTo(1.0);
        assertThat(config.queue().maxRetryTime()).isEqualTo(60.0);
        assertThat(config.queue().maxEntries()).isEqualTo(10000);
    }

    @ParameterizedTest
    @EnumSource(value = ValueSet.class, names = {"DEFAULTS", "PROBE_SHARDING"})
    void the_rendered_config_file_is_accepted_by_the_exporters_own_loader(ValueSet values) throws Exception {
        Path file = dir.resolve("kong-exporter.yml");
        Files.writeString(file, exporterConfigText(HelmChart.render(values)));
        var config = ConfigLoader.load(Map.of(), CommandLine.parse("--config", file.toString()));
        assertThat(config.listen().port()).isEqualTo(9542);
    }

    static JsonNode exporterConfig(RenderedObjects rendered) throws Exception {
        return YAML.readTree(exporterConfigText(rendered));
    }

    private static String exporterConfigText(RenderedObjects rendered) {
        return rendered.get("ConfigMap", "kong-exporter").path("data").path("kong-exporter.yml").asText();
    }

    /** "secret:key" of the Secret file mounted at that path, following the volume mount and its items. */
    private static String mountedSecretFile(Deployment deployment, String path) {
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        List<String> found = new ArrayList<>();
        for (VolumeMount mount : pod.getContainers().get(0).getVolumeMounts()) {
            if (!path.startsWith(mount.getMountPath() + "/")) {
                continue;
            }
            String file = path.substring(mount.getMountPath().length() + 1);
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
            if (volume.getSecret() == null) {
                continue;
            }
            var items = volume.getSecret().getItems();
            if (items == null || items.isEmpty()) {
                found.add(volume.getSecret().getSecretName() + ":" + file);
            } else {
                items.stream().filter(item -> item.getPath().equals(file))
                        .forEach(item -> found.add(volume.getSecret().getSecretName() + ":" + item.getKey()));
            }
        }
        assertThat(found).as("secret files mounted at " + path).hasSize(1);
        return found.get(0);
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
