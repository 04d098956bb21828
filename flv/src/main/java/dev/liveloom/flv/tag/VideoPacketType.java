package dev.liveloom.flv.tag;

/**
 * What a video tag body carries. Legacy AVC/HEVC bodies use the first three (AVCPacketType 0, 1, 2);
 * enhanced FLV adds {@link #CODED_FRAMES_X} and {@link #METADATA}; {@link #INFO} is a frame-type-5
 * (video info / command) tag, which carries no picture.
 */
public enum VideoPacketType {
    /** The decoder configuration record (avcC, hvcC): AVCPacketType 0, PacketTypeSequenceStart. */
    SEQUENCE_START(0),
    /** Coded pictures with a composition time offset: AVCPacketType 1, PacketTypeCodedFrames. */
    CODED_FRAMES(1),
    /** End of sequence: AVCPacketType 2, PacketTypeSequenceEnd. */
    SEQUENCE_END(2),
    /** Enhanced only: coded pictures whose composition time offset is 0 and not sent. */
    CODED_FRAMES_X(3),
    /** Enhanced only: AMF0 metadata about the video (colorInfo). */
    METADATA(4),
    /** Frame type 5: video info or command frame, no picture. */
    INFO(-1);

    private final int wire;

    VideoPacketType(int wire) {
        this.wire = wire;
    }

    /** The 4-bit PacketType (or AVCPacketType) value; -1 for {@link #INFO}. */
    public int wire() {
        return wire;
    }
}
