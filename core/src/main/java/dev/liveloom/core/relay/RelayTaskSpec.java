package dev.liveloom.core.relay;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a relay task does: the seed's task parameters. Immutable; build with {@link #builder()}.
 * Validation happens when the task is created or updated ({@link RelayService}), so a spec can be
 * built in steps.
 */
public final class RelayTaskSpec {
    /** {@link #playbackTimes()} value for an infinite loop. */
    public static final int INFINITE = -1;

    private final String name;
    private final Region region;
    private final Instant startTime;
    private final Instant endTime;
    private final String callbackUrl;
    private final SourceType sourceType;
    private final List<String> sources;
    private final int playbackTimes;
    private final String destinationUrl;

    private RelayTaskSpec(Builder b) {
        this.name = b.name;
        this.region = b.region;
        this.startTime = b.startTime;
        this.endTime = b.endTime;
        this.callbackUrl = b.callbackUrl;
        this.sourceType = b.sourceType;
        this.sources = b.sources == null ? List.of() : List.copyOf(b.sources);
        this.playbackTimes = b.playbackTimes;
        this.destinationUrl = b.destinationUrl;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .name(name)
                .region(region)
                .startTime(startTime)
                .endTime(endTime)
                .callbackUrl(callbackUrl)
                .sources(sourceType, sources)
                .playbackTimes(playbackTimes)
                .destinationUrl(destinationUrl);
    }

    public String name() {
        return name;
    }

    public Region region() {
        return region;
    }

    /** When the task starts by itself; null to start as soon as it is created. */
    public Instant startTime() {
        return startTime;
    }

    /** When the task ends by itself; null for no end. */
    public Instant endTime() {
        return endTime;
    }

    public String callbackUrl() {
        return callbackUrl;
    }

    public SourceType sourceType() {
        return sourceType;
    }

    /** URLs (LIVE, VIDEO_URL) or media asset IDs (VOD), in play order. */
    public List<String> sources() {
        return sources;
    }

    /** How many times the playlist plays: at least 1, or {@link #INFINITE}. */
    public int playbackTimes() {
        return playbackTimes;
    }

    /** The RTMP(S) ingest URL the task pushes to. */
    public String destinationUrl() {
        return destinationUrl;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RelayTaskSpec)) {
            return false;
        }
        RelayTaskSpec s = (RelayTaskSpec) o;
        return playbackTimes == s.playbackTimes
                && Objects.equals(name, s.name)
                && region == s.region
                && Objects.equals(startTime, s.startTime)
                && Objects.equals(endTime, s.endTime)
                && Objects.equals(callbackUrl, s.callbackUrl)
                && sourceType == s.sourceType
                && sources.equals(s.sources)
                && Objects.equals(destinationUrl, s.destinationUrl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, region, startTime, endTime, sourceType, sources, destinationUrl);
    }

    /** Builds a {@link RelayTaskSpec}. */
    public static final class Builder {
        private String name;
        private Region region = Region.CN_SHANGHAI;
        private Instant startTime;
        private Instant endTime;
        private String callbackUrl;
        private SourceType sourceType;
        private List<String> sources;
        private int playbackTimes = 1;
        private String destinationUrl;

        private Builder() {}

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder region(Region region) {
            this.region = region;
            return this;
        }

        public Builder startTime(Instant startTime) {
            this.startTime = startTime;
            return this;
        }

        public Builder endTime(Instant endTime) {
            this.endTime = endTime;
            return this;
        }

        public Builder callbackUrl(String callbackUrl) {
            this.callbackUrl = callbackUrl;
            return this;
        }

        /** The source type and its sources (URLs or asset IDs) together, as the seed edits them. */
        public Builder sources(SourceType type, List<String> sources) {
            this.sourceType = type;
            this.sources = sources;
            return this;
        }

        public Builder playbackTimes(int playbackTimes) {
            this.playbackTimes = playbackTimes;
            return this;
        }

        public Builder loopForever() {
            return playbackTimes(INFINITE);
        }

        public Builder destinationUrl(String destinationUrl) {
            this.destinationUrl = destinationUrl;
            return this;
        }

        public RelayTaskSpec build() {
            return new RelayTaskSpec(this);
        }
    }
}
