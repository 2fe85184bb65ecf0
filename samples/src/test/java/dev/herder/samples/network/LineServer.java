package dev.herder.samples.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Locale;

/** A real server on 127.0.0.1 for the functional tests: answers each line upper-cased, or (silent) never answers. */
final class LineServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread acceptor;

    private LineServer(boolean silent) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> serve(silent), "line-server-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static LineServer upperCasing() throws IOException {
        return new LineServer(false);
    }

    static LineServer silent() throws IOException {
        return new LineServer(true);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve(boolean silent) {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream()));
                String line = in.readLine();
                if (!silent && line != null) {
                    new PrintWriter(client.getOutputStream(), true).println(line.toUpperCase(Locale.ROOT));
                } else {
                    in.readLine();                       // hold the connection open without answering
                }
            } catch (IOException closed) {
                return;                                  // the test closed the server
            }
        }
    }

    @Override
    public void close() throws Exception {
        socket.close();
        acceptor.join(5_000);
    }
}
