package dev.liveloom.ts.internal;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.ts.TsListener;
import dev.liveloom.ts.psi.SectionAssembler;
import java.util.Arrays;

/** A PID carrying PAT or PMT sections: reassembles them and hands on each section that changed. */
public final class PsiHandler extends PidHandler implements SectionAssembler.Sink {
    /** Receives a whole section; {@code offset} is where the packet completing it starts. */
    public interface Sections {
        void section(int pid, byte[] b, int off, int len, long offset) throws MediaParseException;
    }

    private final SectionAssembler assembler = new SectionAssembler(this);
    private final Sections target;
    private final TsListener listener;
    private byte[] last = new byte[0];
    private long offset;

    public PsiHandler(int pid, Sections target, TsListener listener) {
        super(pid);
        this.target = target;
        this.listener = listener;
    }

    @Override
    public void payload(byte[] b, int off, int len, boolean start, long offset, boolean randomAccess) {
        this.offset = offset;
        assembler.payload(b, off, len, start);
    }

    @Override
    public void lose(long offset, String reason) {
        assembler.reset();
    }

    @Override
    public void section(byte[] b, int off, int len) {
        // tables repeat every 100 ms or so: skip a section identical to the last good one
        if (Arrays.equals(b, off, off + len, last, 0, last.length)) {
            return;
        }
        try {
            target.section(pid, b, off, len, offset);
            last = Arrays.copyOfRange(b, off, off + len);
        } catch (MediaParseException e) {
            listener.malformed(e.atOffset(offset));
        }
    }

    @Override
    public void error(MediaParseException e) {
        listener.malformed(e.atOffset(offset));
    }

    /** Forgets the last section so that the next one is read even if identical. */
    public void forget() {
        last = new byte[0];
    }
}
