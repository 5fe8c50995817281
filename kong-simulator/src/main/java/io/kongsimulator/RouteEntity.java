package io.kongsimulator;

import java.util.List;

/**
 * A Kong Route entity as http-log copies it into {@code route}. The fields every route of the
 * demo shares ({@code path_handling: "v0"}, {@code regex_priority: 0}, buffering on,
 * {@code https_redirect_status_code: 426}) are added by the writer.
 *
 * @param methods null when the route matches any method (the key is then absent)
 * @param tags    null when the route has no tags (the key is then absent)
 */
public record RouteEntity(
        String id,
        String name,
        String serviceId,
        List<String> paths,
        List<String> methods,
        List<String> protocols,
        boolean stripPath,
        boolean preserveHost,
        long createdAt,
        long updatedAt,
        List<String> tags) {

    public RouteEntity {
        paths = List.copyOf(paths);
        methods = methods == null ? null : List.copyOf(methods);
        protocols = List.copyOf(protocols);
        tags = tags == null ? null : List.copyOf(tags);
    }
}
