package io.kongexporter.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code kubectl kustomize DIR}: the objects a kustomization produces. Where no kubectl is installed (Debian's only
 * kubectl, kubernetes-client 1.20, bundles a kustomize too old for these files), the resources the kustomization
 * lists are assembled here instead, recursively and without its transformations, so that every object is still
 * parsed.
 */
final class KustomizeBuild {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private KustomizeBuild() {}

    static boolean kubectlInstalled() {
        try {
            Process which = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            which.getInputStream().readAllBytes();
            return which.waitFor(30, TimeUnit.SECONDS) && which.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static RenderedObjects build(Path dir) {
        return RenderedObjects.parse(kubectlInstalled() ? kubectl(dir) : assemble(dir));
    }

    private static String kubectl(Path dir) {
        try {
            Path errors = Files.createTempFile("kustomize", ".err");
            try {
                Process kustomize = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectError(errors.toFile()).start();
                String out = new String(kustomize.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!kustomize.waitFor(60, TimeUnit.SECONDS) || kustomize.exitValue() != 0) {
                    throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + Files.readString(errors));
                }
                return out;
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The resources of the kustomization, recursively: files are read, directories are kustomizations. */
    static String assemble(Path dir) {
        try {
            JsonNode kustomization = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
            StringBuilder out = new StringBuilder();
            for (JsonNode resource : kustomization.path("resources")) {
                Path path = dir.resolve(resource.asText()).normalize();
                out.append(Files.isDirectory(path) ? assemble(path) : Files.readString(path)).append("\n---\n");
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
