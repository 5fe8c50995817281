package io.kongexporter.status;

/** One nginx worker's Lua VM: memory allocated by its garbage collector. */
public record WorkerVm(long pid, long allocatedBytes) {}
