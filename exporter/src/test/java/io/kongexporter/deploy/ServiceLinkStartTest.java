package io.kongexporter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 3: with a Service named kong-exporter in its namespace (the chart's own), a pod gets the
 * service-link variables Kubernetes derives from it, under the exporter's prefix. The variables are computed from
 * the rendered Service as the kubelet does (kubernetes/kubernetes pkg/kubelet/envvars/envvars.go, FromServices:
 * {@code <NAME>_SERVICE_HOST}, {@code <NAME>_SERVICE_PORT}, {@code <NAME>_SERVICE_PORT_<PORT NAME>},
 * {@code <NAME>_PORT}, {@code <NAME>_PORT_<port>_<PROTO>} and its {@code _PROTO}, {@code _PORT}, {@code _ADDR}),
 * and the exporter's real main is started with them in a JVM of its own: it must start and get ready.
 */
class ServiceLinkStartTest {
    private static final String CLUSTER_IP = "10.0.0.1";

    @Test
    void the_exporter_starts_with_the_service_link_variables_of_a_service_named_kong_exporter() throws Exception {
        Service service = StrictModel.parse(HelmChart.render(ValueSet.DEFAULTS).get("Service", "kong-exporter"), Service.class);
        Map<String, String> links = serviceLinks(service);
        assertThat(links).containsEntry("KONG_EXPORTER_SERVICE_HOST", CLUSTER_IP)
                .containsEntry("KONG_EXPORTER_PORT", "tcp://" + CLUSTER_IP + ":9542")
                .containsKey("KONG_EXPORTER_PORT_9542_TCP_ADDR")
                .containsKey("KONG_EXPORTER_SERVICE_PORT_HTTP_METRICS");

        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), "io.kongexporter.KongExporter")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true);
        command.environment().keySet().removeIf(name -> name.startsWith("KONG_EXPORTER_"));
        command.environment().putAll(links);
        command.environment().put("KONG_EXPORTER_LISTEN", "127.0.0.1:" + port);
        Process exporter = command.start();
        try {
            assertThat(awaitReady(exporter, URI.create("http://127.0.0.1:" + port + "/-/ready")))
                    .as("exit code %s", exporter.isAlive() ? "(running)" : exporter.exitValue()).isEqualTo(200);
        } finally {
            exporter.destroy();
            exporter.waitFor(20, TimeUnit.SECONDS);
            exporter.destroyForcibly();
        }
    }

    /** The variables envvars.go FromServices makes of one Service, the cluster IP being {@link #CLUSTER_IP}. */
    private static Map<String, String> serviceLinks(Service service) {
        String prefix = service.getMetadata().getName().toUpperCase(Locale.ROOT).replace('-', '_');
        List<ServicePort> ports = service.getSpec().getPorts();
        Map<String, String> env = new TreeMap<>();
        env.put(prefix + "_SERVICE_HOST", CLUSTER_IP);
        env.put(prefix + "_SERVICE_PORT", Integer.toString(ports.get(0).getPort()));
        for (ServicePort p : ports) {
            String protocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
            if (p.getName() != null && !p.getName().isEmpty()) {
                env.put(prefix + "_SERVICE_PORT_" + p.getName().toUpperCase(Locale.ROOT).replace('-', '_'), Integer.toString(p.getPort()));
            }
            String url = protocol.toLowerCase(Locale.ROOT) + "://" + CLUSTER_IP + ":" + p.getPort();
            String base = prefix + "_PORT_" + p.getPort() + "_" + protocol.toUpperCase(Locale.ROOT);
            env.put(base, url);
            env.put(base + "_PROTO", protocol.toLowerCase(Locale.ROOT));
            env.put(base + "_PORT", Integer.toString(p.getPort()));
            env.put(base + "_ADDR", CLUSTER_IP);
        }
        ServicePort first = ports.get(0);
        env.put(prefix + "_PORT", (first.getProtocol() == null ? "tcp" : first.getProtocol().toLowerCase(Locale.ROOT)) + "://" + CLUSTER_IP + ":" + first.getPort());
        return env;
    }

    private static int awaitReady(Process exporter, URI ready) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && exporter.isAlive()) {
            try {
                return http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        return -1;
    }
}
