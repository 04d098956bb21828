package dev.liveloom.mixer.h264.internal;

/**
 * Whether the kernels use the JDK's Vector API ({@link VectorKernels}). They do when the JVM was
 * started with {@code --add-modules jdk.incubator.vector} (an incubator module in Java 17, so not
 * resolved by default), the CPU has 256-bit integer vectors (AVX2), and the system property {@code
 * liveloom.simd} is not {@code false}. Otherwise the portable kernels (SIMD within a {@code long})
 * run. Both produce the same results, so the choice changes speed only, never the stream.
 *
 * <p>The flag is a constant the JIT folds: a kernel tests it first and the other branch costs
 * nothing; where it is false, {@link VectorKernels} is never loaded.
 */
public final class Simd {
    private Simd() {}

    /** The name of the module that must be added to the JVM for the vector kernels. */
    public static final String MODULE = "jdk.incubator.vector";

    /** True when the vector kernels run. */
    public static final boolean ON = detect();

    private static boolean detect() {
        if ("false".equalsIgnoreCase(System.getProperty("liveloom.simd"))) {
            return false;
        }
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            return false;
        }
        try {
            return VectorKernels.supported();
        } catch (LinkageError e) {
            return false;
        }
    }
}
