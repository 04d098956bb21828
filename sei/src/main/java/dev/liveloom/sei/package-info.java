/**
 * SEI for H.264 and H.265: {@link dev.liveloom.sei.SeiWriter} / {@link dev.liveloom.sei.SeiReader} for
 * SEI NAL units (user_data_unregistered and custom payload types, emulation prevention),
 * {@link dev.liveloom.sei.LayoutSei} for the MPU layout and volume JSON, and
 * {@link dev.liveloom.sei.SeiInserter}, the pipeline stage that puts them into access units on the
 * schedules of {@link dev.liveloom.sei.SeiSettings} (the seed's SeiParams: LayoutVolume and
 * PassThrough, each with Interval and FollowIdr).
 *
 * <p>Limits: payload_type up to {@link dev.liveloom.sei.SeiWriter#MAX_PAYLOAD_TYPE}, payload_size up to
 * {@link dev.liveloom.sei.SeiWriter#MAX_PAYLOAD_BYTES} and never more than the bytes present. Reader
 * errors are {@link dev.liveloom.core.media.MediaParseException}s with layer {@code "h264 sei"} or
 * {@code "h265 sei"} and the offset within the NAL unit.
 */
package dev.liveloom.sei;
