package org.unlearnlab.engine.model.fastpath;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The version and member check against the real class path, and against a DL4J that differs, played through the
 * lookup seam: the upgrade path must end in one message that names what was found and the way out.
 */
class Dl4jInternalsTest {
    private static final Dl4jInternals.Lookup REAL = new Dl4jInternals.ClassPathLookup();

    @Test
    void theClassPathCarriesTheVersionsTheFastPathWasWrittenForAndEveryMemberItUses() {
        for (String artifact : Dl4jInternals.ARTIFACTS) {
            assertEquals(Dl4jInternals.BUILT_FOR, REAL.version(artifact), artifact + ": version as read at run time");
        }
        assertNotNull(Dl4jInternals.check(REAL));
    }

    @Test
    void aDifferentVersionFailsBeforeAnyMemberIsLookedUpWithOneMessageNamingItAndTheSwitch() {
        AtomicInteger memberLookups = new AtomicInteger();
        Dl4jInternals.Lookup upgraded = new Dl4jInternals.Lookup() {
            @Override
            public String version(String artifact) {
                return artifact.endsWith("deeplearning4j-nn") ? "1.0.0-M3" : REAL.version(artifact);
            }

            @Override
            public Object member(Dl4jInternals.Member member) throws ReflectiveOperationException {
                memberLookups.incrementAndGet();
                return REAL.member(member);
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Dl4jInternals.check(upgraded));
        assertEquals("UnlearnLab's DL4J fast path (engine/model/fastpath) was written for DL4J/ND4J 1.0.0-M2.1, but "
                + "found deeplearning4j-nn 1.0.0-M3, nd4j-native 1.0.0-M2.1. Run with -Dunlearnlab.onednn=false to use "
                + "DL4J's own layers (slower, same results), or port the fast path to this version.", e.getMessage());
        assertEquals(0, memberLookups.get(), "no reflection into a DL4J of another version");
    }

    @Test
    void aJarWithoutVersionCountsAsADifferentVersion() {
        Dl4jInternals.Lookup unknown = new Dl4jInternals.Lookup() {
            @Override
            public String version(String artifact) {
                return artifact.endsWith("nd4j-native") ? null : REAL.version(artifact);
            }

            @Override
            public Object member(Dl4jInternals.Member member) throws ReflectiveOperationException {
                return REAL.member(member);
            }
        };
        String message = assertThrows(IllegalStateException.class, () -> Dl4jInternals.check(unknown)).getMessage();
        assertTrue(message.contains("nd4j-native (version unknown)"), message);
        assertTrue(message.contains("-Dunlearnlab.onednn=false"), message);
    }

    @Test
    void aMissingMemberFailsWithTheSameKindOfMessageNamingTheMemberAndWhatNeedsIt() {
        Dl4jInternals.Lookup renamed = new Dl4jInternals.Lookup() {
            @Override
            public String version(String artifact) {
                return REAL.version(artifact);
            }

            @Override
            public Object member(Dl4jInternals.Member member) throws ReflectiveOperationException {
                if (member.name().equals("layerMap")) {
                    throw new NoSuchFieldException("layerMap");
                }
                return REAL.member(member);
            }
        };
        String message = assertThrows(IllegalStateException.class, () -> Dl4jInternals.check(renamed)).getMessage();
        assertTrue(message.startsWith("UnlearnLab's DL4J fast path (engine/model/fastpath) was written for DL4J/ND4J "
                + "1.0.0-M2.1, but deeplearning4j-nn 1.0.0-M2.1, nd4j-native 1.0.0-M2.1 lacks "
                + "MultiLayerNetwork.layerMap, "
                + "which the layer swap keeps"), message);
        assertTrue(message.contains("Run with -Dunlearnlab.onednn=false"), message);
    }

    @Test
    void everyMemberTheListNamesIsFoundByTheRealLookup() throws ReflectiveOperationException {
        // A typo in the list would make the check fail on the very version it was written for.
        for (Dl4jInternals.Member m : Dl4jInternals.MEMBERS) {
            assertNotNull(REAL.member(m), m.describe());
        }
    }
}
