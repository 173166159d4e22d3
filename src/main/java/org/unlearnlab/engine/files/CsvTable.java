package org.unlearnlab.engine.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A table as RFC 4180 CSV: comma-separated, CRLF line ends, and a field quoted (with its quotes doubled) when it
 * holds a comma, a quote or a line break, so a strategy name or a message with a comma stays one cell in a
 * spreadsheet. The app's table exports all go through here.
 */
public final class CsvTable {
    private static final String CRLF = "\r\n";

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public CsvTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    /** Adds a row; numbers and other values are written with {@code String.valueOf}, null as an empty field. */
    public CsvTable add(List<?> values) {
        if (values.size() != header.size()) {
            throw new IllegalArgumentException("a row of " + values.size() + " values under " + header.size()
                    + " columns");
        }
        List<String> row = new ArrayList<>(values.size());
        for (Object v : values) {
            row.add(v == null ? "" : String.valueOf(v));
        }
        rows.add(row);
        return this;
    }

    public List<String> header() {
        return header;
    }

    public List<List<String>> rows() {
        return List.copyOf(rows);
    }

    public String format() {
        StringBuilder b = new StringBuilder();
        line(b, header);
        for (List<String> row : rows) {
            line(b, row);
        }
        return b.toString();
    }

    /** Replaces {@code file} atomically with {@link #format()}; creates its folder. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        AtomicFiles.writeString(file, format());
    }

    private static void line(StringBuilder b, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(quote(fields.get(i)));
        }
        b.append(CRLF);
    }

    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /**
     * Reads CSV text back into records (the header is the first); quoted fields may hold commas, doubled quotes
     * and line breaks. Accepts CRLF and bare LF line ends.
     *
     * @throws IllegalArgumentException when a quoted field is not closed
     */
    public static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                continue;
            }
            if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                records.add(record);
                record = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted field is not closed");
        }
        if (any || field.length() > 0) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
