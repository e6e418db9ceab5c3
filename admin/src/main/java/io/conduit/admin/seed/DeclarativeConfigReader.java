package io.conduit.admin.seed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the declarative configuration file. {@code ${NAME}} is replaced by the environment
 * variable NAME, so secrets can stay out of the file. Unknown fields are errors: a typo should
 * not silently drop a setting.
 */
public final class DeclarativeConfigReader {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private DeclarativeConfigReader() {}

    public static DeclarativeConfig read(Path file, Map<String, String> environment) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the configuration file " + file + ": " + e.getMessage(), e);
        }
        String expanded = expand(text, environment, file);
        ObjectMapper mapper = file.toString().endsWith(".json")
                ? JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                : YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        try {
            DeclarativeConfig config = mapper.readValue(expanded, DeclarativeConfig.class);
            return config == null ? new DeclarativeConfig(null, null, null) : config;
        } catch (JacksonException e) {
            throw new IllegalStateException("The configuration file " + file + " is invalid: " + e.getOriginalMessage());
        }
    }

    private static String expand(String text, Map<String, String> environment, Path file) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = environment.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("The configuration file " + file + " uses ${" + matcher.group(1)
                        + "}, which is not set in the environment.");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }
}
