package com.cureka.appointments.adapters.calcom.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cal.com's {@code X-Cal-Signature-256}: the lower-case hex HMAC-SHA256 of the raw body, keyed with the webhook
 * secret (UTF-8), no prefix (CALCOM.md §6). Checked over the bytes as received, in constant time, before anything
 * of the body is parsed. Without a secret here every signature fails.
 */
final class CalComSignature {
    private static final Logger log = LoggerFactory.getLogger(CalComSignature.class);
    private static final HexFormat HEX = HexFormat.of();
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    /** @param secret {@code CAL_COM_WEBHOOK_SECRET}; null or blank refuses every delivery */
    CalComSignature(String secret) {
        this.key = secret == null || secret.isBlank()
                ? null
                : new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
    }

    boolean hasSecret() {
        return key != null;
    }

    /** Whether {@code signature} (the header's value, or null) is the HMAC of {@code rawBody} with our secret. */
    boolean verifies(byte[] rawBody, String signature) {
        if (key == null || rawBody == null) {
            return false;
        }
        if (signature == null || signature.isBlank()) {
            log.debug("A Cal.com webhook delivery came without {}", CalComWebhookReader.SIGNATURE_HEADER);
            return false;
        }
        String received = signature.strip().toLowerCase(Locale.ROOT);
        if (received.equals(CalComWebhookReader.NO_SECRET_PROVIDED)) {
            log.warn(
                    "A Cal.com webhook delivery was unsigned ({}): set the webhook's secret in Cal.com to "
                            + "CAL_COM_WEBHOOK_SECRET",
                    CalComWebhookReader.NO_SECRET_PROVIDED);
            return false;
        }
        byte[] expected = HEX.formatHex(hmac(rawBody)).getBytes(StandardCharsets.US_ASCII);
        // Constant time over the contents; a wrong length is false at once (the length is no secret).
        boolean verified = MessageDigest.isEqual(expected, received.getBytes(StandardCharsets.US_ASCII));
        if (!verified) {
            log.debug("A Cal.com webhook delivery's signature does not verify");
        }
        return verified;
    }

    /** Hex SHA-256 of the body exactly as received: how a redelivery is recognised. */
    static String deliveryHash(byte[] rawBody) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(rawBody));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private byte[] hmac(byte[] rawBody) {
        try {
            var mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(rawBody);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
