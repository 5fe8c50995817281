package io.kongexporter.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import io.kongfixtures.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Default naming: a WebSocket's length (entry-3.9-websocket-custom-fields.json, 184 s) is a session, not a request
 * latency; AI usage (entry-3.9-ai-proxy-openai-chat.json) in base units; route-less requests are kept.
 */
class UpgradedAndAiTrafficTest {

    @Test
    void a_websocket_session_never_enters_the_request_latency_histogram_but_its_own() {
        Scrape scrape = scrapeAfter("entry-3.9-websocket-custom-fields.json", "entry-3.9-proxied-200-consumer.json");
        assertThat(scrape.find("kong_request_latency_seconds_count", "service", "chat-ws")).isEmpty();
        assertThat(scrape.value("kong_http_upgraded_sessions_total", "service", "chat-ws", "route", "chat-socket", "workspace", "default")).contains(1.0);
        assertThat(scrape.value("kong_http_upgraded_session_duration_seconds_sum", "service", "chat-ws")).contains(184.213);
        assertThat(scrape.value("kong_http_requests_total", "service", "chat-ws", "code", "101")).contains(1.0);
        assertThat(scrape.value("kong_upstream_latency_seconds_sum", "service", "chat-ws")).contains(0.012);
        assertThat(scrape.value("kong_request_latency_seconds_count", "service", "orders-api")).contains(1.0);
    }

    @Test
    void ai_usage_is_counted_with_the_provider_latency_in_seconds() {
        Scrape scrape = scrapeAfter("entry-3.9-ai-proxy-openai-chat.json");
        assertThat(scrape.value("kong_ai_llm_requests_total", "ai_provider", "openai", "ai_model", "gpt-3.5-turbo", "workspace", "default")).contains(1.0);
        assertThat(scrape.value("kong_ai_llm_cost_total", "ai_provider", "openai")).contains(0.00037);
        assertThat(scrape.value("kong_ai_llm_tokens_total", "token_type", "total_tokens")).contains(37.0);
        assertThat(scrape.value("kong_ai_llm_provider_latency_seconds_sum", "ai_provider", "openai")).contains(1.42);
        assertThat(scrape.find("kong_ai_llm_provider_latency_ms_count")).isEmpty();
    }

    @Test
    void requests_that_matched_no_route_are_kept_in_the_default_naming() {
        Scrape scrape = scrapeAfter("entry-3.9-no-route-404-global-plugin.json");
        assertThat(scrape.value("kong_http_requests_total", "code", "404", "route", "")).contains(1.0);
    }

    private static Scrape scrapeAfter(String... entries) {
        try (RunningExporter exporter = RunningExporter.start(Map.of())) {
            for (String entry : entries) {
                assertThat(exporter.post("/logs", Fixtures.httpLog(entry)).statusCode()).as(entry).isEqualTo(200);
            }
            return exporter.scrape();
        }
    }
}
