package dev.liveloom.ts.internal;

/** What the demuxer does with the payloads of one PID; it also keeps that PID's continuity counter. */
public abstract class PidHandler {
    /** The last continuity counter seen, -1 before the first packet or after a discontinuity. */
    public int lastCc = -1;

    public final int pid;

    protected PidHandler(int pid) {
        this.pid = pid;
    }

    /**
     * One packet's payload {@code b[off, off+len)} (a view: copy what you keep); {@code start} is
     * payload_unit_start_indicator, {@code randomAccess} the adaptation field's random_access_indicator.
     */
    public abstract void payload(byte[] b, int off, int len, boolean start, long offset, boolean randomAccess);

    /** Packets were lost or damaged: drop what is in progress, saying why. */
    public abstract void lose(long offset, String reason);

    /** The stream ended: finish or drop what is in progress. */
    public void finish() {}
}
