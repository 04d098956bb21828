package dev.liveloom.mpu;

/**
 * An MPU API error as the seed defines it: a code ({@code InvalidParam}, {@code MissingParam},
 * {@code InvalidAppId}, {@code Forbidden}, {@code OperationDenied}, {@code InternalError}, and {@code
 * Throttling.User} for the per-caller call limit), its HTTP status, a message naming the parameter,
 * and the request ID of the call.
 */
public final class MpuException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The seed's error codes with their HTTP status. */
    public enum Code {
        INVALID_PARAM("InvalidParam", 400),
        MISSING_PARAM("MissingParam", 400),
        INVALID_APP_ID("InvalidAppId", 400),
        THROTTLING("Throttling.User", 400),
        FORBIDDEN("Forbidden", 403),
        OPERATION_DENIED("OperationDenied", 403),
        INTERNAL_ERROR("InternalError", 500);

        private final String id;
        private final int httpStatus;

        Code(String id, int httpStatus) {
            this.id = id;
            this.httpStatus = httpStatus;
        }

        /** The code as the API returns it ("InvalidParam"). */
        public String id() {
            return id;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Code code;
    private final String parameter;
    private final String requestId;

    public MpuException(Code code, String parameter, String message, String requestId) {
        super(message);
        this.code = code;
        this.parameter = parameter;
        this.requestId = requestId;
    }

    public Code code() {
        return code;
    }

    /** The parameter at fault (dotted path, "TranscodeParams.EncodeParams.VideoBitrate"), or null. */
    public String parameter() {
        return parameter;
    }

    public String requestId() {
        return requestId;
    }

    /** The same error, stamped with the request ID of the call that failed. */
    public MpuException withRequestId(String id) {
        return new MpuException(code, parameter, getMessage(), id);
    }
}
