package dev.liveloom.mixer.h264.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The build runs the kernel tests twice: once with the vector kernels (the JVM has the incubator
 * module, as the default test run adds it) and once with the portable ones ({@code
 * liveloom.simd=false}). This test fails if a run does not use the kernels it claims to test, so a
 * dropped JVM flag cannot silently leave one kind untested.
 */
class SimdTest {
    @Test
    void theRunUsesTheKernelsItIsMeantToTest() {
        boolean portable = "false".equals(System.getProperty("liveloom.simd"));
        assertThat(Simd.ON)
                .as(
                        "vector kernels in use (liveloom.simd=%s, module present=%s)",
                        System.getProperty("liveloom.simd"),
                        ModuleLayer.boot().findModule(Simd.MODULE).isPresent())
                .isEqualTo(!portable);
        // with the vector kernels on, their entry points must be kept out of line
        assertThat(Simd.directiveAdded).isEqualTo(Simd.ON);
    }

    @Test
    void theDirectiveNamesOnlyTheGivenMethods() {
        assertThat(Simd.directive(String.class, "indexOf", "trim"))
                .isEqualTo("[{match: \"*.*\", inline: [\"-java/lang/String.indexOf\", \"-java/lang/String.trim\"]}]");
    }
}
