package dev.liveloom.rtmp.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands a publishing or playing client and a server exchange, built the way ffmpeg and Flash
 * clients write them, so servers and CDNs that check the shape accept them.
 */
public final class Commands {
    private Commands() {}

    public static final String CONNECT = "connect";
    public static final String RESULT = "_result";
    public static final String ERROR = "_error";
    public static final String ON_STATUS = "onStatus";
    public static final String RELEASE_STREAM = "releaseStream";
    public static final String FC_PUBLISH = "FCPublish";
    public static final String FC_UNPUBLISH = "FCUnpublish";
    public static final String CREATE_STREAM = "createStream";
    public static final String DELETE_STREAM = "deleteStream";
    public static final String PUBLISH = "publish";
    public static final String PLAY = "play";
    public static final String CLOSE_STREAM = "closeStream";
    public static final String ON_FC_PUBLISH = "onFCPublish";
    public static final String SET_DATA_FRAME = "@setDataFrame";
    public static final String ON_METADATA = "onMetaData";

    /** The FourCCs liveloom announces in connect for enhanced RTMP. */
    public static final List<Object> FOURCC_LIST = List.of("hvc1", "avc1");

    /**
     * connect, with the enhanced-RTMP {@code fourCcList} when {@code enhanced}.
     *
     * @param publishing true for a publisher (ffmpeg sends type "nonprivate" then), false for a player
     */
    public static Command connect(String app, String tcUrl, boolean publishing, boolean enhanced) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("app", app);
        if (publishing) {
            o.put("type", "nonprivate");
        }
        o.put("flashVer", publishing ? "FMLE/3.0 (compatible; liveloom)" : "LNX 9,0,124,2");
        o.put("tcUrl", tcUrl);
        if (!publishing) {
            o.put("fpad", false);
            o.put("capabilities", 15.0);
            o.put("audioCodecs", 4071.0);
            o.put("videoCodecs", 252.0);
            o.put("videoFunction", 1.0);
        }
        if (enhanced) {
            o.put("fourCcList", FOURCC_LIST);
        }
        return new Command(CONNECT, 1, o, List.of());
    }

    public static Command releaseStream(double tx, String stream) {
        return new Command(RELEASE_STREAM, tx, null, List.of(stream));
    }

    public static Command fcPublish(double tx, String stream) {
        return new Command(FC_PUBLISH, tx, null, List.of(stream));
    }

    public static Command fcUnpublish(double tx, String stream) {
        return new Command(FC_UNPUBLISH, tx, null, List.of(stream));
    }

    public static Command createStream(double tx) {
        return new Command(CREATE_STREAM, tx, null, List.of());
    }

    public static Command deleteStream(double tx, int streamId) {
        return new Command(DELETE_STREAM, tx, null, List.of((double) streamId));
    }

    public static Command publish(double tx, String stream) {
        return new Command(PUBLISH, tx, null, List.of(stream, "live"));
    }

    /** play from the live edge (start -1000 as ffmpeg sends for live). */
    public static Command play(double tx, String stream) {
        return new Command(PLAY, tx, null, List.of(stream, -1000.0));
    }

    /** The server's answer to connect. */
    public static Command connectResult(double tx, boolean enhanced) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("fmsVer", "FMS/3,0,1,123");
        props.put("capabilities", 31.0);
        Map<String, Object> info = status("status", "NetConnection.Connect.Success", "Connection succeeded.");
        info.put("objectEncoding", 0.0);
        if (enhanced) {
            props.put("fourCcList", FOURCC_LIST);
        }
        return new Command(RESULT, tx, props, List.of(info));
    }

    /** A _result with a plain value (createStream's stream ID) or nothing. */
    public static Command result(double tx, Object value) {
        return new Command(RESULT, tx, null, value == null ? List.of() : List.of(value));
    }

    public static Command error(double tx, String code, String description) {
        return new Command(ERROR, tx, null, List.of(status("error", code, description)));
    }

    public static Command onStatus(String level, String code, String description) {
        return new Command(ON_STATUS, 0, null, List.of(status(level, code, description)));
    }

    /** An info object: level, code, description. */
    public static Map<String, Object> status(String level, String code, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", level);
        m.put("code", code);
        m.put("description", description);
        return m;
    }
}
