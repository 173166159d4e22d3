package org.unlearnlab.cli;

import org.unlearnlab.engine.audit.MembershipAudit;
import org.unlearnlab.engine.experiment.RunAudit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Membership-inference audit of a finished run with a forget set (a forget run, or a run of the"
                + " paper's loop whose removed.csv is the forget set): AUC and attack accuracy of each attack on the"
                + " forget set, the remaining rows and test images, for each model beside the gold model.")
final class AuditCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "FOLDER", description = "the run folder to audit")
    Path run;

    @Override
    public Integer call() throws Exception {
        try {
            RunAudit.Result r = RunAudit.audit(run, null, ConsoleProgress.onStderr(), Interrupts.cancelOnCtrlC());
            print(r);
            return 0;
        } finally {
            Interrupts.finished();
        }
    }

    static void print(RunAudit.Result r) {
        System.out.println();
        System.out.printf("audit of %s: %d forgotten, %d remaining rows%n", r.run(), r.forgetSize(), r.remainingSize());
        System.out.println("gold: " + r.gold());
        List<RunAudit.ModelAudit> models = r.models();
        StringBuilder head = new StringBuilder(String.format("%-12s %-10s", "attack", "set"));
        for (RunAudit.ModelAudit m : models) {
            head.append(String.format(" %17s", m.model()));
        }
        System.out.println(head);
        System.out.println(String.format("%-23s", "") + "     AUC / acc    ".repeat(models.size()));
        for (int a = 0; a < models.get(0).attacks().size(); a++) {
            String name = models.get(0).attacks().get(a).attack();
            for (String set : new String[]{"forget", "remaining", "test"}) {
                StringBuilder line = new StringBuilder(String.format("%-12s %-10s", name, set));
                for (RunAudit.ModelAudit m : models) {
                    MembershipAudit.AttackFigures f = m.attacks().get(a);
                    double auc = switch (set) {
                        case "forget" -> f.forgetAuc();
                        case "remaining" -> f.remainingAuc();
                        default -> f.testAuc();
                    };
                    double acc = switch (set) {
                        case "forget" -> f.forgetAccuracy();
                        case "remaining" -> f.remainingAccuracy();
                        default -> f.testAccuracy();
                    };
                    line.append(String.format(Locale.ROOT, "     %.3f / %.3f", auc, acc));
                }
                System.out.println(line);
            }
        }
        System.out.println("AUC: the set's scores against held-out test images (0.5 = indistinguishable); acc: the"
                + " balanced accuracy of the threshold fit on other members and test images");
        System.out.println(r.note());
        System.out.println("forgetting well = the forget-set figures of the gold model; written to "
                + Path.of(r.run()).resolve(RunAudit.FILE));
    }
}
