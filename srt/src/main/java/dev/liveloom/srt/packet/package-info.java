/**
 * SRT packets: the 16-byte header, data packets and the control packets a receiver reads or writes
 * (ACK, ACKACK, NAK, keepalive, shutdown, drop request, KMREQ/KMRSP), each a record with a
 * {@code read}/{@code write} pair. Parsers are pure and throw {@link
 * dev.liveloom.core.media.MediaParseException} with layer names {@code srt data packet}, {@code srt
 * control packet}, {@code srt ack}, {@code srt nak}, ...
 */
package dev.liveloom.srt.packet;
