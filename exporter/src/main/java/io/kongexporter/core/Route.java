package io.kongexporter.core;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/** An endpoint a feature adds to the web server. */
public record Route(HandlerType method, String path, Handler handler) {
    public static Route get(String path, Handler handler) {
        return new Route(HandlerType.GET, path, handler);
    }

    public static Route post(String path, Handler handler) {
        return new Route(HandlerType.POST, path, handler);
    }
}
