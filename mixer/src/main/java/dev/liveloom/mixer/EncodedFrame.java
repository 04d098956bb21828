package dev.liveloom.mixer;

/**
 * One encoded access unit: NAL units each preceded by a 4-byte big-endian length (the form
 * {@code MediaPacket} carries and the avcC announces), and whether it is a keyframe (IDR).
 */
public final class EncodedFrame {
    private final byte[] data;
    private final boolean keyframe;

    public EncodedFrame(byte[] data, boolean keyframe) {
        this.data = data;
        this.keyframe = keyframe;
    }

    /** Length-prefixed NALs; the array belongs to the caller. */
    public byte[] data() {
        return data;
    }

    public boolean keyframe() {
        return keyframe;
    }

    /** The same NALs in Annex B form (4-byte start codes), e.g. for a raw .h264 file. */
    public byte[] toAnnexB() {
        byte[] out = data.clone();
        int p = 0;
        while (p + 4 <= out.length) {
            int n = ((out[p] & 0xff) << 24)
                    | ((out[p + 1] & 0xff) << 16)
                    | ((out[p + 2] & 0xff) << 8)
                    | (out[p + 3] & 0xff);
            out[p] = 0;
            out[p + 1] = 0;
            out[p + 2] = 0;
            out[p + 3] = 1;
            p += 4 + n;
        }
        return out;
    }
}
