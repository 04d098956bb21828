package dev.liveloom.mixer;

import java.util.Objects;

/**
 * One planar 4:2:0 picture with 8-bit samples: a luma plane of {@code width x height} and two chroma
 * planes of {@code ceil(width / 2) x ceil(height / 2)}, each with its own stride (bytes per row).
 * The arrays are shared, not copied: the caller must not change them while a consumer reads them.
 */
public final class YuvFrame {
    /** Largest width or height accepted; H.264 level 6.2 tops out at 8192 x 4320. */
    public static final int MAX_DIMENSION = 8192;

    private final int width;
    private final int height;
    private final byte[] y;
    private final byte[] u;
    private final byte[] v;
    private final int yStride;
    private final int uStride;
    private final int vStride;

    public YuvFrame(int width, int height, byte[] y, int yStride, byte[] u, int uStride, byte[] v, int vStride) {
        if (width < 1 || height < 1 || width > MAX_DIMENSION || height > MAX_DIMENSION) {
            throw new IllegalArgumentException(
                    "frame size " + width + "x" + height + " outside 1.." + MAX_DIMENSION + " per side");
        }
        int cw = (width + 1) / 2;
        int ch = (height + 1) / 2;
        check("y", y, yStride, width, height);
        check("u", u, uStride, cw, ch);
        check("v", v, vStride, cw, ch);
        this.width = width;
        this.height = height;
        this.y = y;
        this.u = u;
        this.v = v;
        this.yStride = yStride;
        this.uStride = uStride;
        this.vStride = vStride;
    }

    /** A frame with tightly packed planes ({@code stride == plane width}). */
    public static YuvFrame allocate(int width, int height) {
        int cw = (width + 1) / 2;
        int ch = (height + 1) / 2;
        return new YuvFrame(
                width, height, new byte[width * height], width, new byte[cw * ch], cw, new byte[cw * ch], cw);
    }

    private static void check(String plane, byte[] data, int stride, int w, int h) {
        Objects.requireNonNull(data, plane);
        if (stride < w) {
            throw new IllegalArgumentException(plane + " stride " + stride + " < plane width " + w);
        }
        if ((long) stride * (h - 1) + w > data.length) {
            throw new IllegalArgumentException(
                    plane + " plane needs " + ((long) stride * (h - 1) + w) + " bytes, has " + data.length);
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int chromaWidth() {
        return (width + 1) / 2;
    }

    public int chromaHeight() {
        return (height + 1) / 2;
    }

    public byte[] y() {
        return y;
    }

    public byte[] u() {
        return u;
    }

    public byte[] v() {
        return v;
    }

    public int yStride() {
        return yStride;
    }

    public int uStride() {
        return uStride;
    }

    public int vStride() {
        return vStride;
    }
}
