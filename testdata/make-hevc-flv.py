#!/usr/bin/env python3
"""Writes HEVC-in-FLV test files from an MP4 (HEVC + AAC), because ffmpeg 5.1 writes neither layout.

Usage: make-hevc-flv.py IN.mp4 OUT-enhanced.flv OUT-id12.flv

It reads the MP4 only through ffprobe (-show_streams -show_packets -show_data -of json), so it shares
no code with liveloom. Both outputs carry an onMetaData script tag, the HEVC track (hvcC sequence
header, then every access unit as stored in the MP4: length-prefixed NAL units) and the AAC track
(AudioSpecificConfig, then raw frames):

  OUT-enhanced.flv  enhanced FLV (enhanced RTMP v1): IsExHeader, FourCC 'hvc1', PacketType
                    SequenceStart, CodedFrames with an SI24 composition time (CodedFramesX when it
                    is 0 for every other frame, so both packet types occur), SequenceEnd at the end
  OUT-id12.flv      the legacy layout with video codec id 12 (as AVC, but with an hvcC record)

Timestamps are the MP4's times in milliseconds, rounded, shifted so that the earliest DTS is 0 (the
MP4 starts at a negative DTS because of B-frames; FLV timestamps are unsigned). Tags are written in
DTS order; on equal DTS the MP4's packet order is kept.
"""
import json
import struct
import subprocess
import sys


def hexdump_bytes(dump):
    """Bytes of an ffprobe -show_data hex dump ("00000000: 0101 6000 ...  ascii")."""
    out = bytearray()
    for line in dump.splitlines():
        line = line.strip()
        if not line:
            continue
        hexpart = line.split(":", 1)[1][:40]
        out += bytes.fromhex(hexpart.replace(" ", ""))
    return bytes(out)


def amf_string(s):
    b = s.encode("utf-8")
    return struct.pack(">H", len(b)) + b


def amf_value(v):
    if isinstance(v, bool):
        return b"\x01" + (b"\x01" if v else b"\x00")
    if isinstance(v, (int, float)):
        return b"\x00" + struct.pack(">d", float(v))
    if isinstance(v, str):
        return b"\x02" + amf_string(v)
    raise ValueError(v)


def on_metadata(props):
    body = b"\x02" + amf_string("onMetaData")
    body += b"\x08" + struct.pack(">I", len(props))
    for k, v in props:
        body += amf_string(k) + amf_value(v)
    return body + b"\x00\x00\x09"


def tag(tag_type, ts_ms, body):
    if ts_ms < 0 or ts_ms > 0xFFFFFFFF:
        raise ValueError(ts_ms)
    header = bytes([tag_type]) + len(body).to_bytes(3, "big")
    header += (ts_ms & 0xFFFFFF).to_bytes(3, "big") + bytes([(ts_ms >> 24) & 0xFF]) + b"\x00\x00\x00"
    return header + body + struct.pack(">I", 11 + len(body))


def si24(v):
    return (v & 0xFFFFFF).to_bytes(3, "big")


def video_body(enhanced, key, kind, cts, data):
    """kind: 'start', 'frames' or 'end'."""
    frame_type = 1 if key else 2
    if enhanced:
        if kind == "start":
            return bytes([0x80 | (frame_type << 4) | 0]) + b"hvc1" + data
        if kind == "end":
            return bytes([0x80 | (frame_type << 4) | 2]) + b"hvc1"
        if cts == 0 and not key:
            return bytes([0x80 | (frame_type << 4) | 3]) + b"hvc1" + data
        return bytes([0x80 | (frame_type << 4) | 1]) + b"hvc1" + si24(cts) + data
    first = bytes([(frame_type << 4) | 12])
    if kind == "start":
        return first + b"\x00" + si24(0) + data
    if kind == "end":
        return first + b"\x02" + si24(0)
    return first + b"\x01" + si24(cts) + data


def audio_body(rate_code, stereo, seq, data):
    first = 0xA0 | (rate_code << 2) | 0x02 | (1 if stereo else 0)
    return bytes([first, 0 if seq else 1]) + data


def main():
    src, out_enhanced, out_id12 = sys.argv[1:4]
    probe = json.loads(
        subprocess.check_output(
            ["ffprobe", "-v", "error", "-show_streams", "-show_packets", "-show_data", "-of", "json", src]
        )
    )
    streams = probe["streams"]
    video = next(s for s in streams if s["codec_type"] == "video")
    audio = next(s for s in streams if s["codec_type"] == "audio")
    if video["codec_name"] != "hevc" or audio["codec_name"] != "aac":
        raise SystemExit("need HEVC + AAC, got %s + %s" % (video["codec_name"], audio["codec_name"]))
    hvcc = hexdump_bytes(video["extradata"])
    asc = hexdump_bytes(audio["extradata"])

    packets = []
    for i, p in enumerate(probe["packets"]):
        dts = round(float(p["dts_time"]) * 1000)
        pts = round(float(p["pts_time"]) * 1000)
        data = hexdump_bytes(p["data"])
        if len(data) != int(p["size"]):
            raise SystemExit("packet %d: hex dump has %d bytes, size %s" % (i, len(data), p["size"]))
        packets.append((dts, i, p["stream_index"] == video["index"], pts - dts, "K" in p["flags"], data))
    shift = -min(0, min(p[0] for p in packets))
    packets.sort(key=lambda p: (p[0], p[1]))
    last_ms = max(p[0] for p in packets) + shift

    rate = int(audio["sample_rate"])
    rate_code = {5500: 0, 11025: 1, 22050: 2, 44100: 3}.get(rate, 3)
    stereo = int(audio["channels"]) > 1
    for enhanced, out in ((True, out_enhanced), (False, out_id12)):
        meta = [
            ("duration", (last_ms + 40) / 1000.0),
            ("width", float(video["width"])),
            ("height", float(video["height"])),
            ("framerate", 25.0),
            ("videocodecid", float(0x68766331 if enhanced else 12)),
            ("audiosamplerate", float(rate)),
            ("audiosamplesize", 16.0),
            ("stereo", stereo),
            ("audiocodecid", 10.0),
            ("encoder", "make-hevc-flv.py"),
        ]
        f = bytearray(b"FLV\x01\x05" + struct.pack(">I", 9) + struct.pack(">I", 0))
        f += tag(18, 0, on_metadata(meta))
        f += tag(9, 0, video_body(enhanced, True, "start", 0, hvcc))
        f += tag(8, 0, audio_body(rate_code, stereo, True, asc))
        for dts, _, is_video, cts, key, data in packets:
            if is_video:
                f += tag(9, dts + shift, video_body(enhanced, key, "frames", cts, data))
            else:
                f += tag(8, dts + shift, audio_body(rate_code, stereo, False, data))
        f += tag(9, last_ms, video_body(enhanced, True, "end", 0, b""))
        with open(out, "wb") as fh:
            fh.write(f)


if __name__ == "__main__":
    main()
