package io.kongexporter.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol with the JDK's WebSocket client: one page, opened
 * with {@link #open}, read with {@link #evaluate} and {@link #text}, pictured with {@link #screenshot}. A fresh profile
 * per instance ({@link ChromiumProcess}); {@link #close} ends the process tree and deletes the profile.
 * Every call has a time limit.
 * Script errors, {@code console.error} calls, browser log errors (such as a resource that failed to load) and dialogs
 * (which are dismissed) are recorded for tests to check.
 * The binary is {@code /usr/bin/chromium} unless the system property {@code chromium.path} names another.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    private final ChromiumProcess process;
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<String> dialogs = new CopyOnWriteArrayList<>();
    private DevToolsConnection devtools;
    private String session;

    private HeadlessChromium(ChromiumProcess process) {
        this.process = process;
    }

    public static Path binary() {
        return Path.of(System.getProperty("chromium.path", "/usr/bin/chromium"));
    }

    public static boolean available() {
        return Files.isExecutable(binary());
    }

    /** Starts Chromium with one 1280×900 page on about:blank. */
    public static HeadlessChromium start() {
        HeadlessChromium chromium = new HeadlessChromium(ChromiumProcess.start(binary()));
        try {
            chromium.connect(chromium.process.devToolsUrl(START_TIMEOUT));
            return chromium;
        } catch (RuntimeException e) {
            chromium.close();
            throw e;
        }
    }

    private void connect(URI browser) {
        devtools = DevToolsConnection.open(browser, CALL_TIMEOUT);
        String target = devtools.call(null, "Target.createTarget", params().put("url", "about:blank"), CALL_TIMEOUT)
                .get("targetId").asText();
        session = devtools.call(null, "Target.attachToTarget", params().put("targetId", target).put("flatten", true),
                CALL_TIMEOUT).get("sessionId").asText();
        devtools.addListener(this::record);
        call("Page.enable", params());
        call("Runtime.enable", params());
        call("Log.enable", params());
        viewport(1280, 900);
    }

    /** Sets the page's viewport size in CSS pixels (and so its layout width). */
    public void viewport(int width, int height) {
        call("Emulation.setDeviceMetricsOverride", params().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", false));
    }

    /** Emulates the system's colour scheme preference ({@code light} or {@code dark}). */
    public void colorScheme(String scheme) {
        ObjectNode feature = params().put("name", "prefers-color-scheme").put("value", scheme);
        ObjectNode media = params();
        media.putArray("features").add(feature);
        call("Emulation.setEmulatedMedia", media);
    }

    private void record(DevToolsConnection.Event event) {
        if (!session.equals(event.sessionId())) {
            return;
        }
        JsonNode p = event.params();
        switch (event.method()) {
            case "Runtime.exceptionThrown" -> errors.add("uncaught: " + p.path("exceptionDetails").path("exception")
                    .path("description").asText(p.path("exceptionDetails").path("text").asText()));
            case "Runtime.consoleAPICalled" -> {
                if (p.path("type").asText().equals("error")) {
                    List<String> args = new ArrayList<>();
                    p.path("args").forEach(a -> args.add(
                            a.has("value") ? a.get("value").asText() : a.path("description").asText()));
                    errors.add("console.error: " + String.join(" ", args));
                }
            }
            case "Log.entryAdded" -> {
                JsonNode entry = p.path("entry");
                if (entry.path("level").asText().equals("error")) {
                    errors.add(entry.path("source").asText() + ": " + entry.path("text").asText() + " "
                            + entry.path("url").asText(""));
                }
            }
            case "Page.javascriptDialogOpening" -> {
                dialogs.add(p.path("type").asText() + ": " + p.path("message").asText());
                devtools.post(session, "Page.handleJavaScriptDialog", params().put("accept", false));
            }
            default -> { }
        }
    }

    /** Navigates and waits for the page's load event; fails when the page cannot be reached. */
    public void open(URI url) {
        CompletableFuture<DevToolsConnection.Event> loaded = devtools.next("Page.loadEventFired", session);
        JsonNode navigated = call("Page.navigate", params().put("url", url.toString()));
        if (navigated.hasNonNull("errorText")) {
            throw new IllegalStateException("cannot open " + url + ": " + navigated.get("errorText").asText());
        }
        try {
            loaded.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    url + " did not finish loading within " + CALL_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Evaluates an expression in the page (promises are awaited) and returns its value as JSON maps to Java: null,
     * Boolean, Integer/Long/Double, String, List, Map. A thrown exception becomes an IllegalStateException.
     */
    public Object evaluate(String expression) {
        JsonNode answer = call("Runtime.evaluate", params().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (answer.has("exceptionDetails")) {
            JsonNode details = answer.get("exceptionDetails");
            throw new IllegalStateException("script failed: " + details.path("exception").path("description")
                    .asText(details.path("text").asText()) + "\n  in: " + expression);
        }
        JsonNode value = answer.path("result").path("value");
        return value.isMissingNode() ? null : DevToolsConnection.JSON.convertValue(value, Object.class);
    }

    /** The textContent of the first element matching the CSS selector, or null when there is none. */
    public String text(String cssSelector) {
        return (String) evaluate("(() => { const e = document.querySelector(" + jsString(cssSelector)
                + "); return e === null ? null : e.textContent; })()");
    }

    /** The textContent of every element matching the CSS selector, in document order. */
    @SuppressWarnings("unchecked")
    public List<String> texts(String cssSelector) {
        return (List<String>) evaluate(
                "[...document.querySelectorAll(" + jsString(cssSelector) + ")].map(e => e.textContent)");
    }

    /** Polls the JavaScript condition every 100 ms until it is truthy; fails listing the page's errors on timeout. */
    public void waitFor(String condition, Duration timeout) {
        waitFor("Boolean(" + condition + ")", Boolean.TRUE::equals, timeout);
    }

    /** Polls the text of a CSS selector until it satisfies the predicate, and returns it. */
    public String waitForText(String cssSelector, Predicate<String> wanted, Duration timeout) {
        return (String) waitFor("(() => { const e = document.querySelector(" + jsString(cssSelector)
                + "); return e === null ? null : e.textContent; })()",
                v -> v != null && wanted.test((String) v), timeout);
    }

    /** Evaluates the expression every 100 ms until its value satisfies the predicate, and returns that value. */
    public Object waitFor(String expression, Predicate<Object> wanted, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Object value = evaluate(expression);
            if (wanted.test(value)) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + timeout.toMillis() + " ms for " + expression + "\n  last value: "
                        + value + "\n  page errors: " + errors);
            }
            RunningExporter.sleep(100);
        }
    }

    /** Saves a PNG of the whole page (not only the viewport). */
    public void screenshot(Path png) {
        JsonNode size = call("Page.getLayoutMetrics", params()).path("cssContentSize");
        ObjectNode clip = params().put("x", 0).put("y", 0).put("scale", 1)
                .put("width", Math.ceil(size.path("width").asDouble(1280)))
                .put("height", Math.min(10_000, Math.ceil(size.path("height").asDouble(900))));
        ObjectNode request = params().put("format", "png").put("captureBeyondViewport", true);
        request.set("clip", clip);
        byte[] image = Base64.getDecoder().decode(call("Page.captureScreenshot", request).get("data").asText());
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.write(png, image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uncaught script errors, console.error messages and browser log errors (failed loads) so far. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** Dialogs (alert, confirm, prompt) the page opened; each was dismissed. */
    public List<String> dialogs() {
        return List.copyOf(dialogs);
    }

    private JsonNode call(String method, ObjectNode params) {
        return devtools.call(session, method, params, CALL_TIMEOUT);
    }

    private static ObjectNode params() {
        return DevToolsConnection.JSON.createObjectNode();
    }

    /** The text as a JavaScript string literal, for building expressions from data. */
    public static String jsString(String text) {
        try {
            return DevToolsConnection.JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the browser, ends its process tree and deletes its profile; never waits more than a few seconds. */
    @Override
    public void close() {
        List<ProcessHandle> tree = process.tree();
        Duration grace = Duration.ZERO;
        if (devtools != null) {
            try {
                devtools.post(null, "Browser.close", null).get(2, TimeUnit.SECONDS);
                grace = Duration.ofSeconds(5);
            } catch (Exception ignored) {
                // ended below
            }
            devtools.close();
        }
        process.end(tree, grace);
    }
}
