package com.cureka.appointments.adapters.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where Redis is and how to log in, from {@code redis[s]://[[user]:password@]host[:port][/database]}.
 * {@link #toString()} never shows the password, so the value is safe to log.
 */
record RedisUrl(boolean tls, String host, int port, String user, String password, int database) {
    static final int DEFAULT_PORT = 6379;

    RedisUrl {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a Redis URL needs a host");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("a Redis port must be from 1 to 65535");
        }
        if (database < 0) {
            throw new IllegalArgumentException("a Redis database number cannot be negative");
        }
    }

    /** Parses the URL; the message of a refusal never repeats the URL, since it may hold a password. */
    static RedisUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the Redis URL is empty");
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the Redis URL is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new IllegalArgumentException("a Redis URL starts with redis:// or rediss://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("a Redis URL needs a host");
        }
        String user = null;
        String password = null;
        String userInfo = uri.getUserInfo(); // already percent-decoded
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                password = userInfo; // redis://secret@host, as most Redis clients read it
            } else {
                user = colon == 0 ? null : userInfo.substring(0, colon);
                password = userInfo.substring(colon + 1);
            }
        }
        return new RedisUrl(
                scheme.equals("rediss"),
                uri.getHost(),
                uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort(),
                user,
                password == null || password.isEmpty() ? null : password,
                database(uri.getPath()));
    }

    private static int database(String path) {
        String digits = path == null ? "" : path.replaceFirst("^/", "");
        if (digits.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the path of a Redis URL is the database number, like /0");
        }
    }

    @Override
    public String toString() {
        String login = password == null ? (user == null ? "" : user + "@") : (user == null ? "" : user) + ":***@";
        return (tls ? "rediss" : "redis") + "://" + login + host + ":" + port + "/" + database;
    }
}
