package dev.liveloom.testkit;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Setup of one {@link UdpImpairmentProxy} or {@link TcpImpairmentProxy}: where to listen, where to
 * forward, the seed and what to do to each direction. Immutable; built with {@link
 * #builder(InetSocketAddress)}.
 */
public final class ProxyConfig {
    private final InetSocketAddress upstream;
    private final InetSocketAddress bind;
    private final long seed;
    private final Impairments clientToServer;
    private final Impairments serverToClient;

    private ProxyConfig(Builder b) {
        this.upstream = Objects.requireNonNull(b.upstream, "upstream");
        this.bind = Objects.requireNonNull(b.bind, "bind");
        this.seed = b.seed;
        this.clientToServer = Objects.requireNonNull(b.clientToServer, "clientToServer");
        this.serverToClient = Objects.requireNonNull(b.serverToClient, "serverToClient");
    }

    /** A config forwarding to {@code upstream}, listening on an ephemeral loopback port. */
    public static Builder builder(InetSocketAddress upstream) {
        return new Builder(upstream);
    }

    public Builder toBuilder() {
        return new Builder(upstream)
                .bind(bind)
                .seed(seed)
                .clientToServer(clientToServer)
                .serverToClient(serverToClient);
    }

    public InetSocketAddress upstream() {
        return upstream;
    }

    public InetSocketAddress bind() {
        return bind;
    }

    public long seed() {
        return seed;
    }

    public Impairments impairments(Direction d) {
        return d == Direction.CLIENT_TO_SERVER ? clientToServer : serverToClient;
    }

    @Override
    public String toString() {
        return "ProxyConfig[" + bind + " -> " + upstream + ", seed " + seed + ", c->s " + clientToServer + ", s->c "
                + serverToClient + "]";
    }

    /** Builds a {@link ProxyConfig}. */
    public static final class Builder {
        private final InetSocketAddress upstream;
        private InetSocketAddress bind = new InetSocketAddress("127.0.0.1", 0);
        private long seed = 1;
        private Impairments clientToServer = Impairments.NONE;
        private Impairments serverToClient = Impairments.NONE;

        private Builder(InetSocketAddress upstream) {
            this.upstream = upstream;
        }

        /** Where the proxy listens; port 0 picks a free one. */
        public Builder bind(InetSocketAddress bind) {
            this.bind = bind;
            return this;
        }

        /** Seed of every random choice: the same seed and traffic give the same pattern. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder clientToServer(Impairments i) {
            this.clientToServer = i;
            return this;
        }

        public Builder serverToClient(Impairments i) {
            this.serverToClient = i;
            return this;
        }

        /** The same impairments both ways (each direction draws from its own random sequence). */
        public Builder both(Impairments i) {
            this.clientToServer = i;
            this.serverToClient = i;
            return this;
        }

        public ProxyConfig build() {
            return new ProxyConfig(this);
        }
    }
}
