package org.unlearnlab.engine.diagnostics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.metrics.AttackSummary;
import org.unlearnlab.engine.metrics.CarliniWagnerSummary;
import org.unlearnlab.engine.metrics.CleanSummary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** diagnostics.json keeps the C&W figures, NaN included, and files written before C&W still read. */
class CarliniWagnerDiagnosticsFileTest {

    private static DiagnosticsReport report(CarliniWagnerSummary cw) {
        AttackSummary a = new AttackSummary("pgd", 0.1, 0.5, 1, 0, 100);
        return new DiagnosticsReport("m", 100, 0.1, new CleanSummary(0.99, 0.03, 100), a, a, a, null, null, List.of(),
                List.of(new DiagnosticCheck("zero-gradient", "Zero gradients", Verdict.PASS, "Sentence.")), cw);
    }

    @Test
    void theCarliniWagnerFiguresSurviveAWriteAndARead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(DiagnosticsFiles.FILE);
        CarliniWagnerSummary cw = CarliniWagnerSummary.of(200, 190, new double[]{1.5, 1.25, 2});
        DiagnosticsFiles.write(report(cw), file);
        assertEquals(cw, DiagnosticsFiles.read(file).carliniWagner());

        CarliniWagnerSummary nothingFlipped = CarliniWagnerSummary.of(10, 10, new double[0]);
        DiagnosticsFiles.write(report(nothingFlipped), file);
        CarliniWagnerSummary back = DiagnosticsFiles.read(file).carliniWagner();
        assertTrue(Double.isNaN(back.medianL2()), Files.readString(file));
        assertEquals(nothingFlipped.successRate(), back.successRate());
    }

    @Test
    void aFileWrittenBeforeCarliniWagnerReadsWithoutIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(DiagnosticsFiles.FILE);
        DiagnosticsFiles.write(report(null), file);
        String old = Files.readString(file).replaceAll(",\\s*\"carliniWagner\"\\s*:\\s*null", "");
        assertTrue(!old.contains("carliniWagner"), old);
        Files.writeString(file, old);
        DiagnosticsReport back = DiagnosticsFiles.read(file);
        assertNull(back.carliniWagner());
        assertEquals("m", back.model());
    }
}
