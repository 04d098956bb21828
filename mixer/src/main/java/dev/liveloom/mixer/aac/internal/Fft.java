package dev.liveloom.mixer.aac.internal;

/** In-place radix-2 complex FFT (forward, e^{-i}) of a fixed power-of-two size with precomputed tables. */
public final class Fft {
    private final int size;
    private final int[] bitrev;
    /** Twiddles per butterfly span h (a power of two below size), contiguous at [h, 2h). */
    private final double[] twRe;

    private final double[] twIm;

    public Fft(int size) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two: " + size);
        }
        this.size = size;
        bitrev = new int[size];
        int bits = Integer.numberOfTrailingZeros(size);
        for (int i = 0; i < size; i++) {
            bitrev[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
        }
        double[] cos = new double[size / 2];
        double[] sin = new double[size / 2];
        for (int i = 0; i < size / 2; i++) {
            cos[i] = Math.cos(2 * Math.PI * i / size);
            sin[i] = -Math.sin(2 * Math.PI * i / size);
        }
        // the twiddles of the butterflies spanning h lines, k = 0..h-1, at [h + k]: e^{-i pi k / h}
        twRe = new double[Math.max(1, size)];
        twIm = new double[Math.max(1, size)];
        for (int h = 1; h < size; h <<= 1) {
            int step = size / (2 * h);
            for (int k = 0; k < h; k++) {
                twRe[h + k] = cos[k * step];
                twIm[h + k] = sin[k * step];
            }
        }
    }

    public int size() {
        return size;
    }

    public void transform(double[] re, double[] im) {
        for (int i = 0; i < size; i++) {
            int j = bitrev[i];
            if (j > i) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        if (size >= 2) {
            // span 1: the only twiddle is 1
            for (int a = 0; a < size; a += 2) {
                double xr = re[a + 1];
                double xi = im[a + 1];
                re[a + 1] = re[a] - xr;
                im[a + 1] = im[a] - xi;
                re[a] += xr;
                im[a] += xi;
            }
        }
        if (size >= 4) {
            // span 2: twiddles 1 and (cos(pi/2), -1)
            double wr = twRe[3];
            double wi = twIm[3];
            for (int a = 0; a < size; a += 4) {
                double xr = re[a + 2];
                double xi = im[a + 2];
                re[a + 2] = re[a] - xr;
                im[a + 2] = im[a] - xi;
                re[a] += xr;
                im[a] += xi;
                int b = a + 3;
                xr = re[b] * wr - im[b] * wi;
                xi = re[b] * wi + im[b] * wr;
                re[b] = re[a + 1] - xr;
                im[b] = im[a + 1] - xi;
                re[a + 1] += xr;
                im[a + 1] += xi;
            }
        }
        int half = 4;
        // two spans per pass over the data: span h for lines (0, h) and (2h, 3h) of each 4h block,
        // then span 2h for (0, 2h) and (h, 3h), the same butterflies in the same order as one span a pass
        for (; 4 * half <= size; half <<= 2) {
            int h = half;
            for (int start = 0; start < size; start += 4 * h) {
                for (int k = 0; k < h; k++) {
                    double w1r = twRe[h + k];
                    double w1i = twIm[h + k];
                    int i0 = start + k;
                    int i1 = i0 + h;
                    int i2 = i1 + h;
                    int i3 = i2 + h;
                    double xr = re[i1] * w1r - im[i1] * w1i;
                    double xi = re[i1] * w1i + im[i1] * w1r;
                    double a0r = re[i0] + xr;
                    double a0i = im[i0] + xi;
                    double a1r = re[i0] - xr;
                    double a1i = im[i0] - xi;
                    xr = re[i3] * w1r - im[i3] * w1i;
                    xi = re[i3] * w1i + im[i3] * w1r;
                    double a2r = re[i2] + xr;
                    double a2i = im[i2] + xi;
                    double a3r = re[i2] - xr;
                    double a3i = im[i2] - xi;
                    double w2r = twRe[2 * h + k];
                    double w2i = twIm[2 * h + k];
                    xr = a2r * w2r - a2i * w2i;
                    xi = a2r * w2i + a2i * w2r;
                    re[i0] = a0r + xr;
                    im[i0] = a0i + xi;
                    re[i2] = a0r - xr;
                    im[i2] = a0i - xi;
                    double w3r = twRe[3 * h + k];
                    double w3i = twIm[3 * h + k];
                    xr = a3r * w3r - a3i * w3i;
                    xi = a3r * w3i + a3i * w3r;
                    re[i1] = a1r + xr;
                    im[i1] = a1i + xi;
                    re[i3] = a1r - xr;
                    im[i3] = a1i - xi;
                }
            }
        }
        for (; half < size; half <<= 1) {
            for (int start = 0; start < size; start += 2 * half) {
                for (int k = 0; k < half; k++) {
                    double wr = twRe[half + k];
                    double wi = twIm[half + k];
                    int a = start + k;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }
}
