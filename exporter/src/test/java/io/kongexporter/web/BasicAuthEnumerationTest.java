package io.kongexporter.web;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.javalin.Javalin;
import io.kongexporter.core.ApiError;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Basic auth answers an unknown user with the same work as a known user with a wrong password (one bcrypt
 * verification at the same cost), so usernames cannot be told apart. The work is counted through the
 * verification seam, not timed.
 */
class BasicAuthEnumerationTest {
    private final List<String> verifiedAgainst = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Javalin server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void an_unknown_user_costs_one_bcrypt_verification_of_the_same_cost_as_a_known_user() throws Exception {
        String hash = BCrypt.withDefaults().hashToString(7, "s3cret".toCharArray());
        WebAuth auth = new WebAuth(Map.of("prometheus", hash), Map.of(), Set.of("/-/healthy"), (password, against) -> {
            verifiedAgainst.add(against);
            return BCrypt.verifyer().verify(password, against.toCharArray()).verified;
        });
        int port = start(auth);

        assertThat(get(port, "prometheus", "wrong")).isEqualTo(401);
        assertThat(verifiedAgainst).as("a known user with a wrong password").hasSize(1);
        String knownCost = verifiedAgainst.get(0).substring(0, 7);

        assertThat(get(port, "nobody", "wrong")).isEqualTo(401);
        assertThat(verifiedAgainst).as("an unknown user costs one verification too").hasSize(2);
        assertThat(verifiedAgainst.get(1)).as("against a hash of the same cost").startsWith(knownCost).isNotEqualTo(hash);

        assertThat(get(port, "prometheus", "s3cret")).isEqualTo(200);
        assertThat(get(port, "prometheus", "s3cret")).as("a remembered success").isEqualTo(200);
        assertThat(verifiedAgainst).hasSize(3);
    }

    @Test
    void the_dummy_hash_follows_the_cost_of_reloaded_users() throws Exception {
        WebAuth auth = new WebAuth(Map.of("a", BCrypt.withDefaults().hashToString(5, "x".toCharArray())), Map.of(), Set.of(),
                (password, against) -> {
                    verifiedAgainst.add(against);
                    return false;
                });
        auth.apply(Map.of("b", BCrypt.withDefaults().hashToString(8, "y".toCharArray())), Map.of());
        int port = start(auth);
        assertThat(get(port, "a", "x")).isEqualTo(401);
        assertThat(verifiedAgainst).hasSize(1);
        assertThat(verifiedAgainst.get(0)).startsWith("$2a$08$");
    }

    private int start(WebAuth auth) {
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.before(auth::check);
            config.routes.get("/metrics", ctx -> ctx.result("ok"));
            config.routes.exception(ApiError.class, (e, ctx) -> ctx.status(e.status()).result(e.getMessage()));
        }).start("127.0.0.1", 0);
        return server.port();
    }

    private int get(int port, String user, String password) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .header("Authorization", "Basic " + credentials).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
