/**
 * The SRT connection state machines, transport-neutral: a session takes datagrams and sends
 * datagrams through a callback, with every timer on an injected {@link
 * dev.liveloom.core.runtime.Scheduler}; the listener answers handshakes and creates sessions.
 */
package dev.liveloom.srt.session;
