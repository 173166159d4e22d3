package org.unlearnlab.engine.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.experiment.AmunEpsilons;
import org.unlearnlab.engine.experiment.ForgetFolders;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The forget table of the report and the Compare page, on constructed run folders. */
class ForgetSideBySideTest {
    @TempDir
    Path temp;

    @Test
    void a_row_holds_means_over_repeats_distance_audit_beside_gold_and_the_collapse() throws IOException {
        Path dir = ForgetFolders.write(temp.resolve("fisher"), ForgetFolders.result("fisher", false,
                "collapsed: class 1 takes 100% of test predictions", 0.10, 0.12));
        ForgetFolders.writeAudit(dir, "fisher", 0.61, true);

        ForgetSideBySide.Row r = ForgetSideBySide.read("F", dir);

        assertEquals("fisher", r.method());
        assertEquals(0.11, r.test(), 1e-12);
        assertEquals(1.5, r.seconds(), 1e-12, "mean of 1 s and 2 s");
        assertEquals(0.97, r.agreement(), 1e-12);
        assertEquals(0.61, r.auc("loss", false), 1e-12);
        assertEquals(0.52, r.auc("mia-nn", true), 1e-12);
        List<String> cells = ForgetSideBySide.cells(r);
        assertEquals(ForgetSideBySide.header().size(), cells.size());
        assertEquals(List.of("F", "fisher", "0.1100", "0.9200", "0.9800", "0:02"), cells.subList(0, 6));
        assertEquals("0.610 (0.520)", cells.get(9));
        assertEquals("yes: class 1 takes 100% of test predictions", cells.get(cells.size() - 1));
    }

    @Test
    void retraining_is_audited_as_the_gold_model_and_an_unaudited_run_says_so() throws IOException {
        Path retrain = ForgetFolders.write(temp.resolve("r"), ForgetFolders.result("retrain", false, null, 0.94));
        ForgetFolders.writeAudit(retrain, "retrain", 0.5, true);
        Path amun = ForgetFolders.write(temp.resolve("a"), ForgetFolders.result("amun", false, null, 0.9));

        ForgetSideBySide.Row r = ForgetSideBySide.read("r", retrain);
        ForgetSideBySide.Row a = ForgetSideBySide.read("a", amun);

        assertEquals(0.52, r.auc("loss", false), 1e-12, "retrain's model is the gold model");
        assertEquals("not audited", ForgetSideBySide.cells(a).get(9));
        assertEquals("no", ForgetSideBySide.cells(a).get(ForgetSideBySide.header().size() - 1));
    }

    @Test
    void a_folder_that_is_no_forget_run_is_named() {
        IOException e = assertThrows(IOException.class, () -> ForgetSideBySide.read("x", temp));
        assertTrue(e.getMessage().contains(temp.toString()) && e.getMessage().contains("not a forget run"),
                e.getMessage());
    }

    @Test
    void the_report_places_the_methods_side_by_side_and_warns_of_collapse_and_different_requests()
            throws IOException {
        Path a = ForgetFolders.write(temp.resolve("a"), ForgetFolders.result("influence", false, null, 0.93));
        Path b = ForgetFolders.write(temp.resolve("b"), ForgetFolders.result("fisher", false, "collapsed: x", 0.1));
        Path out = temp.resolve("report");

        Path html = ForgetSideBySide.write(List.of(new ProtocolReport.Labelled("infl", a),
                new ProtocolReport.Labelled("fish", b)), out, "java -jar target/unlearnlab.jar report ...");

        String md = Files.readString(out.resolve(ReportHtml.MARKDOWN));
        assertTrue(md.contains("| infl | influence | 0.9300 |"), md);
        assertTrue(md.contains("| fish | fisher | 0.1000 |"), md);
        assertTrue(md.contains("**fish** (fisher): collapsed: x"), md);
        assertTrue(md.contains("| yes: x |"), md);
        assertFalse(md.contains("Caution"), "both answered the same request");
        assertTrue(Files.readString(html).contains("<table>"));

        Path c = ForgetFolders.write(temp.resolve("c"), ForgetFolders.result("sisa", true, null, 0.9, 0.8));
        ForgetSideBySide.write(List.of(new ProtocolReport.Labelled("infl", a),
                new ProtocolReport.Labelled("sweep", c)), out, "cmd");
        md = Files.readString(out.resolve(ReportHtml.MARKDOWN));
        assertTrue(md.contains("**Caution:** the runs answered different requests"), md);
        assertTrue(md.contains("mean over a sweep of 2 random shares (50, 100 rows)"), md);
    }

    @Test
    void amun_epsilons_are_read_back_with_the_unflipped_ones_as_nan() throws IOException {
        ForgetFolders.writeEpsilons(temp);
        List<AmunEpsilons.Entry> e = AmunEpsilons.read(temp.resolve(AmunEpsilons.FILE));
        assertEquals(3, e.size());
        assertEquals(new AmunEpsilons.Entry(3, 1, 0.01), e.get(0));
        assertEquals(8, e.get(1).datasetIndex());
        assertTrue(Double.isNaN(e.get(2).epsilon()));
        assertTrue(AmunEpsilons.read(temp.resolve("none.csv")).isEmpty());
        Files.writeString(temp.resolve("bad.csv"), "dataset_index,label,epsilon\n1,x,0.1\n");
        IOException bad = assertThrows(IOException.class, () -> AmunEpsilons.read(temp.resolve("bad.csv")));
        assertTrue(bad.getMessage().contains("bad.csv, line 2"), bad.getMessage());
    }
}
