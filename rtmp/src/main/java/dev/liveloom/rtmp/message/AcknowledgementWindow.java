package dev.liveloom.rtmp.message;

/**
 * Receive-side acknowledgement bookkeeping: counts the bytes taken from the peer and says when an
 * {@link Acknowledgement} is due (each time another window's worth has arrived since the last one).
 * Pure and single-threaded: the caller feeds byte counts and sends what it is told to.
 */
public final class AcknowledgementWindow {
    private long windowSize;
    private long received;
    private long lastAcked;

    /** @param windowSize bytes between acknowledgements; 0 means the peer asked for none yet */
    public AcknowledgementWindow(long windowSize) {
        setWindowSize(windowSize);
    }

    /** Applies a WindowAcknowledgementSize from the peer. */
    public void setWindowSize(long windowSize) {
        if (windowSize < 0 || windowSize > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("window size " + windowSize + " outside 0..2^32-1");
        }
        this.windowSize = windowSize;
    }

    public long windowSize() {
        return windowSize;
    }

    /** Total bytes received (not wrapped). */
    public long received() {
        return received;
    }

    /**
     * Counts {@code bytes} more received and returns the acknowledgement to send now, or null when
     * none is due. At most one acknowledgement is returned per call even if several windows passed.
     */
    public Acknowledgement onReceived(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative byte count " + bytes);
        }
        received += bytes;
        if (windowSize > 0 && received - lastAcked >= windowSize) {
            lastAcked = received;
            return new Acknowledgement(received & 0xFFFF_FFFFL);
        }
        return null;
    }
}
