/** Audio processing behind the public mixer API: the polyphase resampler behind {@link dev.liveloom.mixer.Resampler}. */
package dev.liveloom.mixer.audio.internal;
