/**
 * The live receiver's window and timing, pure with times passed in: 31-bit sequence arithmetic,
 * the bounded receive ring (loss list, release at delivery time, too-late drop) and TSBPD.
 */
package dev.liveloom.srt.buffer;
