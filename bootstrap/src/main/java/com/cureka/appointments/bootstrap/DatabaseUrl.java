package com.cureka.appointments.bootstrap;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A JDBC URL with its user and password. Accepts the JDBC form as it is, and the {@code postgres://user:pass@host:port/db}
 * form that hosting platforms hand out.
 */
record DatabaseUrl(String jdbcUrl, String user, String password) {
    static DatabaseUrl of(String url, String user, String password) {
        if (url.startsWith("jdbc:")) {
            return new DatabaseUrl(url, user, password);
        }
        var uri = URI.create(url);
        String userInfo = uri.getRawUserInfo();
        String parsedUser = user;
        String parsedPassword = password;
        if (userInfo != null) {
            String[] parts = userInfo.split(":", 2);
            parsedUser = parsedUser != null ? parsedUser : decode(parts[0]);
            parsedPassword = parsedPassword != null ? parsedPassword : parts.length > 1 ? decode(parts[1]) : null;
        }
        String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
        String query = uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "";
        return new DatabaseUrl(
                "jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query, parsedUser, parsedPassword);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
