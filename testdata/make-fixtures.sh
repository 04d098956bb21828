#!/usr/bin/env bash
# Regenerates the test media in testdata/media with ffmpeg (5.1 or later, with libx264, libx265,
# libvpx-vp9 and libmp3lame). The files are committed; run this only to change them, then
# regenerate the golden dumps with: mvn -B verify -Dliveloom.regenerate=true
# HEVC in FLV (enhanced FLV and the legacy codec id 12) is written by make-hevc-flv.py, because
# ffmpeg 5.1 writes neither.
set -euo pipefail
cd "$(dirname "$0")/media"
ff() { ffmpeg -hide_banner -loglevel error -y -fflags +bitexact "$@"; }
V="testsrc2=size=320x180:rate=25"
vid() { ff -f lavfi -i "$V:duration=${1}" -f lavfi -i "sine=frequency=${2}:sample_rate=${3}:duration=${1}" "${@:4}"; }
x264() { echo -c:v libx264 -preset veryfast -crf 34 -g 25 -profile:v "$1" -x264-params "bframes=$2:scenecut=0"; }

# H.264 profiles, moov at the end (ffmpeg's default) unless faststart
vid 2 440 44100 $(x264 baseline 0) -c:a aac -b:a 48k -ac 2 h264-baseline.mp4
vid 2 550 48000 $(x264 main 2) -c:a aac -b:a 32k -ac 1 -movflags +faststart h264-main-bframes.mp4
vid 2 660 32000 $(x264 high 3) -c:a aac -b:a 48k -ac 2 -movflags +faststart h264-high-bframes.mp4
# avc3 sample entry and ctts version 1 (negative composition offsets, no edit list)
vid 1 440 44100 $(x264 main 2) -tag:v avc3 -c:a aac -b:a 32k h264-avc3.mp4
vid 1 440 44100 $(x264 high 2) -c:a aac -b:a 32k -use_editlist 0 -movflags +negative_cts_offsets h264-ctts-v1.mp4
# HEVC, both sample entries
vid 1 440 22050 -c:v libx265 -preset ultrafast -x265-params log-level=error:bframes=2:keyint=25 -crf 36 -tag:v hvc1 -c:a aac -b:a 32k -ac 1 hevc-hvc1.mp4
vid 1 440 16000 -c:v libx265 -preset ultrafast -x265-params log-level=error:bframes=0:keyint=25 -crf 36 -tag:v hev1 -c:a aac -b:a 24k -ac 2 hevc-hev1.mp4
# fragmented MP4 (moof/traf/tfhd/trun/tfdt with trex defaults)
vid 2 440 44100 $(x264 main 2) -c:a aac -b:a 32k -movflags +frag_keyframe+empty_moov+default_base_moof h264-fragmented.mp4
# an edit list that starts mid-GOP: a copy cut half a second in
ff -ss 0.5 -i h264-high-bframes.mp4 -c copy -t 1 h264-editlist-cut.mp4
# AAC-only at every seed rate, mono and stereo
for r in 16000 22050 32000 44100 48000; do
  for c in 1 2; do
    ff -f lavfi -i "sine=frequency=1000:sample_rate=$r:duration=0.5" -c:a aac -b:a 32k -ac $c "aac-${r}-${c}ch.m4a"
  done
done
# FLV with onMetaData, H.264 with B-frames and AAC
vid 2 440 44100 $(x264 high 2) -c:a aac -b:a 32k -ac 2 -f flv h264-aac.flv
# an audio-only and a video-only FLV
ff -f lavfi -i "sine=frequency=1000:sample_rate=22050:duration=1" -c:a aac -b:a 32k -ac 1 -f flv aac-only.flv
ff -f lavfi -i "$V:duration=1" $(x264 baseline 0) -f flv h264-only.flv
# HEVC sources for the FLV writer script below
vid 1 440 44100 -c:v libx265 -preset ultrafast -x265-params log-level=error:bframes=2:keyint=25 -crf 36 -tag:v hvc1 -c:a aac -b:a 32k hevc-for-flv.mp4
# relay playlist items: another resolution and sample rate (the seed allows 16-44.1 kHz)
vid 2 550 22050 $(x264 main 0) -s 640x360 -c:a aac -b:a 32k -ac 1 -movflags +faststart relay-640x360-22k.mp4
# the demo's bundled items (cli resources): two resolutions, one MP4 and one FLV
mkdir -p ../../cli/src/main/resources/dev/liveloom/cli/demo
vid 3 440 44100 $(x264 main 2) -c:a aac -b:a 48k -ac 2 -movflags +faststart ../../cli/src/main/resources/dev/liveloom/cli/demo/item-320x180.mp4
vid 3 660 22050 $(x264 main 2) -s 480x270 -c:a aac -b:a 32k -ac 1 -f flv ../../cli/src/main/resources/dev/liveloom/cli/demo/item-480x270.flv
# unsupported codecs: VP9 video, MP3 audio
ff -f lavfi -i "$V:duration=0.4" -c:v libvpx-vp9 -b:v 100k -deadline realtime unsupported-vp9.mp4
ff -f lavfi -i "sine=frequency=1000:sample_rate=44100:duration=0.4" -c:a libmp3lame -b:a 32k unsupported-mp3.flv
# MPEG-TS (ffmpeg's muxer: PAT/PMT, PES with PTS/DTS, AAC as ADTS in bounded PES of several frames)
vid 2 440 44100 $(x264 high 2) -c:a aac -b:a 32k -ac 2 -f mpegts h264-aac.ts
vid 1 440 48000 -c:v libx265 -preset ultrafast -x265-params log-level=error:bframes=2:keyint=25 -crf 36 -c:a aac -b:a 32k -ac 1 -f mpegts hevc-aac.ts
# an MPEG-TS with a stream liveloom does not carry (MPEG-1 Layer II audio)
vid 0.4 440 44100 $(x264 baseline 0) -c:a mp2 -b:a 64k -f mpegts unsupported-mp2.ts
[ -f ../make-hevc-flv.py ] && python3 ../make-hevc-flv.py hevc-for-flv.mp4 hevc-enhanced.flv hevc-id12.flv
du -ch . | tail -1
