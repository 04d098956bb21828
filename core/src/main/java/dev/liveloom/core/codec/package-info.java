/**
 * Codec configuration records and bitstream utilities, pure functions over bytes (no Netty, no I/O):
 * {@link dev.liveloom.core.codec.AvcDecoderConfigurationRecord} (avcC),
 * {@link dev.liveloom.core.codec.HevcDecoderConfigurationRecord} (hvcC),
 * {@link dev.liveloom.core.codec.AudioSpecificConfig}, {@link dev.liveloom.core.codec.Adts},
 * {@link dev.liveloom.core.codec.H264Sps} and {@link dev.liveloom.core.codec.H265Sps},
 * {@link dev.liveloom.core.codec.NalUnits}, and the bit cursor pair
 * {@link dev.liveloom.core.codec.BitReader}/{@link dev.liveloom.core.codec.BitWriter}.
 *
 * <p>Demuxers turn a record into a {@link dev.liveloom.core.media.TrackFormat} with
 * {@link dev.liveloom.core.codec.CodecConfigs#toFormat}. Errors are
 * {@link dev.liveloom.core.media.MediaParseException}s whose offset is relative to the structure
 * parsed (the record, or for SPS errors the RBSP after the NAL header with emulation prevention
 * removed); callers re-base them with {@code atOffset}.
 *
 * <p>Limits, each checked where the length or count is read: parameter sets up to
 * {@link dev.liveloom.core.codec.NalUnits#MAX_PARAMETER_SET_BYTES} (the 16-bit record lengths);
 * avcC holds up to 31 SPS and 255 PPS (its 5- and 8-bit counts); hvcC up to
 * {@link dev.liveloom.core.codec.HevcDecoderConfigurationRecord#MAX_NALS} NAL units over all arrays;
 * picture sides up to {@link dev.liveloom.core.codec.H264Sps#MAX_DIMENSION} /
 * {@link dev.liveloom.core.codec.H265Sps#MAX_DIMENSION}; Exp-Golomb codes up to 31 leading zeros; a
 * PCE has at most {@link dev.liveloom.core.codec.AudioSpecificConfig.ProgramConfig#MAX_ELEMENTS}
 * elements of each kind (4-bit counts) and a comment of at most 255 bytes, all of which must be
 * present; ADTS frames up to {@link dev.liveloom.core.codec.Adts#MAX_FRAME_LENGTH} bytes.
 */
package dev.liveloom.core.codec;
