package dev.liveloom.rtmp.internal.netty;

import io.netty.buffer.ByteBuf;

/**
 * Chunks already encoded for chunk stream {@code csid} with a full (type 0) first header, so they
 * depend on nothing sent before: the server encodes a published message once and writes a duplicate
 * to every player. {@link ChunkEncoderHandler} passes the bytes through and forgets its own header
 * state for that chunk stream.
 */
record PreEncoded(int csid, ByteBuf bytes) {}
