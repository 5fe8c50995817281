package io.kongsimulator;

import java.util.List;

/**
 * A Kong Service entity as http-log copies it into {@code service} (its {@code ws_id} is the
 * workspace the writer logs, {@code enabled} is always true).
 *
 * @param path     the upstream path prefix, or null when the service has none (the key is then absent)
 * @param tags     null when the service has no tags (the key is then absent, as Kong omits it)
 * @param createdAt seconds since the epoch, as Kong stores entity timestamps
 */
public record ServiceEntity(
        String id,
        String name,
        String host,
        int port,
        String protocol,
        String path,
        int retries,
        int connectTimeout,
        int readTimeout,
        int writeTimeout,
        long createdAt,
        long updatedAt,
        List<String> tags) {

    public ServiceEntity {
        tags = tags == null ? null : List.copyOf(tags);
    }
}
