package org.unlearnlab.engine.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CsvTableTest {

    @Test
    void fieldsWithCommasQuotesAndLineBreaksAreQuotedAndReadBackUnchanged(@TempDir Path dir) throws Exception {
        CsvTable t = new CsvTable(List.of("strategy", "accuracy", "note"))
                .add(List.of("Random removal, baseline", 0.9585, "said \"fine\""))
                .add(Arrays.asList("loss-ranked", 1.0E-4, null))
                .add(List.of("two\nlines", Double.NaN, "crlf\r\nend"));
        Path file = dir.resolve("sub").resolve("t.csv");
        t.write(file);
        String text = Files.readString(file);

        assertEquals("strategy,accuracy,note\r\n"
                + "\"Random removal, baseline\",0.9585,\"said \"\"fine\"\"\"\r\n"
                + "loss-ranked,1.0E-4,\r\n"
                + "\"two\nlines\",NaN,\"crlf\r\nend\"\r\n", text);
        List<List<String>> back = CsvTable.parse(text);
        assertEquals(List.of(List.of("strategy", "accuracy", "note"),
                List.of("Random removal, baseline", "0.9585", "said \"fine\""),
                List.of("loss-ranked", "1.0E-4", ""),
                List.of("two\nlines", "NaN", "crlf\r\nend")), back);
        assertEquals(0.9585, Double.parseDouble(back.get(1).get(1)));
        assertEquals(1.0E-4, Double.parseDouble(back.get(2).get(1)));
    }

    @Test
    void aRowOfTheWrongWidthAndAnUnclosedQuoteAreRefused() {
        CsvTable t = new CsvTable(List.of("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> t.add(List.of(1)));
        assertThrows(IllegalArgumentException.class, () -> CsvTable.parse("a,\"b\r\n"));
    }

    @Test
    void bareLineFeedsAndAMissingLastLineEndParseToo() {
        assertEquals(List.of(List.of("a", "b"), List.of("1", "")), CsvTable.parse("a,b\n1,"));
    }
}
