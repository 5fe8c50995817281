package io.kongsimulator;

import java.util.List;

/**
 * A Kong Consumer entity as http-log copies it into {@code consumer}, plus what its requests carry:
 * the key-auth credential ({@code authenticated_entity.id}, {@code x-credential-identifier} and the
 * {@code apikey} header, which Kong logs as sent) and its client's {@code User-Agent}.
 *
 * @param customId null when the consumer has none (the key and {@code x-consumer-custom-id} are then absent)
 */
public record ConsumerEntity(
        String id,
        String username,
        String customId,
        long createdAt,
        List<String> tags,
        String credentialId,
        String apiKey,
        String userAgent) {

    public ConsumerEntity {
        tags = List.copyOf(tags);
    }
}
