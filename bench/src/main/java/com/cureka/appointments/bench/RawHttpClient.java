package com.cureka.appointments.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client for the load: one keep-alive socket per connection, the request written in one go,
 * the answer read by {@code Content-Length} or chunked encoding. No redirects, no compression (it asks for none),
 * no TLS: it talks to the app on the loopback only. A connection that failed or that the server closes is opened
 * again for the next request; a failed request is never sent twice.
 */
final class RawHttpClient implements HttpTransport {
    private final String host;
    private final int port;
    private final String hostHeader;

    RawHttpClient(String host, int port) {
        this.host = host;
        this.port = port;
        this.hostHeader = host + ":" + port;
    }

    @Override
    public Connection connect() {
        return new SocketConnection();
    }

    @Override
    public void close() {}

    private final class SocketConnection implements Connection {
        private Socket socket;
        private OutputStream out;
        private InputStream in;
        private final byte[] buffer = new byte[64 * 1024];
        private int position;
        private int limit;

        @Override
        public Response send(Request request) throws IOException {
            if (socket == null) {
                open();
            }
            try {
                write(request);
                return read();
            } catch (IOException | RuntimeException e) {
                close();
                throw e instanceof IOException io ? io : new IOException(e);
            }
        }

        private void open() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            out = socket.getOutputStream();
            in = socket.getInputStream();
            position = 0;
            limit = 0;
        }

        private void write(Request request) throws IOException {
            var head = new StringBuilder(512)
                    .append(request.method())
                    .append(' ')
                    .append(request.path())
                    .append(" HTTP/1.1\r\n")
                    .append("Host: ")
                    .append(hostHeader)
                    .append("\r\n")
                    .append("Accept: application/json\r\n");
            if (request.token() != null) {
                head.append("Authorization: Bearer ").append(request.token()).append("\r\n");
            }
            request.headers()
                    .forEach((name, value) ->
                            head.append(name).append(": ").append(value).append("\r\n"));
            byte[] body = request.body();
            if (body != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ")
                        .append(body.length)
                        .append("\r\n");
            }
            head.append("\r\n");
            byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] all = body == null ? headBytes : Arrays.copyOf(headBytes, headBytes.length + body.length);
            if (body != null) {
                System.arraycopy(body, 0, all, headBytes.length, body.length);
            }
            out.write(all);
            out.flush();
        }

        private Response read() throws IOException {
            String statusLine = line();
            // "HTTP/1.1 201 Created"
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                throw new IOException("not an HTTP status line: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long contentLength = -1;
            boolean chunked = false;
            boolean closeAfter = statusLine.startsWith("HTTP/1.0");
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).strip();
                switch (name) {
                    case "content-length" -> contentLength = Long.parseLong(value);
                    case "transfer-encoding" ->
                        chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                    default -> {}
                }
            }
            byte[] body;
            if (chunked) {
                body = chunkedBody();
            } else if (contentLength >= 0) {
                body = exactly((int) contentLength);
            } else if (status == 204 || status == 304 || status / 100 == 1) {
                body = new byte[0];
            } else {
                body = untilClose();
                closeAfter = true;
            }
            if (closeAfter) {
                close();
            }
            return new Response(status, body);
        }

        private byte[] chunkedBody() throws IOException {
            var collected = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = line();
                int semicolon = sizeLine.indexOf(';');
                int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
                if (size == 0) {
                    // trailers, then the empty line
                    for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                        // ignored
                    }
                    return collected.toByteArray();
                }
                collected.write(exactly(size));
                line(); // CRLF after the chunk
            }
        }

        private byte[] untilClose() throws IOException {
            var collected = new ByteArrayOutputStream();
            collected.write(buffer, position, limit - position);
            position = limit;
            in.transferTo(collected);
            return collected.toByteArray();
        }

        private byte[] exactly(int length) throws IOException {
            byte[] bytes = new byte[length];
            int copied = 0;
            while (copied < length) {
                if (position == limit) {
                    fill();
                }
                int n = Math.min(length - copied, limit - position);
                System.arraycopy(buffer, position, bytes, copied, n);
                position += n;
                copied += n;
            }
            return bytes;
        }

        /** A header line without its CRLF, as ISO-8859-1. */
        private String line() throws IOException {
            var text = new StringBuilder(64);
            while (true) {
                if (position == limit) {
                    fill();
                }
                byte b = buffer[position++];
                if (b == '\n') {
                    int length = text.length();
                    if (length > 0 && text.charAt(length - 1) == '\r') {
                        text.setLength(length - 1);
                    }
                    return text.toString();
                }
                text.append((char) (b & 0xff));
            }
        }

        private void fill() throws IOException {
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                throw new EOFException("the server closed the connection");
            }
            position = 0;
            limit = n;
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            socket = null;
            out = null;
            in = null;
            position = 0;
            limit = 0;
        }
    }
}
