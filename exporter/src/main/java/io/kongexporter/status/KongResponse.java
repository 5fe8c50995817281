package io.kongexporter.status;

/** An Admin API answer: status code and the (size-capped) body. */
public record KongResponse(int status, byte[] body) {}
