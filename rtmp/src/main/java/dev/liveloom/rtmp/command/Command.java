package dev.liveloom.rtmp.command;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.flv.amf0.Amf0Reader;
import dev.liveloom.flv.amf0.Amf0Writer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * An AMF0 command message (type 20): name, transaction ID, command object and arguments. Also the
 * shape of data messages (type 18), which have no transaction ID: use {@link #decodeData} and
 * {@link #encodeData}.
 *
 * @param name "connect", "_result", "onStatus", ...
 * @param transactionId the transaction ID (0 for onStatus and notifications)
 * @param commandObject the command object (a map) or null
 * @param arguments the further values
 */
public record Command(String name, double transactionId, Map<String, Object> commandObject, List<Object> arguments) {

    public Command {
        arguments = Collections.unmodifiableList(new ArrayList<>(arguments));
    }

    /** Decodes a command message payload. */
    public static Command decode(ByteBuffer payload) throws MediaParseException {
        List<Object> v = Amf0Reader.readAll(payload.duplicate());
        if (v.size() < 2 || !(v.get(0) instanceof String) || !(v.get(1) instanceof Double)) {
            throw MediaParseException.malformed("rtmp command", 0, "expected a name and a transaction ID");
        }
        Map<String, Object> obj = v.size() > 2 ? map(v.get(2)) : null;
        return new Command(
                (String) v.get(0), (Double) v.get(1), obj, v.size() > 3 ? v.subList(3, v.size()) : List.of());
    }

    /** The payload of this command. */
    public byte[] encode() {
        Amf0Writer w =
                new Amf0Writer().writeValue(name).writeValue(transactionId).writeValue(commandObject);
        for (Object a : arguments) {
            w.writeValue(a);
        }
        return w.toByteArray();
    }

    /** Decodes a data message (type 18): a name and values, e.g. @setDataFrame, onMetaData, {...}. */
    public static List<Object> decodeData(ByteBuffer payload) throws MediaParseException {
        return Amf0Reader.readAll(payload.duplicate());
    }

    public static byte[] encodeData(Object... values) {
        return Amf0Writer.encode(values);
    }

    /** The i-th argument if it is a map (the info object of _result/_error/onStatus), else null. */
    public Map<String, Object> infoArgument(int i) {
        return i < arguments.size() ? map(arguments.get(i)) : null;
    }

    /** The {@code code} of an onStatus/_error info object ("NetStream.Publish.Start"), or null. */
    public String statusCode() {
        Map<String, Object> info = infoArgument(0);
        Object c = info == null ? null : info.get("code");
        return c instanceof String s ? s : null;
    }

    /** The {@code description} of an info object, or null. */
    public String statusDescription() {
        Map<String, Object> info = infoArgument(0);
        Object c = info == null ? null : info.get("description");
        return c instanceof String s ? s : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        if (o instanceof dev.liveloom.flv.amf0.Amf0EcmaArray e) {
            return e.entries();
        }
        return null;
    }
}
