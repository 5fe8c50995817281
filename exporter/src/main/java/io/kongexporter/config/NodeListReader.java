package io.kongexporter.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code kong.nodes}: a YAML list of {@code {url, name, admin_token, admin_token_file, basic_auth, headers, tls}},
 * or {@code name=url,name=url} from the environment and flags. Secrets may be {@code ${ENV}} references.
 */
final class NodeListReader {
    private static final Set<String> NODE_KEYS = Set.of("url", "name", "headers", "admin_token", "admin_token_file", "basic_auth", "tls");

    private final SecretReader secrets;

    NodeListReader(SecretReader secrets) {
        this.secrets = secrets;
    }

    List<NodeConfig> fromText(String text) throws ConfigException {
        List<NodeConfig> nodes = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                nodes.add(nodeFromText("kong.nodes", item.trim()));
            }
        }
        return unique(nodes);
    }

    List<NodeConfig> fromYaml(JsonNode list) throws ConfigException {
        if (!list.isArray()) {
            throw ConfigException.invalid("kong.nodes", "a " + list.getNodeType().name().toLowerCase(Locale.ROOT), "expected a list of {url, name} entries");
        }
        List<NodeConfig> nodes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            nodes.add(nodeFromYaml("kong.nodes[" + i + "]", list.get(i)));
        }
        return unique(nodes);
    }

    private static List<NodeConfig> unique(List<NodeConfig> nodes) throws ConfigException {
        Set<String> names = new HashSet<>();
        for (NodeConfig node : nodes) {
            if (!names.add(node.name())) {
                throw ConfigException.invalid("kong.nodes", node.name(), "node names must be unique");
            }
        }
        return nodes;
    }

    private static NodeConfig nodeFromText(String key, String item) throws ConfigException {
        int eq = item.indexOf('=');
        int scheme = item.indexOf("://");
        if (eq > 0 && (scheme < 0 || eq < scheme)) {
            return node(key, item.substring(eq + 1).trim(), item.substring(0, eq).trim());
        }
        return node(key, item, null);
    }

    private NodeConfig nodeFromYaml(String key, JsonNode item) throws ConfigException {
        if (item.isTextual()) {
            return nodeFromText(key, item.asText());
        }
        if (!item.isObject()) {
            throw ConfigException.invalid(key, "a " + item.getNodeType().name().toLowerCase(Locale.ROOT), "expected {url: ..., name: ...}");
        }
        Iterator<String> names = item.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!NODE_KEYS.contains(name)) {
                throw ConfigException.unknownKey(key + "." + name, "the node list (known: " + String.join(", ", new TreeSet<>(NODE_KEYS)) + ")",
                        name, NODE_KEYS);
            }
        }
        JsonNode url = item.get("url");
        if (url == null || !url.isTextual()) {
            throw ConfigException.invalid(key + ".url", url == null ? "" : "a " + url.getNodeType().name().toLowerCase(Locale.ROOT), "every node needs a url");
        }
        JsonNode name = item.get("name");
        NodeConfig plain = node(key, url.asText(), name == null || name.isNull() ? null : name.asText());
        return new NodeConfig(plain.name(), plain.url(), nodeAuth(key, item));
    }

    /** Headers (admin token, basic auth, static ones) and TLS of one node; secrets from values, files or ${ENV}. */
    private NodeAuth nodeAuth(String key, JsonNode item) throws ConfigException {
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode extra = item.path("headers");
        if (!extra.isMissingNode()) {
            if (!extra.isObject()) {
                throw ConfigException.invalid(key + ".headers", "<hidden>", "expected a map of header: value");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = extra.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> header = fields.next();
                if (!header.getKey().matches("[A-Za-z0-9-]+")
                        || Set.of("connection", "content-length", "expect", "host", "upgrade").contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    throw ConfigException.invalid(key + ".headers", header.getKey(), "not a header name the exporter may set");
                }
                headers.put(header.getKey(), secrets.value(key + ".headers." + header.getKey(), header.getValue().asText()));
            }
        }
        if (item.has("admin_token")) {
            headers.put("Kong-Admin-Token", secrets.value(key + ".admin_token", item.get("admin_token").asText()));
        }
        if (item.has("admin_token_file")) {
            headers.put("Kong-Admin-Token", secrets.file(key + ".admin_token_file", item.get("admin_token_file").asText()));
        }
        JsonNode basic = item.path("basic_auth");
        if (!basic.isMissingNode()) {
            String user = basic.path("username").asText("");
            String password = basic.has("password_file") ? secrets.file(key + ".basic_auth.password_file", basic.get("password_file").asText())
                    : secrets.value(key + ".basic_auth.password", basic.path("password").asText(""));
            if (user.isEmpty()) {
                throw ConfigException.invalid(key + ".basic_auth.username", "", "basic_auth needs a username");
            }
            headers.put("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        Optional<NodeAuth.TlsClient> tls = Optional.empty();
        JsonNode tlsNode = item.path("tls");
        if (!tlsNode.isMissingNode()) {
            Iterator<String> tlsKeys = tlsNode.fieldNames();
            while (tlsKeys.hasNext()) {
                String tlsKey = tlsKeys.next();
                if (!Set.of("ca_file", "cert_file", "key_file", "insecure_skip_verify").contains(tlsKey)) {
                    throw ConfigException.unknownKey(key + ".tls." + tlsKey, "the node TLS settings (known: ca_file, cert_file, key_file, insecure_skip_verify)");
                }
            }
            Optional<Path> ca = readable(key + ".tls.ca_file", tlsNode.path("ca_file"));
            Optional<Path> cert = readable(key + ".tls.cert_file", tlsNode.path("cert_file"));
            Optional<Path> keyFile = readable(key + ".tls.key_file", tlsNode.path("key_file"));
            if (cert.isPresent() != keyFile.isPresent()) {
                throw ConfigException.invalid(key + ".tls", "cert_file/key_file", "a client certificate needs both cert_file and key_file");
            }
            tls = Optional.of(new NodeAuth.TlsClient(ca, cert, keyFile, tlsNode.path("insecure_skip_verify").asBoolean(false)));
        }
        return headers.isEmpty() && tls.isEmpty() ? NodeAuth.NONE : new NodeAuth(headers, tls);
    }

    private static Optional<Path> readable(String key, JsonNode value) throws ConfigException {
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        Path path = Path.of(value.asText());
        if (!Files.isReadable(path)) {
            throw ConfigException.invalid(key, value.asText(), "needs a readable file");
        }
        return Optional.of(path);
    }

    private static NodeConfig node(String key, String url, String name) throws ConfigException {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw ConfigException.invalid(key + ".url", RedactedUrl.of(url), "not a URL: " + e.getReason());
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw ConfigException.invalid(key + ".url", RedactedUrl.of(url), "expected an http:// or https:// URL of the Admin or Status API");
        }
        if (uri.getHost() == null) {
            throw ConfigException.invalid(key + ".url", RedactedUrl.of(url), "the URL needs a host");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw ConfigException.invalid(key + ".url", RedactedUrl.of(url), "a base URL has no query or fragment");
        }
        if (uri.getUserInfo() != null) {
            throw ConfigException.invalid(key + ".url", RedactedUrl.of(url), "put credentials in basic_auth or admin_token, not in the URL (they would show in logs and pages)");
        }
        String nodeName = name == null || name.isBlank() ? defaultName(uri) : name.trim();
        return new NodeConfig(nodeName, uri);
    }

    private static String defaultName(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
        return uri.getHost() + ":" + port;
    }
}
