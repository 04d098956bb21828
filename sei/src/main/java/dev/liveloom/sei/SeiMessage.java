package dev.liveloom.sei;

import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * One sei_message: a payload type and its payload bytes. For user_data_unregistered (payload type
 * {@value #USER_DATA_UNREGISTERED}) the first 16 payload bytes are the {@link #uuid()} and
 * {@link #data()} is what follows; for every other type {@link #uuid()} is null and {@link #data()} is
 * the whole payload. Immutable.
 */
public final class SeiMessage {
    /** payload_type of user_data_unregistered (H.264 D.1.6, H.265 D.2.7). */
    public static final int USER_DATA_UNREGISTERED = 5;

    /** Bytes of the uuid_iso_iec_11578 field that starts a user_data_unregistered payload. */
    public static final int UUID_BYTES = 16;

    /** Lowest and highest payload_type a custom (pass-through) message may use, as the seed allows. */
    public static final int MIN_CUSTOM_TYPE = 100;

    public static final int MAX_CUSTOM_TYPE = 254;

    private final int payloadType;
    private final UUID uuid;
    private final byte[] data;

    private SeiMessage(int payloadType, UUID uuid, byte[] data) {
        this.payloadType = payloadType;
        this.uuid = uuid;
        this.data = data;
    }

    /** A user_data_unregistered message: {@code uuid} then {@code data}. */
    public static SeiMessage userData(UUID uuid, byte[] data) {
        return new SeiMessage(USER_DATA_UNREGISTERED, Objects.requireNonNull(uuid, "uuid"), data.clone());
    }

    /**
     * A message of any payload type but {@value #USER_DATA_UNREGISTERED} with raw payload bytes (the
     * writer codes types of 255 and more with 0xFF runs).
     *
     * @throws IllegalArgumentException for type 5 (use {@link #userData}), a negative type or one
     *     above {@link SeiWriter#MAX_PAYLOAD_TYPE}
     */
    public static SeiMessage of(int payloadType, byte[] data) {
        if (payloadType == USER_DATA_UNREGISTERED) {
            throw new IllegalArgumentException("payload type 5 needs a UUID: use SeiMessage.userData");
        }
        if (payloadType < 0 || payloadType > SeiWriter.MAX_PAYLOAD_TYPE) {
            throw new IllegalArgumentException(
                    "payload type " + payloadType + " (allowed 0 to " + SeiWriter.MAX_PAYLOAD_TYPE + ")");
        }
        return new SeiMessage(payloadType, null, data.clone());
    }

    /** For the reader: takes ownership of {@code data}. */
    static SeiMessage wrap(int payloadType, UUID uuid, byte[] data) {
        return new SeiMessage(payloadType, uuid, data);
    }

    public int payloadType() {
        return payloadType;
    }

    /** The UUID of a user_data_unregistered message, else null. */
    public UUID uuid() {
        return uuid;
    }

    /** The payload after the UUID (type 5) or the whole payload (other types); a copy. */
    public byte[] data() {
        return data.clone();
    }

    /** Bytes of data() without copying. */
    public int dataLength() {
        return data.length;
    }

    byte[] dataRef() {
        return data;
    }

    /** payloadSize as coded: the UUID (type 5) plus the data. */
    public int payloadSize() {
        return (uuid != null ? UUID_BYTES : 0) + data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeiMessage m
                && payloadType == m.payloadType
                && Objects.equals(uuid, m.uuid)
                && Arrays.equals(data, m.data);
    }

    @Override
    public int hashCode() {
        return (payloadType * 31 + Objects.hashCode(uuid)) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "SeiMessage{type=" + payloadType + (uuid != null ? ", uuid=" + uuid : "") + ", " + data.length
                + " bytes}";
    }
}
