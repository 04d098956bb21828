/**
 * Our own H.264 encoder ({@link dev.liveloom.mixer.h264.H264Encoder}) behind {@link
 * dev.liveloom.mixer.VideoEncoder}; jcodec is used only as a decoder.
 */
package dev.liveloom.mixer.h264;
