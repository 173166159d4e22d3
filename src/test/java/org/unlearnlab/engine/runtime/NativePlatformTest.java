package org.unlearnlab.engine.runtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where ND4J's native build cannot run, one line says so instead of a crash or a stack trace. */
class NativePlatformTest {
    @Test
    void only_linux_x86_64_with_avx2_passes() {
        assertNull(NativeBackend.platformProblem("Linux", "amd64", " fpu sse2 avx avx2 fma"));
        assertNull(NativeBackend.platformProblem("Linux", "amd64", null), "flags unknown: let ND4J try");
        assertEquals("ND4J's native library cannot run on Mac OS X aarch64: UnlearnLab runs on Linux x86-64 with AVX2",
                NativeBackend.platformProblem("Mac OS X", "aarch64", null));
        assertEquals("ND4J's native library needs AVX2, which this CPU lacks: UnlearnLab runs on Linux x86-64 "
                + "with AVX2",
                NativeBackend.platformProblem("Linux", "amd64", " fpu sse2 avx fma avx2x"));
        assertTrue(NativeBackend.platformProblem("Windows 11", "amd64", null).contains("Windows 11"));
    }

    @Test
    void a_library_that_fails_to_load_is_named_in_one_line() {
        Throwable failure = new ExceptionInInitializerError(
                new UnsatisfiedLinkError("no jnind4jcpu in java.library.path\n\tat somewhere"));
        NativeLibraryUnavailableException e = NativeBackend.loadFailure(failure);
        assertEquals("ND4J's native library could not be loaded (no jnind4jcpu in java.library.path): UnlearnLab "
                + "runs on Linux x86-64 with AVX2", e.getMessage());
        assertEquals(failure, e.getCause());
    }
}
