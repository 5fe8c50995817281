package io.kongexporter.web;

/**
 * Told of every {@code GET /metrics}: before it collects, and once it has collected (before its body is sent). A feature that must act on
 * exactly what a scrape exposes (Kafka commits the offsets of the entries a scrape is about to expose) registers
 * one; {@code web} knows nothing of what it does.
 */
public interface ScrapeListener {
    ScrapeListener NONE = () -> () -> {};

    /** Called before the scrape collects; the returned callback runs once the scrape has collected (or failed), never later than it answered. */
    Runnable beforeScrape();
}
