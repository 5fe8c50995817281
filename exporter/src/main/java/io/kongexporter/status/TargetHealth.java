package io.kongexporter.status;

/**
 * One address of an upstream target, with Kong's health verdict.
 *
 * @param address ip:port, or empty when DNS resolution failed
 * @param state healthy, unhealthy, dns_error or healthchecks_off
 */
public record TargetHealth(String upstream, String target, String address, String state) {}
