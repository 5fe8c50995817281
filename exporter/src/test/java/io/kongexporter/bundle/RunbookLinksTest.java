package io.kongexporter.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kongfixtures.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every alert's {@code runbook_url} is an absolute link to its own section of {@code alert-rules/RUNBOOK.md}: the
 * base from {@code scripts/generate-bundle.py --runbook-url-base}, else {@code runbook_url_base} of
 * {@code alert-rules/config.yml}, else the generator's default (the runbook in the project's repository), plus
 * {@code #<alertname in lower case>}, an anchor the runbook has (GitHub's heading anchors).
 */
class RunbookLinksTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path ROOT = Fixtures.projectRoot();
    private static final Pattern HEADING = Pattern.compile("(?m)^#+\\s+(.+?)\\s*$");
    private static final Pattern DEFAULT_BASE = Pattern.compile("(?m)^DEFAULT_RUNBOOK_URL_BASE = \"([^\"]+)\"$");

    @Test
    void every_alert_links_to_its_own_section_of_the_runbook_under_the_default_base() throws Exception {
        Map<String, String> links = runbookUrls(ROOT.resolve("alert-rules/kong.rules.yml"));
        String base = defaultBase();

        assertThat(YAML.readTree(ROOT.resolve("alert-rules/config.yml").toFile()).has("runbook_url_base"))
                .as("the shipped config.yml leaves runbook_url_base to the default").isFalse();
        assertThat(base).startsWith("https://").endsWith("/alert-rules/RUNBOOK.md").doesNotContain("example.com");
        assertThat(links).as("alerts in kong.rules.yml").hasSizeGreaterThanOrEqualTo(38);
        Set<String> anchors = runbookAnchors();
        Map<String, String> wrong = new TreeMap<>();
        links.forEach((alert, url) -> {
            String anchor = alert.toLowerCase(Locale.ROOT);
            if (!url.equals(base + "#" + anchor) || !anchors.contains(anchor)) {
                wrong.put(alert, url + (anchors.contains(anchor) ? "" : " (no section " + alert + " in RUNBOOK.md)"));
            }
        });
        assertThat(wrong).as("runbook links that are not <default base>#<alert> with a section in the runbook").isEmpty();
    }

    @Test
    void the_runbook_url_base_option_overrides_config_yml_and_config_yml_overrides_the_default(@TempDir Path dir) throws Exception {
        String wiki = "https://wiki.example.org/sre/kong/RUNBOOK.md";
        Path own = dir.resolve("own.yml");
        Files.writeString(own, "runbook_url_base: https://git.example.com/team/kong/blob/main/alert-rules/RUNBOOK.md\n"
                + Files.readString(ROOT.resolve("alert-rules/config.yml")));

        generate(dir.resolve("option"), "--runbook-url-base", wiki);
        generate(dir.resolve("config"), "--config", own.toString());

        assertThat(runbookUrls(dir.resolve("option/kong.rules.yml")).values()).hasSizeGreaterThanOrEqualTo(38)
                .allMatch(url -> url.startsWith(wiki + "#kong") || url.equals(wiki + "#watchdog"));
        assertThat(runbookUrls(dir.resolve("config/kong.rules.yml")).values())
                .allMatch(url -> url.startsWith("https://git.example.com/team/kong/blob/main/alert-rules/RUNBOOK.md#"));
    }

    @Test
    void a_runbook_url_base_that_is_not_an_absolute_link_is_refused_with_its_source_named(@TempDir Path dir) throws Exception {
        Process p = generator(dir.resolve("out"), "--runbook-url-base", "alert-rules/RUNBOOK.md");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).contains("--runbook-url-base").contains("not an absolute http(s) URL");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    private static void generate(Path out, String... options) throws Exception {
        Process p = generator(out, options);
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
    }

    private static Process generator(Path out, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3", ROOT.resolve("scripts/generate-bundle.py").toString(), "--out", out.toString()));
        command.addAll(List.of(options));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Alert name to its runbook_url; one name for several rules (KongErrorBudgetBurn) must have one link. */
    private static Map<String, String> runbookUrls(Path rules) throws IOException {
        Map<String, String> links = new TreeMap<>();
        for (JsonNode group : YAML.readTree(rules.toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("alert")) {
                    String url = rule.path("annotations").path("runbook_url").asText("");
                    String before = links.putIfAbsent(rule.path("alert").asText(), url);
                    assertThat(before == null || before.equals(url)).as(rule.path("alert").asText() + " has one runbook link").isTrue();
                }
            }
        }
        return links;
    }

    /** GitHub's anchors of the runbook's headings: lower case, punctuation dropped, spaces to dashes. */
    private static Set<String> runbookAnchors() throws IOException {
        Set<String> anchors = new TreeSet<>();
        Matcher m = HEADING.matcher(Files.readString(ROOT.resolve("alert-rules/RUNBOOK.md")));
        while (m.find()) {
            anchors.add(m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
        }
        return anchors;
    }

    private static String defaultBase() throws IOException {
        try (Stream<String> lines = Files.lines(ROOT.resolve("scripts/generate-bundle.py"))) {
            Matcher m = DEFAULT_BASE.matcher(String.join("\n", lines.toList()));
            assertThat(m.find()).as("DEFAULT_RUNBOOK_URL_BASE in generate-bundle.py").isTrue();
            return m.group(1);
        }
    }
}
