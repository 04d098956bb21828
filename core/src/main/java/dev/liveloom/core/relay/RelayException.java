package dev.liveloom.core.relay;

/** A relay-task request that cannot be carried out: bad parameter, unknown task, wrong state, quota. */
public final class RelayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of refusal. */
    public enum Code {
        INVALID_PARAMETER,
        NOT_FOUND,
        INVALID_STATE,
        QUOTA_EXCEEDED
    }

    private final Code code;
    private final String parameter;

    public RelayException(Code code, String parameter, String message) {
        super(parameter == null ? message : parameter + ": " + message);
        this.code = code;
        this.parameter = parameter;
    }

    public Code code() {
        return code;
    }

    /** The parameter at fault, or null when the refusal is not about one parameter. */
    public String parameter() {
        return parameter;
    }
}
