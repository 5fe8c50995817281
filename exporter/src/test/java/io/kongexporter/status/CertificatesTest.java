package io.kongexporter.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kongexporter.support.FakeKongNode;
import io.kongexporter.support.RunningExporter;
import io.kongexporter.support.Scrape;
import io.kongfixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kong.certificates}: the Admin API's {@code GET /certificates} (Kong's kong/api/routes/certificates.lua and
 * kong/db/dao/certificates.lua, which adds each certificate's {@code snis} to the page; paginated with {@code next})
 * read on a slow schedule and exported as the expiry of each certificate per SNI. The fixture's PEMs are real
 * self-signed certificates generated with openssl (kong-fixtures/README.md gives their notAfter).
 */
class CertificatesTest {
    private static final String FIRST = "2e0e2b6a-6b7c-4a5e-9a3b-3f1d8c2e7a10";
    private static final String SECOND = "8b61b6a6-3c2e-4aad-9d1f-5f2a0c7e4b91";
    private static final String PAGE_2 = "/certificates?offset=WyI4YjYxYjZhNi0zYzJlLTRhYWQtOWQxZi01ZjJhMGM3ZTRiOTEiXQ";
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void reads_the_not_after_of_each_pem_and_the_next_page() throws Exception {
        CertificatesParser.Listing listing = CertificatesParser.parse(Fixtures.adminApi("certificates-3.9.json"), 1000);
        assertThat(listing.page().data()).containsExactly(
                new Certificate(FIRST, List.of("api.example.com", "www.example.com"), Instant.parse("2036-11-26T21:25:10Z")));
        assertThat(listing.page().next()).isEqualTo(PAGE_2);
        assertThat(listing.skipped()).isZero();
        CertificatesParser.Listing last = CertificatesParser.parse(Fixtures.adminApi("certificates-3.9-page-2.json"), 1000);
        assertThat(last.page().data()).containsExactly(new Certificate(SECOND, List.of(), Instant.parse("2036-11-26T21:25:11Z")));
        assertThat(last.page().next()).isNull();
    }

    @Test
    void counts_certificates_beyond_the_bound_without_parsing_them() throws Exception {
        CertificatesParser.Listing listing = CertificatesParser.parse(Fixtures.adminApi("certificates-3.9.json"), 0);
        assertThat(listing.page().data()).isEmpty();
        assertThat(listing.skipped()).isEqualTo(1);
    }

    @Test
    void rejects_a_cert_that_is_not_a_pem_certificate() {
        byte[] body = """
                {"data":[{"id":"c1","cert":"-----BEGIN CERTIFICATE-----\\nnot base64\\n-----END CERTIFICATE-----","snis":[]}],"next":null}"""
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CertificatesParser.parse(body, 1000))
                .isInstanceOf(KongParseException.class).hasMessageContaining("/certificates.data[c1].cert");
    }

    @Test
    void exports_the_expiry_of_every_certificate_per_sni_across_pages_when_enabled() {
        FakeKongNode kong = kongWithCertificates();
        RunningExporter exporter = exporter(kong, "--kong.certificates=true");
        Scrape s = exporter.awaitScrape(Duration.ofSeconds(5), x -> x.find("kong_certificate_expiry_timestamp_seconds").size() == 3);
        assertThat(s.value("kong_certificate_expiry_timestamp_seconds", "node", "kong", "certificate_id", FIRST, "sni", "api.example.com"))
                .contains(2111347510.0);
        assertThat(s.value("kong_certificate_expiry_timestamp_seconds", "node", "kong", "certificate_id", FIRST, "sni", "www.example.com"))
                .contains(2111347510.0);
        assertThat(s.value("kong_certificate_expiry_timestamp_seconds", "node", "kong", "certificate_id", SECOND, "sni", ""))
                .as("a certificate without SNIs is one series with sni=\"\"").contains(2111347511.0);
        assertThat(s.value("kong_exporter_certificates_not_exported", "node", "kong")).contains(0.0);
    }

    @Test
    void reads_certificates_once_per_refresh_not_at_every_poll() {
        FakeKongNode kong = kongWithCertificates();
        RunningExporter exporter = exporter(kong, "--kong.certificates=true");
        exporter.awaitScrape(Duration.ofSeconds(5), x -> x.value("kong_exporter_polls_total", "node", "kong").orElse(0.0) >= 5);
        assertThat(kong.requests().stream().filter(r -> r.equals("GET /certificates"))).hasSize(1);
        assertThat(exporter.scrape().find("kong_certificate_expiry_timestamp_seconds")).hasSize(3);
    }

    @Test
    void asks_for_no_certificate_unless_enabled() {
        FakeKongNode kong = kongWithCertificates();
        RunningExporter exporter = exporter(kong);
        Scrape s = exporter.awaitScrape(Duration.ofSeconds(5), x -> x.value("kong_exporter_polls_total", "node", "kong").orElse(0.0) >= 3);
        assertThat(kong.requests()).noneMatch(r -> r.contains("/certificates"));
        assertThat(s.find("kong_certificate_expiry_timestamp_seconds")).isEmpty();
    }

    @Test
    void kong_plugin_naming_exports_the_same_certificate_series() {
        FakeKongNode kong = kongWithCertificates();
        RunningExporter exporter = exporter(kong, "--kong.certificates=true", "--metrics.naming=kong-plugin");
        Scrape s = exporter.awaitScrape(Duration.ofSeconds(5), x -> x.find("kong_certificate_expiry_timestamp_seconds").size() == 3);
        assertThat(s.value("kong_certificate_expiry_timestamp_seconds", "node", "kong", "certificate_id", SECOND, "sni", ""))
                .contains(2111347511.0);
    }

    private FakeKongNode kongWithCertificates() {
        FakeKongNode node = new FakeKongNode().serveStatus(Fixtures.adminApi("status-3.9-dbless.json"))
                .serve("/", Fixtures.adminApi("root-3.9.json"))
                .serve("/certificates", Fixtures.adminApi("certificates-3.9.json"))
                .serve(PAGE_2, Fixtures.adminApi("certificates-3.9-page-2.json"));
        open.add(node);
        return node;
    }

    private RunningExporter exporter(FakeKongNode kong, String... flags) {
        RunningExporter exporter = RunningExporter.start(Map.of(
                "KONG_EXPORTER_KONG_NODES", "kong=" + kong.url(),
                "KONG_EXPORTER_KONG_POLL_INTERVAL", "200ms",
                "KONG_EXPORTER_KONG_TIMEOUT", "200ms",
                "KONG_EXPORTER_KONG_HEARTBEAT_WINDOW", "1s"), flags);
        open.add(exporter);
        return exporter;
    }
}
