package com.cureka.appointments.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The JWT secret of embedded dev mode: made up once and kept beside the embedded database, so that tokens
 * printed at one start still work after a restart. Never used when JWT_SECRET is set.
 */
final class DevSecret {
    private DevSecret() {}

    static String loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String secret = "dev-only-" + HexFormat.of().formatHex(key);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, secret, StandardCharsets.UTF_8);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the dev JWT secret in " + file, e);
        }
    }
}
