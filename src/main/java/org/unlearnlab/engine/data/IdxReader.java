package org.unlearnlab.engine.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST container format), raw or gzip-compressed, and refuses anything that does
 * not hold exactly what its header promises. Every failure is an {@link IdxFormatException} naming the file.
 */
public final class IdxReader {

    /** Unsigned bytes, three dimensions: count, rows, columns. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Unsigned bytes, one dimension: count. */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int STREAM_BUFFER = 1 << 16;
    // The JVM refuses arrays this close to Integer.MAX_VALUE.
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    // Smallest first buffer for a payload, whatever the file size suggests.
    private static final int MIN_CAPACITY = 1 << 13;
    // MNIST-like images compress about 5:1; a generous factor makes the first buffer usually the last.
    private static final int GZIP_RATIO_GUESS = 8;
    // Counting trailing garbage in a gzip bomb must stop somewhere.
    private static final long TRAILING_COUNT_LIMIT = 1L << 26;
    private static final float[] UNIT_SCALE = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            UNIT_SCALE[i] = i / 255f;
        }
    }

    /**
     * Images from an IDX image file.
     *
     * @param pixels all images row-major, image after image, each byte scaled by 1/255 into [0,1]
     */
    public record IdxImages(int count, int rows, int cols, float[] pixels) {
        public int pixelsPerImage() {
            return rows * cols;
        }
    }

    private IdxReader() {
    }

    /** Reads an image file (magic 0x00000803), raw or gzip. */
    public static IdxImages readImages(Path file) throws IdxFormatException {
        return (IdxImages) read(file, Kind.IMAGES);
    }

    /** Reads a label file (magic 0x00000801), raw or gzip; labels are 0..255 as stored. */
    public static int[] readLabels(Path file) throws IdxFormatException {
        return (int[]) read(file, Kind.LABELS);
    }

    /** Like {@link #readImages(Path)}, for a file already in memory (a class path resource). */
    static IdxImages readImages(String fileName, byte[] fileBytes) throws IdxFormatException {
        return (IdxImages) read(fileName, fileBytes, Kind.IMAGES);
    }

    /** Like {@link #readLabels(Path)}, for a file already in memory (a class path resource). */
    static int[] readLabels(String fileName, byte[] fileBytes) throws IdxFormatException {
        return (int[]) read(fileName, fileBytes, Kind.LABELS);
    }

    private enum Kind {
        IMAGES(IMAGES_MAGIC, 3, "images"),
        LABELS(LABELS_MAGIC, 1, "labels");

        final int magic;
        final int dims;
        final String noun;

        Kind(int magic, int dims, String noun) {
            this.magic = magic;
            this.dims = dims;
            this.noun = noun;
        }
    }

    private static Object read(Path file, Kind kind) throws IdxFormatException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), STREAM_BUFFER)) {
            return parse(name, in, Files.size(file), kind);
        } catch (IdxFormatException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new IdxFormatException(name, "file not found", e);
        } catch (AccessDeniedException e) {
            throw new IdxFormatException(name, "cannot read: permission denied", e);
        } catch (IOException e) {
            throw new IdxFormatException(name, "cannot read: " + describe(e), e);
        }
    }

    private static Object read(String name, byte[] bytes, Kind kind) throws IdxFormatException {
        try {
            return parse(name, new ByteArrayInputStream(bytes), bytes.length, kind);
        } catch (IdxFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IdxFormatException(name, "cannot read: " + describe(e), e);
        }
    }

    private static Object parse(String name, InputStream stored, long storedSize, Kind kind) throws IOException {
        // Pushback instead of mark/reset: a marked BufferedInputStream copies every large read through its buffer.
        PushbackInputStream in = new PushbackInputStream(stored, 2);
        byte[] magic = new byte[2];
        int got = readFully(in, magic, 0, 2);
        in.unread(magic, 0, got);
        boolean gzip = got == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        if (!gzip) {
            return parseIdx(name, in, storedSize, false, kind);
        }
        // Buffers sized to the file: many tiny files (tests, fuzzing) should not each zero 64 KB.
        int inputBuffer = (int) Math.max(512, Math.min(STREAM_BUFFER, storedSize));
        try (InputStream data = new GZIPInputStream(in, inputBuffer)) {
            long sizeHint = storedSize > Long.MAX_VALUE / GZIP_RATIO_GUESS ? Long.MAX_VALUE
                    : storedSize * GZIP_RATIO_GUESS;
            return parseIdx(name, data, sizeHint, true, kind);
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException(name, "corrupt gzip stream (" + describe(e) + ")", e);
        }
    }

    private static Object parseIdx(String name, InputStream in, long sizeHint, boolean gzip, Kind kind)
            throws IOException {
        byte[] head = new byte[4];
        int got = readFully(in, head, 0, 4);
        if (got == 0) {
            throw new IdxFormatException(name, gzip ? "empty file (gzip holds no data)" : "empty file");
        }
        if (got < 4 || head[0] != 0 || head[1] != 0) {
            throw notIdx(name, head, got, gzip);
        }
        int type = head[2] & 0xff;
        int magic = (type << 8) | (head[3] & 0xff);
        if (type != UNSIGNED_BYTE) {
            String typeName = typeName(type);
            if (typeName == null) {
                throw notIdx(name, head, got, gzip);
            }
            throw new IdxFormatException(name, String.format("wrong magic number 0x%08X: data type 0x%02X (%s), "
                    + "expected 0x08 (unsigned byte)", magic, type, typeName));
        }
        if (magic != kind.magic) {
            throw new IdxFormatException(name, String.format("wrong magic number 0x%08X, expected 0x%08X (%s)",
                    magic, kind.magic, kind.noun));
        }

        int headerBytes = 4 + 4 * kind.dims;
        byte[] dimBytes = new byte[4 * kind.dims];
        got = readFully(in, dimBytes, 0, dimBytes.length);
        if (got < dimBytes.length) {
            throw new IdxFormatException(name, String.format("truncated header: %d dimensions need %d bytes, "
                    + "file holds %d", kind.dims, headerBytes, 4 + got));
        }
        int[] dims = new int[kind.dims];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = ((dimBytes[4 * i] & 0xff) << 24) | ((dimBytes[4 * i + 1] & 0xff) << 16)
                    | ((dimBytes[4 * i + 2] & 0xff) << 8) | (dimBytes[4 * i + 3] & 0xff);
        }
        for (int d : dims) {
            if (d <= 0) {
                throw new IdxFormatException(name, "header gives dimensions " + dimensions(dims)
                        + ", each must be 1.." + Integer.MAX_VALUE);
            }
        }
        long payload = 1;
        for (int d : dims) {
            // Each factor is below 2^31, so checking after every step keeps the product inside a long.
            payload *= d;
            if (payload > MAX_ARRAY) {
                throw new IdxFormatException(name, "header promises " + promise(kind, dims)
                        + ", more than one array can hold");
            }
        }

        int expected = (int) payload;
        Payload data = readPayload(in, kind, expected, sizeHint - headerBytes);
        if (data.held() < expected) {
            throw new IdxFormatException(name, "truncated: header promises " + promise(kind, dims)
                    + ", file holds " + holds(kind, dims, data.held()));
        }
        long trailing = countRemaining(in);
        if (trailing > 0) {
            throw new IdxFormatException(name, "trailing garbage: "
                    + (trailing >= TRAILING_COUNT_LIMIT ? "at least " : "") + trailing + " bytes after the "
                    + promise(kind, dims) + " the header promises");
        }
        return kind == Kind.LABELS ? data.labels() : new IdxImages(dims[0], dims[1], dims[2], data.pixels());
    }

    /** The decoded payload (pixels or labels, the other null) and how many bytes the stream really held. */
    private record Payload(float[] pixels, int[] labels, int held) {
    }

    /**
     * Decodes up to {@code expected} payload bytes chunk by chunk straight into the result array, which grows
     * only as data actually arrives: a header promising gigabytes costs no more memory than the file really
     * holds, and a genuine file is decoded in one pass without an intermediate byte copy.
     */
    private static Payload readPayload(InputStream in, Kind kind, int expected, long sizeHint) throws IOException {
        int capacity = (int) Math.min(expected, Math.max(MIN_CAPACITY, sizeHint));
        float[] pixels = kind == Kind.IMAGES ? new float[capacity] : null;
        int[] labels = kind == Kind.LABELS ? new int[capacity] : null;
        byte[] chunk = new byte[Math.min(capacity, STREAM_BUFFER)];
        int n = 0;
        while (n < expected) {
            int r = in.read(chunk, 0, Math.min(chunk.length, expected - n));
            if (r < 0) {
                break;
            }
            if (n + r > capacity) {
                capacity = (int) Math.min(expected, Math.max(2L * capacity, n + r));
                if (pixels != null) {
                    pixels = Arrays.copyOf(pixels, capacity);
                } else {
                    labels = Arrays.copyOf(labels, capacity);
                }
            }
            if (pixels != null) {
                for (int i = 0; i < r; i++) {
                    pixels[n + i] = UNIT_SCALE[chunk[i] & 0xff];
                }
            } else {
                for (int i = 0; i < r; i++) {
                    labels[n + i] = chunk[i] & 0xff;
                }
            }
            n += r;
        }
        return new Payload(pixels, labels, n);
    }

    private static long countRemaining(InputStream in) throws IOException {
        byte[] scratch = new byte[8192];
        long total = 0;
        int r;
        while (total < TRAILING_COUNT_LIMIT && (r = in.read(scratch)) >= 0) {
            total += r;
        }
        return total;
    }

    private static int readFully(InputStream in, byte[] buf, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int r = in.read(buf, off + n, len - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    private static IdxFormatException notIdx(String name, byte[] head, int got, boolean gzip) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < got; i++) {
            hex.append(i == 0 ? "" : " ").append(String.format("%02x", head[i] & 0xff));
        }
        return new IdxFormatException(name, "not an IDX file (first bytes " + hex
                + (gzip ? " after gunzip" : "") + (got < 4 ? ", only " + got + " in all" : "") + ")");
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x08 -> "unsigned byte";
            case 0x09 -> "signed byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> null;
        };
    }

    private static String promise(Kind kind, int[] dims) {
        if (kind == Kind.LABELS) {
            return dims[0] + " labels";
        }
        return dims[0] + " images of " + dims[1] + "x" + dims[2];
    }

    private static String holds(Kind kind, int[] dims, int bytes) {
        if (kind == Kind.LABELS) {
            return Integer.toString(bytes);
        }
        int perImage = dims[1] * dims[2];
        int rest = bytes % perImage;
        return (bytes / perImage) + (rest == 0 ? "" : " and a partial one (" + rest + " of " + perImage + " bytes)");
    }

    private static String dimensions(int[] dims) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            s.append(i == 0 ? "" : "x").append(Integer.toUnsignedString(dims[i]));
        }
        return s.toString();
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
