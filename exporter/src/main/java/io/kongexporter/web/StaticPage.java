package io.kongexporter.web;

import io.kongexporter.core.ApiError;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** Serves the files of one classpath folder (the live page and its bundled assets); nothing is loaded from a CDN. */
public final class StaticPage implements Handler {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png", "txt", "text/plain; charset=utf-8", "json", "application/json");

    private final String folder;
    private final String index;

    public StaticPage(String folder, String index) {
        this.folder = folder;
        this.index = index;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        String file = ctx.pathParamMap().getOrDefault("file", index);
        if (!file.matches("[A-Za-z0-9._-]+") || file.startsWith(".")) {
            throw new ApiError(404, "Not Found", "no such file");
        }
        try (InputStream in = StaticPage.class.getResourceAsStream("/" + folder + "/" + file)) {
            if (in == null) {
                throw new ApiError(404, "Not Found", "no such file: " + file);
            }
            String extension = file.substring(file.lastIndexOf('.') + 1);
            ctx.contentType(TYPES.getOrDefault(extension, "application/octet-stream"));
            ctx.header("Cache-Control", "no-cache");
            ctx.result(in.readAllBytes());
        }
    }
}
