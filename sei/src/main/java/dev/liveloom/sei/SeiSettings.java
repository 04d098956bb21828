package dev.liveloom.sei;

import java.util.Objects;
import java.util.UUID;

/**
 * What an {@link SeiInserter} inserts: up to two independent channels, LayoutVolume and PassThrough,
 * each with its own schedule and content. Immutable; {@link SeiInserter#update} swaps a whole settings
 * object. A channel object kept across an update (same instance, as {@link #toBuilder()} keeps it)
 * keeps its schedule state; a new channel object starts afresh (a send-once channel goes out again).
 */
public final class SeiSettings {
    /** user_data_unregistered UUID of the layout and volume SEI. */
    public static final UUID LAYOUT_VOLUME_UUID = UUID.fromString("78ddf909-6617-40c8-9273-b9181390d1b5");

    /** user_data_unregistered UUID of the pass-through SEI when it uses payload type 5. */
    public static final UUID PASS_THROUGH_UUID = UUID.fromString("097b8eee-823b-491c-ac5d-0ebc857784a9");

    /** No SEI at all. */
    public static final SeiSettings NONE = builder().build();

    /**
     * One channel: a schedule, the payload type (5 with {@code uuid}, or 100 to 254 raw) and the JSON
     * content (its {@code ts} is replaced by the inserter's clock at each insertion).
     */
    public record Channel(SeiSchedule schedule, int payloadType, UUID uuid, LayoutSei content) {
        public Channel {
            Objects.requireNonNull(schedule, "schedule");
            Objects.requireNonNull(content, "content");
            if (payloadType == SeiMessage.USER_DATA_UNREGISTERED) {
                Objects.requireNonNull(uuid, "uuid for payload type 5");
            } else if (payloadType < SeiMessage.MIN_CUSTOM_TYPE || payloadType > SeiMessage.MAX_CUSTOM_TYPE) {
                throw new IllegalArgumentException("SEI payload type " + payloadType + " (allowed 5, or "
                        + SeiMessage.MIN_CUSTOM_TYPE + " to " + SeiMessage.MAX_CUSTOM_TYPE + ")");
            } else {
                uuid = null;
            }
        }

        /** The LayoutVolume channel: payload type 5 with {@link #LAYOUT_VOLUME_UUID}. */
        public static Channel layoutVolume(SeiSchedule schedule, LayoutSei content) {
            return new Channel(schedule, SeiMessage.USER_DATA_UNREGISTERED, LAYOUT_VOLUME_UUID, content);
        }

        /**
         * The PassThrough channel: {@code payloadType} 100 to 254, or 5 (the seed's default) with
         * {@link #PASS_THROUGH_UUID}; {@code content} normally carries the pass-through member.
         */
        public static Channel passThrough(SeiSchedule schedule, int payloadType, LayoutSei content) {
            return new Channel(
                    schedule,
                    payloadType,
                    payloadType == SeiMessage.USER_DATA_UNREGISTERED ? PASS_THROUGH_UUID : null,
                    content);
        }
    }

    private final Channel layoutVolume;
    private final Channel passThrough;

    private SeiSettings(Builder b) {
        this.layoutVolume = b.layoutVolume;
        this.passThrough = b.passThrough;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().layoutVolume(layoutVolume).passThrough(passThrough);
    }

    /** The LayoutVolume channel, or null. */
    public Channel layoutVolume() {
        return layoutVolume;
    }

    /** The PassThrough channel, or null. */
    public Channel passThrough() {
        return passThrough;
    }

    @Override
    public String toString() {
        return "SeiSettings{layoutVolume=" + layoutVolume + ", passThrough=" + passThrough + '}';
    }

    public static final class Builder {
        private Channel layoutVolume;
        private Channel passThrough;

        private Builder() {}

        /** Sets or (null) removes the LayoutVolume channel. */
        public Builder layoutVolume(Channel c) {
            this.layoutVolume = c;
            return this;
        }

        /** Sets or (null) removes the PassThrough channel. */
        public Builder passThrough(Channel c) {
            this.passThrough = c;
            return this;
        }

        public SeiSettings build() {
            return new SeiSettings(this);
        }
    }
}
