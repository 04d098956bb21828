/**
 * MP4 (ISO BMFF) demuxing: {@link dev.liveloom.mp4.Mp4Demuxer}, found through {@link
 * dev.liveloom.mp4.Mp4DemuxerProvider}. Box structures with their read/write pairs live in {@code
 * box}; sample tables, the edit-list index and the fragment reader in {@code internal}.
 *
 * <h2>Timestamps: what mirrors ffprobe (ffmpeg 5.1) and what does not</h2>
 *
 * <p>Mirrored, and checked packet by packet against {@code ffprobe -show_packets} for every fixture
 * (dts and pts within 1 ms, key flags, sizes): edit lists as {@code mov_fix_index} applies them
 * (negative first dts with B-frames, AAC priming packets before zero, copy cuts starting mid-GOP
 * whose earlier packets are still returned, empty edits delaying a track, multiple edits);
 * {@code ctts} version 0 and 1 with ffmpeg's dts shift (including its quirk of not counting the last
 * two ctts entries); an empty {@code stss} meaning no sync samples; samples without a ctts entry
 * getting pts = dts; fragment decode times from {@code tfdt} minus the edit list offset; fragment key
 * flags from {@code sample_is_non_sync_sample} and {@code sample_depends_on}.
 *
 * <p>Not mirrored:
 *
 * <ul>
 *   <li>ffprobe marks packets outside an edit with a discard flag; {@code MediaPacket} has no such
 *       flag, so they are returned like any other packet (with ffprobe's timestamps).
 *   <li>Track indices count only video and sound tracks; ffprobe also counts text, timecode and data
 *       tracks, so its stream indices differ when a file has them before an A/V track.
 *   <li>Tracks are interleaved by decode time (ties by file offset); ffmpeg prefers file order for
 *       samples less than a second apart. Per track the order is identical.
 *   <li>A sample cut off by the end of the file is a TRUNCATED error; ffmpeg returns the partial
 *       packet.
 *   <li>Negative composition offsets in fragments ({@code trun} version 1) give pts = dts + offset;
 *       ffmpeg raises its dts shift as it meets them.
 *   <li>Only the first sample description of {@code stsd} is used.
 * </ul>
 */
package dev.liveloom.mp4;
