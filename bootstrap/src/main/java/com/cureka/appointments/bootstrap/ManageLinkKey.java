package com.cureka.appointments.bootstrap;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key manage links are signed with: MANAGE_LINK_SECRET as given, or else HMAC-SHA256 of a fixed label under the
 * JWT secret, so that the two keys differ (a manage-link token can never pass as a JWT signature, nor the reverse)
 * while one secret is enough to run the app.
 */
final class ManageLinkKey {
    private ManageLinkKey() {}

    static byte[] of(String manageLinkSecret, String jwtSecret) {
        if (manageLinkSecret != null) {
            return manageLinkSecret.getBytes(StandardCharsets.UTF_8);
        }
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(jwtSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal("cureka manage links v1".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
