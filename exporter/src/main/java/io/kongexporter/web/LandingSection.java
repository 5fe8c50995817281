package io.kongexporter.web;

/** A part of the landing page ({@code GET /}) that a feature contributes, e.g. the node table of polling. */
public interface LandingSection {
    /** The section's heading, plain text (escaped by the page). */
    String title();

    /** The section's body, HTML; the feature escapes whatever it shows (see {@link Html#escape}). */
    String html();
}
