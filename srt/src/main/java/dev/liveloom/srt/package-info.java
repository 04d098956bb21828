/**
 * SRT (Secure Reliable Transport) live-mode receiver, caller or listener, carrying MPEG-TS, pure
 * Java on Netty UDP: {@link dev.liveloom.srt.SrtReceiver} for payloads, {@link
 * dev.liveloom.srt.SrtSource} (through {@link dev.liveloom.srt.SrtIoProvider} and {@code MediaIo})
 * for media packets.
 *
 * <h2>URLs</h2>
 *
 * As ffmpeg and srt-live-transmit write them (see {@link dev.liveloom.srt.SrtUrl}):
 * {@code srt://host:port?mode=caller|listener&streamid=…&passphrase=…&pbkeylen=16&latency=…}. A host
 * means caller, an empty host ({@code srt://:9000}) listener. {@code latency} is in milliseconds as
 * srt-live-transmit reads it (ffmpeg's own {@code latency} option is in microseconds). The passphrase
 * never appears in a message, log line or {@code toString}.
 *
 * <h2>Protocol</h2>
 *
 * Handshake v5 (libsrt 1.3 and later): the caller sends an HSv4-style induction and a conclusion
 * with HSREQ, KMREQ and the stream ID; the listener answers inductions with a stateless SYN cookie,
 * checks conclusions and refuses with libsrt's rejection codes (1010 wrong password, 1011
 * encryption on one side only, 1005 already connected). Latency is the larger of both sides'.
 * Connected: full ACK every 10 ms, RTT from ACKACK, NAK at once on a gap and again every
 * max((RTT + 4 RTTVar) / 2, 20 ms), payloads released in order at TSBPD time (base from the first
 * packet, following the sender's clock drift), a hole given up when the next packet is due
 * (too-late drop), sender drop requests honoured, keepalive after 1 s of silence, failure after the
 * peer idle timeout (5 s), SHUTDOWN sent on close and ending the stream when received (what is held
 * is delivered first). Encryption: AES-CTR with 16/24/32-byte keys, PBKDF2-HMAC-SHA1 key encrypting
 * key, RFC 3394 key wrap, even/odd key refresh through KMREQ/KMRSP control packets.
 *
 * <h2>Not supported</h2>
 *
 * Sending (this is a receiver), rendezvous mode, file (message/stream) transmission types,
 * AES-GCM ({@code cryptomode}), packet filters (FEC), bonding groups, HSv4-only peers.
 *
 * <h2>Limits</h2>
 *
 * Datagrams over 1500 bytes are dropped; the receive window is the flow window we announce
 * ({@code fc}, 8192 packets by default, at most 65536) and never grows from a peer's claims; a
 * handshake carries at most 16 extensions, a stream ID at most 512 bytes. Malformed datagrams are
 * counted ({@link dev.liveloom.srt.session.SrtStats#datagramsMalformed()}) and dropped.
 *
 * <h2>Threads</h2>
 *
 * One connection is one Netty datagram channel on the runtime's event loop group; its timers run on
 * that loop. Listeners are called there and must not block. {@code SrtSource} is safe to read from
 * another thread.
 */
package dev.liveloom.srt;
