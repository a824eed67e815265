package com.cureka.appointments.adapters.mail;

import com.cureka.appointments.application.port.notification.Mailer;

/** The mailer the settings ask for. */
public final class Mailers {
    private Mailers() {}

    public static Mailer of(MailSettings settings) {
        var messages = new MailMessages(settings.from());
        return settings.smtpUrl() == null
                ? new EmlDirectoryMailer(settings.mailDirectory(), messages)
                : new SmtpMailer(settings, messages);
    }
}
