package io.kongexporter.status;

import java.util.List;

/** One page of a paginated Admin API list, with the relative URL of the next page or null. */
public record Page<T>(List<T> data, String next) {
    public Page {
        data = List.copyOf(data);
    }
}
