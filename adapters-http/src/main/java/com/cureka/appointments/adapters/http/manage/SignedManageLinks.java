package com.cureka.appointments.adapters.http.manage;

import com.cureka.appointments.application.port.notification.ManageLinks;
import com.cureka.appointments.domain.appointment.AppointmentNumber;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Manage links {@code {base}/manage/{token}}. The token is {@code base64url(number.version.expiresEpochSecond)} and
 * {@code base64url(HMAC-SHA256)} of it, joined by a dot: it names one appointment at one version, and only the server
 * can make one. Verification compares MACs in constant time and says nothing about whether the appointment exists.
 */
public final class SignedManageLinks implements ManageLinks {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final String baseUrl;
    private final byte[] key;

    public SignedManageLinks(String baseUrl, byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a manage-link key has at least 32 bytes");
        }
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.key = key.clone();
    }

    /** Links under a random key nobody knows: every token is refused (a server wired without manage links). */
    public static SignedManageLinks refusingAll() {
        var key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SignedManageLinks("http://localhost", key);
    }

    /** What a token that verifies names. */
    public record Claim(AppointmentNumber number, long version, Instant expiresAt) {}

    @Override
    public String linkFor(AppointmentNumber number, long version, Instant expiresAt) {
        return baseUrl + "/manage/" + token(number, version, expiresAt);
    }

    public String token(AppointmentNumber number, long version, Instant expiresAt) {
        String body = ENCODER.encodeToString(
                (number.format() + "." + version + "." + expiresAt.getEpochSecond()).getBytes(StandardCharsets.UTF_8));
        return body + "." + ENCODER.encodeToString(mac(body));
    }

    /** The claim of a token made by this server with this key; empty for anything else (malformed, tampered). */
    public Optional<Claim> verify(String token) {
        if (token == null || token.length() > 512) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        String body = token.substring(0, dot);
        try {
            byte[] given = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(given, mac(body))) {
                return Optional.empty();
            }
            String[] fields = new String(DECODER.decode(body), StandardCharsets.UTF_8).split("\\.");
            if (fields.length != 3) {
                return Optional.empty();
            }
            return AppointmentNumber.parse(fields[0])
                    .map(number -> new Claim(
                            number, Long.parseLong(fields[1]), Instant.ofEpochSecond(Long.parseLong(fields[2]))));
        } catch (IllegalArgumentException e) { // bad base64 or numbers: not one of ours
            return Optional.empty();
        }
    }

    private byte[] mac(String body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
