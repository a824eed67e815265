package com.cureka.appointments.adapters.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures as the Standard Webhooks specification defines them (standardwebhooks.com): {@code v1,} and the base64
 * of HMAC-SHA256 over {@code "{webhook-id}.{webhook-timestamp}.{body}"}, keyed with the base64-decoded part of the
 * secret after {@code whsec_}. Several secrets (during a rotation) give several signatures, space-separated.
 */
public final class StandardWebhookSignature {
    private static final String PREFIX = "whsec_";

    private StandardWebhookSignature() {}

    /** One signature, {@code v1,<base64>}. */
    public static String sign(String secret, String webhookId, long timestamp, String body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            var content = webhookId + "." + timestamp + "." + body;
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /** The {@code webhook-signature} header: one signature per secret, current first. */
    public static String header(List<String> secrets, String webhookId, long timestamp, String body) {
        return secrets.stream()
                .map(secret -> sign(secret, webhookId, timestamp, body))
                .collect(Collectors.joining(" "));
    }

    private static byte[] key(String secret) {
        var encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}
