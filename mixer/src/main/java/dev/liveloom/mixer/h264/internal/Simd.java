package dev.liveloom.mixer.h264.internal;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the kernels use the JDK's Vector API ({@link VectorKernels}). They do when the JVM was
 * started with {@code --add-modules jdk.incubator.vector} (an incubator module in Java 17, so not
 * resolved by default), the CPU has 256-bit integer vectors (AVX2), and the system property {@code
 * liveloom.simd} is not {@code false}. Otherwise the portable kernels (SIMD within a {@code long})
 * run. Both produce the same results, so the choice changes speed only, never the stream.
 *
 * <p>The flag is a constant the JIT folds: a kernel tests it first and the other branch costs
 * nothing; where it is false, {@link VectorKernels} is never loaded.
 *
 * <p>Turning the vector kernels on also adds a compiler directive (the one {@code jcmd
 * Compiler.directives_add} adds) that keeps the kernels' entry points from being inlined into
 * their callers; {@link VectorKernels} says why. The directive names only those methods. Where the
 * JVM refuses it, the kernels still run and give the same results, only slower.
 */
public final class Simd {
    private Simd() {}

    private static final Logger LOG = LoggerFactory.getLogger(Simd.class);

    /** The name of the module that must be added to the JVM for the vector kernels. */
    public static final String MODULE = "jdk.incubator.vector";

    /** Whether the inlining directive for the vector kernels took (tests read it). */
    static boolean directiveAdded;

    /** True when the vector kernels run. */
    public static final boolean ON = detect();

    private static boolean detect() {
        if ("false".equalsIgnoreCase(System.getProperty("liveloom.simd"))) {
            return false;
        }
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            return false;
        }
        boolean supported;
        try {
            supported = VectorKernels.supported();
        } catch (LinkageError e) {
            return false;
        }
        if (supported) {
            directiveAdded = keepOutOfLine(VectorKernels.class, VectorKernels.ENTRY_POINTS);
        }
        return supported;
    }

    /** The compiler directive that no method inlines the named methods of {@code owner}. */
    static String directive(Class<?> owner, String... methods) {
        StringBuilder b = new StringBuilder("[{match: \"*.*\", inline: [");
        String cls = owner.getName().replace('.', '/');
        for (int i = 0; i < methods.length; i++) {
            b.append(i == 0 ? "" : ", ")
                    .append("\"-")
                    .append(cls)
                    .append('.')
                    .append(methods[i])
                    .append('"');
        }
        return b.append("]}]").toString();
    }

    /** Adds {@link #directive} through the JVM's diagnostic command bean; true when it took. */
    static boolean keepOutOfLine(Class<?> owner, String... methods) {
        Path file = null;
        try {
            file = Files.createTempFile("liveloom-jit", ".json");
            Files.writeString(file, directive(owner, methods), StandardCharsets.UTF_8);
            Object out = ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "compilerDirectivesAdd",
                            new Object[] {new String[] {file.toString()}},
                            new String[] {String[].class.getName()});
            boolean ok = String.valueOf(out).contains("1 compiler directives added");
            if (!ok) {
                LOG.warn("vector kernels: the JVM did not take the inlining directive ({}); they run slower", out);
            }
            return ok;
        } catch (Exception | LinkageError e) {
            LOG.warn("vector kernels: could not add the inlining directive ({}); they run slower", e.toString());
            return false;
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (java.io.IOException ignored) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }
}
