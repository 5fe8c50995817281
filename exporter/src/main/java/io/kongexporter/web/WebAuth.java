package io.kongexporter.web;

import io.kongexporter.core.ApiError;
import at.favre.lib.crypto.bcrypt.BCrypt;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Basic auth with bcrypt hashes (exporter-toolkit's {@code basic_auth_users}) and extra response headers
 * ({@code http_server_config.headers}), for every path but the open ones ({@code /-/healthy}, the log endpoint,
 * which has its own token). A bcrypt check costs tens of milliseconds, so successful credentials are remembered
 * (as a SHA-256 of user, password and hash) to keep scrapes fast. An unknown user costs one bcrypt check too
 * (against a dummy hash of the users' highest cost), so the answer time does not tell which users exist.
 * Re-read on reload.
 */
public final class WebAuth {
    private static final int MAX_REMEMBERED = 1000;

    /** Checks a password against a bcrypt hash; a seam so tests can count the work done. */
    interface PasswordCheck {
        boolean matches(char[] password, String hash);
    }

    private final Set<String> openPaths;
    private final PasswordCheck passwordCheck;
    private final Map<String, String> rememberedOk = new ConcurrentHashMap<>();
    private volatile Map<String, String> users;
    /** A hash of a random password at the users' highest cost: an unknown user is verified against it, so it costs the same. */
    private volatile String dummyHash;
    private volatile Map<String, String> headers;

    public WebAuth(Map<String, String> users, Map<String, String> headers, Set<String> openPaths) {
        this(users, headers, openPaths, (password, hash) -> BCrypt.verifyer().verify(password, hash.toCharArray()).verified);
    }

    WebAuth(Map<String, String> users, Map<String, String> headers, Set<String> openPaths, PasswordCheck passwordCheck) {
        this.users = Map.copyOf(users);
        this.dummyHash = dummyHash(users);
        this.headers = Map.copyOf(headers);
        this.openPaths = Set.copyOf(openPaths);
        this.passwordCheck = passwordCheck;
    }

    /** A reloaded web config: new users and headers (TLS needs a restart). */
    public void apply(Map<String, String> newUsers, Map<String, String> newHeaders) {
        dummyHash = dummyHash(newUsers);
        users = Map.copyOf(newUsers);
        headers = Map.copyOf(newHeaders);
        rememberedOk.clear();
    }

    /** Javalin before-handler. */
    void check(Context ctx) {
        headers.forEach(ctx::header);
        Map<String, String> current = users;
        if (current.isEmpty() || openPaths.contains(ctx.path())) {
            return;
        }
        if (!allowed(ctx.header("Authorization"), current)) {
            ctx.header("WWW-Authenticate", "Basic realm=\"kong-exporter\"");
            throw ApiError.unauthorized("this endpoint needs basic auth (web config basic_auth_users)");
        }
    }

    private boolean allowed(String authorization, Map<String, String> current) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String user = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        String hash = current.get(user);
        if (hash == null) {
            passwordCheck.matches(password.toCharArray(), dummyHash);
            return false;
        }
        String key = sha256(user + "\u0000" + password + "\u0000" + hash);
        if (rememberedOk.containsKey(key)) {
            return true;
        }
        boolean ok = passwordCheck.matches(password.toCharArray(), hash);
        if (ok && rememberedOk.size() < MAX_REMEMBERED) {
            rememberedOk.put(key, "");
        }
        return ok;
    }

    private static String dummyHash(Map<String, String> users) {
        int cost = 4;
        for (String hash : users.values()) {
            cost = Math.max(cost, Integer.parseInt(hash.split("\\$")[2]));
        }
        byte[] password = new byte[18];
        new SecureRandom().nextBytes(password);
        return BCrypt.withDefaults().hashToString(cost, Base64.getEncoder().encodeToString(password).toCharArray());
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
