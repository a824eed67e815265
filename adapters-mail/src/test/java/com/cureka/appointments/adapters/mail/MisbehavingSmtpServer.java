package com.cureka.appointments.adapters.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server (RFC 5321, the few commands Angus Mail sends) that fails on purpose at one point of the session:
 * the faults GreenMail cannot stage. It speaks plainly up to {@link Fault#point}, then misbehaves there.
 */
final class MisbehavingSmtpServer implements AutoCloseable {
    enum Fault {
        /** Greets, then never answers EHLO: a server that hangs mid-session. */
        SILENT_AFTER_GREETING,
        /** Answers {@code 451} to the end of DATA: the message was not taken, try later. */
        TEMPORARY_FAILURE_AFTER_DATA,
        /** Takes the message ({@code 250} after DATA), then hangs up without answering QUIT. */
        HANGS_UP_ON_QUIT,
        /** Takes the message, then never answers QUIT. */
        SILENT_ON_QUIT
    }

    private final ServerSocket socket;
    private final Fault fault;
    private final AtomicInteger accepted = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);

    MisbehavingSmtpServer(Fault fault) throws IOException {
        this.fault = fault;
        this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::serve);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** How many messages this server answered {@code 250} after their DATA. */
    int messagesAccepted() {
        return accepted.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                var client = socket.accept();
                Thread.ofVirtual().start(() -> session(client));
            } catch (IOException closedNow) {
                return;
            }
        }
    }

    private void session(Socket client) {
        try (client;
                var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                var out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII)) {
            reply(out, "220 misbehaving.test ESMTP");
            for (String line; (line = in.readLine()) != null; ) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO", "HELO" -> {
                        if (fault == Fault.SILENT_AFTER_GREETING) {
                            closed.await();
                            return;
                        }
                        reply(out, "250 misbehaving.test");
                    }
                    case "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        for (String data; (data = in.readLine()) != null && !data.equals("."); ) {
                            // the message itself is of no interest here
                        }
                        if (fault == Fault.TEMPORARY_FAILURE_AFTER_DATA) {
                            reply(out, "451 4.3.0 Try again later");
                        } else {
                            accepted.incrementAndGet();
                            reply(out, "250 2.0.0 queued");
                        }
                    }
                    case "QUIT" -> {
                        if (fault == Fault.HANGS_UP_ON_QUIT) {
                            return;
                        }
                        if (fault == Fault.SILENT_ON_QUIT) {
                            closed.await();
                            return;
                        }
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 Command not implemented");
                }
            }
        } catch (IOException | InterruptedException ignored) {
            // the client went away: the session is over
        }
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        socket.close();
    }
}
