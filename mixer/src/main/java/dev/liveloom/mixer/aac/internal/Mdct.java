package dev.liveloom.mixer.aac.internal;

/**
 * Forward MDCT of 2N windowed samples to N coefficients, X[k] = 2 * sum x[n] cos(pi/N (n + n0)(k + 1/2))
 * with n0 = (N + 1) / 2 (ISO/IEC 14496-3 4.6.11.3.2 scaled as the standard's encoder), computed as a
 * DCT-IV of N folded samples through an N/2-point complex FFT. Not thread-safe: holds work arrays.
 */
public final class Mdct {
    private final int n;
    private final double[] fold;
    private final double[] re;
    private final double[] im;
    private final double[] preCos;
    private final double[] preSin;
    private final double[] postCos;
    private final double[] postSin;
    private final Fft fft;

    /** @param n number of output coefficients (1024 or 128); input is 2n samples */
    public Mdct(int n) {
        this.n = n;
        fold = new double[n];
        re = new double[n / 2];
        im = new double[n / 2];
        preCos = new double[n / 2];
        preSin = new double[n / 2];
        postCos = new double[n / 2];
        postSin = new double[n / 2];
        for (int i = 0; i < n / 2; i++) {
            preCos[i] = Math.cos(Math.PI * i / n);
            preSin[i] = Math.sin(Math.PI * i / n);
            postCos[i] = Math.cos(Math.PI * (i + 0.25) / n);
            postSin[i] = Math.sin(Math.PI * (i + 0.25) / n);
        }
        fft = new Fft(n / 2);
    }

    /** Transforms {@code in[inOff..inOff+2n)} (already windowed) into {@code out[outOff..outOff+n)}. */
    public void forward(float[] in, int inOff, float[] out, int outOff) {
        int half = n / 2;
        // fold 2n samples into n so that MDCT(x) = DCT-IV(fold)
        for (int i = 0; i < half; i++) {
            fold[i] = -in[inOff + 3 * half - 1 - i] - in[inOff + 3 * half + i];
            fold[half + i] = in[inOff + i] - in[inOff + n - 1 - i];
        }
        // DCT-IV via complex FFT of n/2 points with pre- and post-twiddle
        for (int i = 0; i < half; i++) {
            double a = fold[2 * i];
            double b = fold[n - 1 - 2 * i];
            double c = preCos[i];
            double s = preSin[i];
            re[i] = a * c + b * s;
            im[i] = b * c - a * s;
        }
        fft.transform(re, im);
        for (int k = 0; k < half; k++) {
            double c = postCos[k];
            double s = postSin[k];
            double yr = re[k] * c + im[k] * s;
            double yi = im[k] * c - re[k] * s;
            out[outOff + 2 * k] = (float) (2 * yr);
            out[outOff + n - 1 - 2 * k] = (float) (-2 * yi);
        }
    }
}
