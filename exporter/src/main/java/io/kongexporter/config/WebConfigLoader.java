package io.kongexporter.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the exporter-toolkit web config file; unknown keys and bad values are errors that name them. */
final class WebConfigLoader {
    private static final Set<String> CLIENT_AUTH = Set.of("NoClientCert", "RequestClientCert", "RequireAnyClientCert",
            "VerifyClientCertIfGiven", "RequireAndVerifyClientCert");

    private WebConfigLoader() {}

    static WebConfig load(Path file) throws ConfigException {
        JsonNode root = YamlFile.read(file, "web config");
        if (root == null) {
            return new WebConfig(Optional.of(file), Optional.empty(), Map.of(), Map.of());
        }
        only(root, "web config", "tls_server_config", "basic_auth_users", "http_server_config");
        Optional<WebConfig.Tls> tls = Optional.empty();
        JsonNode tlsNode = root.path("tls_server_config");
        if (tlsNode.isObject()) {
            only(tlsNode, "tls_server_config", "cert_file", "key_file", "client_ca_file", "client_auth_type", "min_version");
            Path base = file.toAbsolutePath().getParent();
            Path cert = existing(base, tlsNode, "cert_file");
            Path key = existing(base, tlsNode, "key_file");
            Optional<Path> ca = tlsNode.has("client_ca_file") ? Optional.of(existing(base, tlsNode, "client_ca_file")) : Optional.empty();
            String authType = tlsNode.path("client_auth_type").asText(ca.isPresent() ? "RequireAndVerifyClientCert" : "NoClientCert");
            if (!CLIENT_AUTH.contains(authType)) {
                throw ConfigException.invalid("tls_server_config.client_auth_type", authType, "expected one of " + CLIENT_AUTH);
            }
            tls = Optional.of(new WebConfig.Tls(cert, key, ca, authType));
        }
        Map<String, String> users = new LinkedHashMap<>();
        JsonNode usersNode = root.path("basic_auth_users");
        if (!usersNode.isMissingNode() && !usersNode.isNull()) {
            if (!usersNode.isObject()) {
                throw ConfigException.invalid("basic_auth_users", usersNode.getNodeType().toString(), "expected a map of user: bcrypt hash");
            }
            Iterator<Map.Entry<String, JsonNode>> entries = usersNode.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> user = entries.next();
                String hash = user.getValue().asText("");
                if (!hash.matches("\\$2[aby]?\\$\\d\\d\\$.{53}")) {
                    throw ConfigException.invalid("basic_auth_users." + user.getKey(), "<hidden>", "expected a bcrypt hash ($2y$...)");
                }
                users.put(user.getKey(), hash);
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode http = root.path("http_server_config");
        if (http.isObject()) {
            only(http, "http_server_config", "headers", "http2");
            Iterator<Map.Entry<String, JsonNode>> entries = http.path("headers").fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> header = entries.next();
                if (!header.getKey().matches("[A-Za-z0-9-]+") || header.getValue().asText().matches(".*[\\r\\n].*")) {
                    throw ConfigException.invalid("http_server_config.headers." + header.getKey(), header.getValue().asText(), "not a valid header");
                }
                headers.put(header.getKey(), header.getValue().asText());
            }
        }
        return new WebConfig(Optional.of(file), tls, users, headers);
    }

    private static void only(JsonNode node, String where, String... known) throws ConfigException {
        Set<String> allowed = Set.of(known);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ConfigException.unknownKey(where.equals("web config") ? name : where + "." + name, "the web config file");
            }
        }
    }

    private static Path existing(Path base, JsonNode node, String key) throws ConfigException {
        String text = node.path(key).asText("");
        Path path = base == null ? Path.of(text) : base.resolve(text);
        if (text.isEmpty() || !Files.isReadable(path)) {
            throw ConfigException.invalid("tls_server_config." + key, text, "needs a readable file");
        }
        return path;
    }
}
