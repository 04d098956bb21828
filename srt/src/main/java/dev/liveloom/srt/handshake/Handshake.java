package dev.liveloom.srt.handshake;

import static dev.liveloom.srt.packet.SrtPackets.readInt;
import static dev.liveloom.srt.packet.SrtPackets.writeInt;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.srt.packet.ControlPacket;
import dev.liveloom.srt.packet.ControlType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The handshake control packet's CIF: 48 fixed bytes (version, encryption field, extension field,
 * initial sequence number, MTU, flow window, handshake type, socket id, SYN cookie, peer IP) and, in
 * an HSv5 conclusion, extension blocks.
 *
 * <p>The encryption field says the key length of the advertised cipher (2, 3, 4 for AES-128/192/256;
 * 0 none). The extension field is 2 (UDT_DGRAM) in an HSv4-style induction request, the SRT magic
 * 0x4A17 in the induction response, and the HS_EXT flags (HSREQ 1, KMREQ 2, CONFIG 4) in a
 * conclusion. The peer IP is written the way libsrt writes it: each 32-bit word of the address in
 * host (little-endian) order, so IPv4 127.0.0.1 goes out as {@code 01 00 00 7f 00 ...}.
 */
public record Handshake(
        int version,
        int encryptionField,
        int extensionField,
        int initialSequence,
        int mtu,
        int flowWindow,
        int type,
        int socketId,
        int cookie,
        byte[] peerIp,
        List<HandshakeExtension> extensions) {

    /** Bytes of the fixed part. */
    public static final int FIXED_SIZE = 48;
    /** The extension field of an induction response: "SRT" magic. */
    public static final int SRT_MAGIC = 0x4A17;
    /** The extension field of an HSv4 induction request: socket type UDT_DGRAM. */
    public static final int UDT_DGRAM = 2;

    public static final int EXT_HSREQ = 1;
    public static final int EXT_KMREQ = 2;
    public static final int EXT_CONFIG = 4;

    /**
     * Extension blocks read from one handshake: libsrt sends at most HSREQ, KMREQ, SID, congestion,
     * filter and group, so more than 16 is not a real peer.
     */
    public static final int MAX_EXTENSIONS = 16;

    private static final String LAYER = "srt handshake";

    public Handshake {
        if (peerIp.length != 16) {
            throw new IllegalArgumentException("peer IP field is 16 bytes, not " + peerIp.length);
        }
        if ((encryptionField & ~0xFFFF) != 0 || (extensionField & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("encryption and extension fields are 16 bits");
        }
        extensions = List.copyOf(extensions);
    }

    /** Parses the CIF of a handshake control packet. */
    public static Handshake read(ControlPacket p) throws MediaParseException {
        if (p.type() != ControlType.HANDSHAKE) {
            throw MediaParseException.malformed(LAYER, 0, "not a handshake: " + ControlType.name(p.type()));
        }
        return read(p.cif());
    }

    /** Parses a handshake CIF. */
    public static Handshake read(byte[] cif) throws MediaParseException {
        if (cif.length < FIXED_SIZE) {
            throw MediaParseException.truncated(LAYER, 0, cif.length + " bytes, needs " + FIXED_SIZE);
        }
        int w1 = readInt(cif, 4);
        List<HandshakeExtension> ext = new ArrayList<>();
        int at = FIXED_SIZE;
        while (at + 4 <= cif.length) {
            if (ext.size() == MAX_EXTENSIONS) {
                throw MediaParseException.malformed(LAYER, at, "more than " + MAX_EXTENSIONS + " extensions");
            }
            int head = readInt(cif, at);
            int bytes = (head & 0xFFFF) * 4;
            if (bytes > cif.length - at - 4) {
                throw MediaParseException.truncated(
                        LAYER, at, "extension " + (head >>> 16) + " of " + bytes + " bytes past the end");
            }
            ext.add(new HandshakeExtension(head >>> 16, Arrays.copyOfRange(cif, at + 4, at + 4 + bytes)));
            at += 4 + bytes;
        }
        return new Handshake(
                readInt(cif, 0),
                w1 >>> 16,
                w1 & 0xFFFF,
                readInt(cif, 8),
                readInt(cif, 12),
                readInt(cif, 16),
                readInt(cif, 20),
                readInt(cif, 24),
                readInt(cif, 28),
                Arrays.copyOfRange(cif, 32, 48),
                ext);
    }

    /** The CIF bytes. */
    public byte[] write() {
        int size = FIXED_SIZE;
        for (HandshakeExtension e : extensions) {
            size += 4 + e.content().length;
        }
        byte[] b = new byte[size];
        writeInt(b, 0, version);
        writeInt(b, 4, (encryptionField << 16) | extensionField);
        writeInt(b, 8, initialSequence);
        writeInt(b, 12, mtu);
        writeInt(b, 16, flowWindow);
        writeInt(b, 20, type);
        writeInt(b, 24, socketId);
        writeInt(b, 28, cookie);
        System.arraycopy(peerIp, 0, b, 32, 16);
        int at = FIXED_SIZE;
        for (HandshakeExtension e : extensions) {
            writeInt(b, at, (e.type() << 16) | (e.content().length / 4));
            System.arraycopy(e.content(), 0, b, at + 4, e.content().length);
            at += 4 + e.content().length;
        }
        return b;
    }

    public ControlPacket toPacket(int timestamp, int destinationSocketId) {
        return ControlPacket.of(ControlType.HANDSHAKE, 0, timestamp, destinationSocketId, write());
    }

    /** The first extension of {@code type}, or null. */
    public HandshakeExtension extension(int extType) {
        for (HandshakeExtension e : extensions) {
            if (e.type() == extType) {
                return e;
            }
        }
        return null;
    }

    /** The handshake with other extensions. */
    public Handshake withExtensions(int newExtensionField, List<HandshakeExtension> newExtensions) {
        return new Handshake(
                version,
                encryptionField,
                newExtensionField,
                initialSequence,
                mtu,
                flowWindow,
                type,
                socketId,
                cookie,
                peerIp,
                newExtensions);
    }

    /** The peer IP field for {@code address}, as libsrt writes it. */
    public static byte[] peerIpField(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] out = new byte[16];
        for (int w = 0; w < a.length / 4; w++) {
            for (int i = 0; i < 4; i++) {
                out[w * 4 + i] = a[w * 4 + 3 - i];
            }
        }
        return out;
    }

    /** The address in a peer IP field: IPv4 when words 1-3 are zero, else IPv6. */
    public static InetAddress peerIpAddress(byte[] field) {
        boolean v4 = true;
        for (int i = 4; i < 16; i++) {
            v4 &= field[i] == 0;
        }
        byte[] a = new byte[v4 ? 4 : 16];
        for (int w = 0; w < a.length / 4; w++) {
            for (int i = 0; i < 4; i++) {
                a[w * 4 + i] = field[w * 4 + 3 - i];
            }
        }
        try {
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Handshake h
                && h.version == version
                && h.encryptionField == encryptionField
                && h.extensionField == extensionField
                && h.initialSequence == initialSequence
                && h.mtu == mtu
                && h.flowWindow == flowWindow
                && h.type == type
                && h.socketId == socketId
                && h.cookie == cookie
                && Arrays.equals(h.peerIp, peerIp)
                && h.extensions.equals(extensions);
    }

    @Override
    public int hashCode() {
        return socketId * 31 + type;
    }

    @Override
    public String toString() {
        return "Handshake[v" + version + ", " + HandshakeType.name(type) + ", enc=" + encryptionField + ", ext=0x"
                + Integer.toHexString(extensionField) + ", isn=" + initialSequence + ", mtu=" + mtu + ", fw="
                + flowWindow + ", socket=" + socketId + ", cookie=0x" + Integer.toHexString(cookie) + ", extensions="
                + extensions + "]";
    }
}
