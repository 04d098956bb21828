/**
 * Fault injection for tests on kernels without {@code netem}: a seeded impairment proxy for UDP
 * ({@link dev.liveloom.testkit.UdpImpairmentProxy}) and TCP ({@link
 * dev.liveloom.testkit.TcpImpairmentProxy}).
 *
 * <pre>{@code
 * ProxyConfig config = ProxyConfig.builder(new InetSocketAddress("127.0.0.1", srtPort))
 *         .seed(42)
 *         .clientToServer(Impairments.builder()
 *                 .drop(0.05)
 *                 .burstLoss(GilbertElliott.gilbert(0.01, 0.25))
 *                 .delay(Duration.ofMillis(40), Duration.ofMillis(10))
 *                 .build())
 *         .build();
 * try (UdpImpairmentProxy proxy = UdpImpairmentProxy.start(config)) {
 *     // point the caller at proxy.port(); read proxy.stats(Direction.CLIENT_TO_SERVER) afterwards
 * }
 * }</pre>
 *
 * <p>Decisions come from {@link dev.liveloom.testkit.internal.ImpairmentModel}, which has no sockets
 * or clocks and can be driven in virtual time; the proxies only add Netty and the real clock.
 */
package dev.liveloom.testkit;
