/**
 * The SRT handshake control information (48 fixed bytes and HSv5 extension blocks): HSREQ/HSRSP,
 * the stream ID (with libsrt's reversed 4-byte words), key material carried raw, rejection codes.
 */
package dev.liveloom.srt.handshake;
