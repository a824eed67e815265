package com.cureka.appointments.adapters.http.manage;

import com.cureka.appointments.domain.appointment.AppointmentNumber;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class SignedManageLinksTest {
    private static final byte[] KEY = "manage-link-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final AppointmentNumber NUMBER = new AppointmentNumber("AID", LocalDate.of(2025, 11, 20), 7);
    private static final AppointmentNumber OTHER = new AppointmentNumber("AID", LocalDate.of(2025, 11, 20), 8);
    private static final Instant START = Instant.parse("2025-11-24T10:00:00Z");

    private final SignedManageLinks links = new SignedManageLinks("https://clinic.example/", KEY);

    @Test
    void a_link_names_the_appointment_its_version_and_its_expiry() {
        var link = links.linkFor(NUMBER, 3, START);

        assertThat(link).startsWith("https://clinic.example/manage/");
        var token = link.substring("https://clinic.example/manage/".length());
        assertThat(links.verify(token)).contains(new SignedManageLinks.Claim(NUMBER, 3, START));
    }

    @Test
    void a_tampered_token_does_not_verify() {
        var token = links.token(NUMBER, 3, START);
        char last = token.charAt(token.length() - 1);

        assertThat(links.verify(token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A')))
                .isEmpty();
    }

    @Test
    void another_appointments_number_swapped_in_does_not_verify() {
        var token = links.token(NUMBER, 3, START);
        var signature = token.substring(token.indexOf('.'));
        var swapped = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                (OTHER.format() + ".3." + START.getEpochSecond()).getBytes(StandardCharsets.UTF_8))
                + signature;

        assertThat(links.verify(swapped)).isEmpty();
    }

    @Test
    void a_token_signed_with_another_key_and_garbage_do_not_verify() {
        var foreign = new SignedManageLinks(
                "https://x", "another-key-of-enough-length-0123456789".getBytes(StandardCharsets.UTF_8));

        assertThat(links.verify(foreign.token(NUMBER, 3, START))).isEmpty();
        assertThat(links.verify("not-a-token")).isEmpty();
        assertThat(links.verify("a.b.c")).isEmpty();
        assertThat(links.verify("%%%.***")).isEmpty();
        assertThat(links.verify("")).isEmpty();
    }
}
