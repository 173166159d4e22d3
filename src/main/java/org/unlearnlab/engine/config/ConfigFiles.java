package org.unlearnlab.engine.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.unlearnlab.engine.files.AtomicFiles;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and writes experiment configs as JSON. Every field is optional: what a file leaves out comes from
 * {@link ExperimentConfig#defaults()}. Reading checks the shape of the file (field names, types, enum ids)
 * but not the values; {@link ConfigValidator} does that, so that the GUI can still load a config with a bad
 * value and show the problem next to its field.
 */
public final class ConfigFiles {
    /** Far larger than any config; stops the GUI from reading a data file picked by mistake into memory. */
    private static final long MAX_BYTES = 1 << 20;

    private static final ObjectMapper MAPPER = createMapper();
    private static final ObjectWriter PRETTY = MAPPER.writer(prettyPrinter());

    private ConfigFiles() {
    }

    /**
     * @throws ConfigException if the file is missing, unreadable, not JSON, or has unknown fields or values of
     *                         the wrong type; the message names {@code file} as given
     */
    public static ExperimentConfig read(Path file) throws ConfigException {
        String source = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException(source + ": is a folder, not a config file", null);
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ConfigException(source + ": is too large for a config (" + size + " bytes)", null);
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source + ": file not found", null, e);
        } catch (AccessDeniedException e) {
            throw new ConfigException(source + ": cannot be read (permission denied)", null, e);
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot be read (" + AtomicFiles.reason(e) + ")", null, e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(source + ": is not UTF-8 text", null, e);
        }
        return parse(text, source);
    }

    /**
     * @param sourceName named at the start of every message, usually the file name
     */
    public static ExperimentConfig parse(String json, String sourceName) throws ConfigException {
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        if (text.isBlank()) {
            throw new ConfigException(sourceName + ": is empty", null);
        }
        JsonNode root = readTree(text, sourceName);
        if (!root.isObject()) {
            throw new ConfigException(sourceName + ": must contain a JSON object ({...}), not "
                    + describeNode(root), null);
        }
        ObjectNode merged = MAPPER.valueToTree(ExperimentConfig.defaults());
        merge(merged, (ObjectNode) root, new ArrayList<>(), text, sourceName);
        try {
            return MAPPER.treeToValue(merged, ExperimentConfig.class);
        } catch (JacksonException e) {
            throw bindingError(e, text, merged, sourceName);
        }
    }

    /** Pretty-printed, fields in the order of {@link ExperimentConfig}, '\n' line ends on every platform. */
    public static String toJson(ExperimentConfig config) {
        try {
            return PRETTY.writeValueAsString(config) + "\n";
        } catch (JsonProcessingException e) {
            // Records of numbers, strings and enums always serialize; this would be a programming error.
            throw new IllegalStateException("cannot serialize config " + config.name(), e);
        }
    }

    /**
     * Replaces {@code file} atomically: readers see the old or the new config, never half of one.
     *
     * @throws IOException with a message naming {@code file} and what failed
     */
    public static void write(ExperimentConfig config, Path file) throws IOException {
        AtomicFiles.writeString(file, toJson(config));
    }

    // ---------------------------------------------------------------------------------------------------------

    private static ObjectMapper createMapper() {
        JsonFactory factory = JsonFactory.builder()
                // A key given twice is almost always an editing mistake; Jackson would silently keep the last.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                // "epochs": 2.5 or "epochs": "2" is a mistake to point at, not a value to guess.
                .withCoercionConfig(LogicalType.Integer, c -> c
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }

    private static JsonNode readTree(String text, String source) throws ConfigException {
        JsonNode root;
        int end;
        try (JsonParser p = MAPPER.createParser(text)) {
            root = MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(p);
            end = (int) p.currentLocation().getCharOffset();
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at " + where(e.getLocation());
            throw new ConfigException(source + ": malformed JSON" + where + ": " + cleanParserMessage(e), null, e);
        } catch (IOException e) {
            // Reading from a String cannot fail for any other reason.
            throw new ConfigException(source + ": cannot be read (" + AtomicFiles.reason(e) + ")", null, e);
        }
        if (root == null || root.isMissingNode()) {
            throw new ConfigException(source + ": is empty", null);
        }
        // Checked on the text rather than with the parser, which would complain about the token instead.
        int extra = end;
        while (extra >= 0 && extra < text.length() && Character.isWhitespace(text.charAt(extra))) {
            extra++;
        }
        if (extra >= 0 && extra < text.length()) {
            throw new ConfigException(source + ": malformed JSON at " + lineAndColumn(text, extra)
                    + ": unexpected content after the end of the JSON object", null);
        }
        return root;
    }

    private static String lineAndColumn(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "line " + line + ", column " + (offset - lineStart + 1);
    }

    /**
     * Deep-merges {@code over} into {@code base}: objects field by field, anything else replaces. A null is
     * accepted only where the default is null too (data.folder); elsewhere it is reported here, because past
     * this point a null enum or section would look like a validation problem rather than a typing mistake.
     */
    private static void merge(ObjectNode base, ObjectNode over, List<Object> path, String text, String source)
            throws ConfigException {
        for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode old = base.get(e.getKey());
            JsonNode value = e.getValue();
            path.add(e.getKey());
            if (old == null && value instanceof ObjectNode) {
                // An optional section (forget, backdoor, healing) is absent from the defaults; given in a file, it is
                // merged onto its own defaults so that it too needs only the fields it changes.
                old = sectionDefaults(typeAt(path));
                if (old != null) {
                    base.set(e.getKey(), old);
                }
            }
            if (old instanceof ObjectNode oldObject && value instanceof ObjectNode newObject) {
                merge(oldObject, newObject, path, text, source);
            } else if (value.isNull() && old != null && !old.isNull()) {
                throw typeError(path, value, text, source, null);
            } else {
                base.set(e.getKey(), value);
            }
            path.remove(path.size() - 1);
        }
    }

    private static ConfigException bindingError(JacksonException e, String text, JsonNode merged, String source) {
        List<Object> path = e instanceof JsonMappingException m ? pathOf(m) : List.of();
        String field = dotted(path);
        int line = lineOf(text, path);
        if (e instanceof UnrecognizedPropertyException) {
            Class<?> parent = typeAt(path.subList(0, Math.max(0, path.size() - 1)));
            String known = parent != null && parent.isRecord()
                    ? Arrays.stream(parent.getRecordComponents()).map(RecordComponent::getName)
                    .collect(Collectors.joining(", "))
                    : "";
            return new ConfigException(source + ": unknown field \"" + field + "\""
                    + (line > 0 ? " at line " + line : "")
                    + (known.isEmpty() ? "" : " (known: " + known + ")"), field, e);
        }
        if (e instanceof ValueInstantiationException) {
            // Thrown by the enums' fromId, whose message lists the accepted ids.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String why = cause instanceof IllegalArgumentException && cause.getMessage() != null
                    ? cause.getMessage() : "is not a valid value";
            return new ConfigException(source + ": " + field + ": " + why + (line > 0 ? " (line " + line + ")" : ""),
                    field, e);
        }
        JsonNode value = nodeAt(merged, path);
        if (e instanceof MismatchedInputException) {
            return typeError(path, value, text, source, e);
        }
        if (e.getCause() instanceof InputCoercionException) {
            return new ConfigException(source + ": " + field + " is out of range for " + expected(typeAt(path))
                    + " (is " + renderNode(value) + lineSuffix(line) + ")", field, e);
        }
        return new ConfigException(source + ": " + (field.isEmpty() ? "config" : field) + " is not valid (is "
                + renderNode(value) + lineSuffix(line) + ")", field.isEmpty() ? null : field, e);
    }

    private static ConfigException typeError(List<Object> path, JsonNode value, String text, String source,
                                             Throwable cause) {
        String field = dotted(path);
        return new ConfigException(source + ": " + field + " must be " + expected(typeAt(path)) + " (is "
                + renderNode(value) + lineSuffix(lineOf(text, path)) + ")", field, cause);
    }

    private static String lineSuffix(int line) {
        return line > 0 ? ", line " + line : "";
    }

    /** Field names as Strings, array indices as Integers. */
    private static List<Object> pathOf(JsonMappingException e) {
        List<Object> path = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            path.add(ref.getFieldName() != null ? ref.getFieldName() : (Object) ref.getIndex());
        }
        return path;
    }

    private static String dotted(List<Object> path) {
        StringBuilder out = new StringBuilder();
        for (Object part : path) {
            if (part instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                out.append(out.length() > 0 ? "." : "").append(part);
            }
        }
        return out.toString();
    }

    /** The Java type a config path binds to, from the records' components; null if there is no such field. */
    /** The defaults of an optional section's record (its static {@code defaults()}), or null. */
    private static ObjectNode sectionDefaults(Class<?> type) {
        if (type == null || !type.isRecord()) {
            return null;
        }
        try {
            Object defaults = type.getMethod("defaults").invoke(null);
            return MAPPER.valueToTree(defaults);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getSimpleName() + ".defaults() failed", e);
        }
    }

    private static Class<?> typeAt(List<Object> path) {
        Class<?> type = ExperimentConfig.class;
        for (Object part : path) {
            if (type == null || !type.isRecord()) {
                return null;
            }
            Class<?> next = null;
            for (RecordComponent rc : type.getRecordComponents()) {
                if (rc.getName().equals(part)) {
                    next = rc.getType();
                }
            }
            type = next;
        }
        return type;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            // The enums' toString() is their config id.
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (type.isRecord()) {
            return "an object";
        }
        return "a different value";
    }

    private static JsonNode nodeAt(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object part : path) {
            if (node == null) {
                return null;
            }
            node = part instanceof Integer index ? node.get(index) : node.get((String) part);
        }
        return node;
    }

    private static String renderNode(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        if (node.isTextual()) {
            return "\"" + ConfigException.oneLine(node.textValue(), 60) + "\"";
        }
        if (node.isValueNode()) {
            return ConfigException.oneLine(node.asText(), 60);
        }
        return describeNode(node);
    }

    private static String describeNode(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "nothing";
        };
    }

    /** 1-based line of the field at {@code path} in the original text, or -1 (e.g. a value from the defaults). */
    private static int lineOf(String text, List<Object> path) {
        if (path.isEmpty()) {
            return -1;
        }
        JsonPointer target = JsonPointer.empty();
        for (Object part : path) {
            target = part instanceof Integer index ? target.appendIndex(index) : target.appendProperty((String) part);
        }
        try (JsonParser p = MAPPER.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY
                        && target.equals(p.getParsingContext().pathAsPointer())) {
                    return p.currentTokenLocation().getLineNr();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Only used to decorate a message that is already being built.
        }
        return -1;
    }

    private static String where(JsonLocation loc) {
        return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    /** Jackson's parser messages minus what only makes sense to a Java programmer. */
    private static String cleanParserMessage(JacksonException e) {
        String m = e.getOriginalMessage();
        if (m == null || m.isBlank()) {
            return "cannot be parsed";
        }
        m = m.replaceAll("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)]", "line $1, column $2")
                .replaceAll("\\s*\\(code -?\\d+\\)", "")
                .replaceAll("[:;,]?\\s*(?:enable|set) `[^`]*` to allow", "")
                .replaceAll(",? from `[^`]*`", "")
                .replace('`', '\'')
                .strip();
        if (m.contains("com.fasterxml") || m.contains("jackson")) {
            return "cannot be parsed";
        }
        return m;
    }
}
