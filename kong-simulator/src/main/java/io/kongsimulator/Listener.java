package io.kongsimulator;

/**
 * Which of Kong's listeners a simulated node serves. {@code admin_listen}: the Admin API (everything the
 * simulator knows). {@code status_listen}: the Status API of {@code kong/status/init.lua}, which attaches
 * {@code kong/api/routes/health.lua} ({@code /status}) and {@code kong/status/ready.lua} ({@code /status/ready},
 * 3.3+) and has no {@code GET /}; hybrid-mode data planes usually have only this one.
 */
public enum Listener {
    ADMIN_API, STATUS_API
}
