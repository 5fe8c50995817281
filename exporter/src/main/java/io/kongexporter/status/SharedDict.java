package io.kongexporter.status;

/** One {@code lua_shared_dict}: bytes in use (allocated slabs) and its capacity. */
public record SharedDict(String name, long allocatedBytes, long capacityBytes) {}
