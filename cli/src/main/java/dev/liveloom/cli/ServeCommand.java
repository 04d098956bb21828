package dev.liveloom.cli;

import dev.liveloom.core.runtime.LiveloomRuntime;
import dev.liveloom.rtmp.RtmpServer;
import dev.liveloom.rtmp.RtmpServerConfig;
import dev.liveloom.rtmp.RtmpServerListener;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code liveloom serve [--port 1935] [--bind 127.0.0.1]}: the embedded RTMP server. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the embedded RTMP server until Ctrl-C.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", description = "TCP port (default 1935).")
    int port = 1935;

    @Option(names = "--bind", description = "Address to listen on (default 127.0.0.1).")
    String bind = "127.0.0.1";

    @Override
    public Integer call() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        try (LiveloomRuntime rt = LiveloomRuntime.builder().daemon(false).build();
                RtmpServer server = RtmpServer.start(
                        RtmpServerConfig.defaults()
                                .withPort(port)
                                .withBindHost(bind)
                                .withListener(new Log()),
                        rt.eventLoopGroup())) {
            System.out.println("liveloom serve: listening on rtmp://" + bind + ":" + server.port()
                    + "/  (publish to rtmp://" + bind + ":" + server.port() + "/APP/STREAM)");
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return 0;
    }

    /** One line per publisher and player. */
    static final class Log implements RtmpServerListener {
        @Override
        public void publishStarted(String key) {
            System.out.println("publish started  " + key);
        }

        @Override
        public void publishStopped(String key) {
            System.out.println("publish stopped  " + key);
        }

        @Override
        public void playStarted(String key) {
            System.out.println("play started     " + key);
        }

        @Override
        public void playStopped(String key, String reason) {
            System.out.println("play stopped     " + key + " (" + reason + ")");
        }
    }
}
