package io.kongexporter.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the YAML files an operator gives (the configuration, the web config) with errors that name the file. */
final class YamlFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private YamlFile() {}

    /** The file's document, or null when it is empty; {@code what} names it in errors ("config file", "web config"). */
    static JsonNode read(Path file, String what) throws ConfigException {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readAllBytes(file));
        } catch (JacksonException e) {
            throw new ConfigException(what + " " + file + " is not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("cannot read " + what + " " + file + ": " + e.getMessage());
        }
        return root == null || root.isMissingNode() || root.isNull() ? null : root;
    }
}
