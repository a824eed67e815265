package com.cureka.appointments.adapters.http;

import com.cureka.appointments.adapters.http.appointment.AppointmentChangeRoutes;
import com.cureka.appointments.adapters.http.appointment.AppointmentListRoutes;
import com.cureka.appointments.adapters.http.appointment.AppointmentRoutes;
import com.cureka.appointments.adapters.http.appointment.AppointmentViews;
import com.cureka.appointments.adapters.http.appointment.ManageLinkRoutes;
import com.cureka.appointments.adapters.http.appointment.VisitOutcomeRoutes;
import com.cureka.appointments.adapters.http.auth.Authentication;
import com.cureka.appointments.adapters.http.auth.JwtSettings;
import com.cureka.appointments.adapters.http.auth.TokenVerifier;
import com.cureka.appointments.adapters.http.doctor.AdminDoctorRoutes;
import com.cureka.appointments.adapters.http.doctor.AdminScheduleRoutes;
import com.cureka.appointments.adapters.http.doctor.DoctorRoutes;
import com.cureka.appointments.adapters.http.error.ErrorResponses;
import com.cureka.appointments.adapters.http.error.JsonErrorPage;
import com.cureka.appointments.adapters.http.idempotency.IdempotentRequests;
import com.cureka.appointments.adapters.http.jobs.AdminJobRoutes;
import com.cureka.appointments.adapters.http.json.Json;
import com.cureka.appointments.adapters.http.manage.SignedManageLinks;
import com.cureka.appointments.adapters.http.notification.AdminNotificationRoutes;
import com.cureka.appointments.adapters.http.ops.Operations;
import com.cureka.appointments.adapters.http.pages.WebPages;
import com.cureka.appointments.adapters.http.request.BeanValidation;
import com.cureka.appointments.adapters.http.request.JsonBody;
import com.cureka.appointments.adapters.http.request.QueryParameters;
import com.cureka.appointments.adapters.http.subscriber.AdminWebhookRoutes;
import com.cureka.appointments.adapters.http.trace.RequestIds;
import com.cureka.appointments.adapters.http.webhook.CalendarWebhookRoutes;
import com.cureka.appointments.application.access.Role;
import com.cureka.appointments.application.memory.InMemoryOutbox;
import com.cureka.appointments.application.port.outbox.Outbox;
import com.cureka.appointments.application.webhook.InspectDeliveries;
import com.cureka.appointments.application.webhook.ManageWebhooks;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.javalin.router.JavalinDefaultRouting;
import org.eclipse.jetty.server.handler.StatisticsHandler;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The HTTP API (API.md) over the use cases: the one class the composition root calls.
 *
 * <p>Each group of routes is one small class with an {@code addTo(routes)} method; a new group is built in
 * {@link #routeGroups} and needs nothing else: request ids, authentication of {@code /api/v1/**} and the
 * failure envelope apply to it already.
 */
public final class HttpApi {
    /** How long a stop waits for requests in flight; longer than the calendar timeout, so a booking can finish. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(35);

    private final UseCases useCases;
    private final Ports ports;
    private final JwtSettings jwt;
    private final Clock clock;
    private Javalin server;
    private BeanValidation validation;
    private Operations operations;
    private final List<Consumer<JavalinDefaultRouting>> extraRoutes = new ArrayList<>();
    private Function<Role, String> devTokens;
    private Predicate<Throwable> unavailable = failure -> false;
    private ManageWebhooks manageWebhooks;
    private InspectDeliveries inspectDeliveries;
    private SignedManageLinks manageLinks;
    private Outbox notifications = new InMemoryOutbox();

    public HttpApi(UseCases useCases, Ports ports, JwtSettings jwt, Clock clock) {
        this.useCases = Objects.requireNonNull(useCases, "use cases");
        this.ports = Objects.requireNonNull(ports, "ports");
        this.jwt = Objects.requireNonNull(jwt, "JWT settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Adds health, metrics, OpenAPI and Swagger UI routes, request metrics and the access log; call before start. */
    public synchronized HttpApi withOperations(Operations operations) {
        this.operations = Objects.requireNonNull(operations, "operations");
        return this;
    }

    /**
     * Mounts another adapter's route group (the FHIR facade) on this server, after the API's own; call before start.
     * Request ids and {@code Cache-Control} apply to it; {@code /api/v1} authentication and the JSON envelope do not:
     * the group authenticates and answers its own failures.
     */
    public synchronized HttpApi withRoutes(Consumer<JavalinDefaultRouting> group) {
        extraRoutes.add(Objects.requireNonNull(group, "route group"));
        return this;
    }

    /**
     * Embedded dev mode only: serves {@code GET /dev/token?role=} with a demo user's token signed by {@code tokens},
     * for the pages' "Continue as the demo patient" button. Without this call the route does not exist (404).
     */
    public synchronized HttpApi withDevTokens(Function<Role, String> tokens) {
        this.devTokens = Objects.requireNonNull(tokens, "dev tokens");
        return this;
    }

    /**
     * Which failures mean that a store is unreachable for now (e.g. the database adapter's classification): they
     * are answered {@code 503 SERVICE_UNAVAILABLE} with {@code Retry-After} instead of 500; call before start.
     */
    public synchronized HttpApi withUnavailability(Predicate<Throwable> unavailable) {
        this.unavailable = Objects.requireNonNull(unavailable, "unavailable");
        return this;
    }

    /**
     * Serves the admin routes of outbound webhooks ({@code /api/v1/admin/webhooks/**}, docs/webhooks.md); without
     * this call they do not exist (404). Call before start.
     */
    public synchronized HttpApi withWebhooks(ManageWebhooks manage, InspectDeliveries inspect) {
        this.manageWebhooks = Objects.requireNonNull(manage, "manage webhooks");
        this.inspectDeliveries = Objects.requireNonNull(inspect, "inspect deliveries");
        return this;
    }

    /** Serves the manage-link API ({@code /api/v1/manage/{token}}) for links signed by {@code links}; call before start. */
    public synchronized HttpApi withManageLinks(SignedManageLinks links) {
        this.manageLinks = Objects.requireNonNull(links, "manage links");
        return this;
    }

    /** Lists the e-mails to patients recorded in {@code outbox} at {@code GET /api/v1/admin/notifications}; call before start. */
    public synchronized HttpApi withNotifications(Outbox outbox) {
        this.notifications = Objects.requireNonNull(outbox, "outbox");
        return this;
    }

    /** Starts serving on the port (0 picks a free one: read it from the returned server's {@code port()}). */
    public synchronized Javalin start(int port) {
        if (server != null) {
            throw new IllegalStateException("the HTTP API is already started");
        }
        var mapper = Json.newMapper();
        validation = new BeanValidation();
        var body = new JsonBody(mapper, validation);
        var authentication = new Authentication(new TokenVerifier(jwt, clock));
        var groups = routeGroups(body);
        var errorPage = new JsonErrorPage(mapper);
        var outage = unavailable;
        server = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.maxRequestSize = JsonBody.MAX_BYTES;
            config.http.prefer405over404 = true;
            config.jetty.modifyServer(jetty -> {
                jetty.setErrorHandler(errorPage);
                // Graceful stop: Jetty stops accepting, then waits (up to the timeout) for requests in flight,
                // which it can only count through a StatisticsHandler; Javalin nests its handler inside it.
                jetty.setHandler(new StatisticsHandler());
                jetty.setStopTimeout(STOP_TIMEOUT.toMillis());
            });
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(errorPage));
            if (operations != null) {
                operations.configure(config); // before the routes below, so that every log line has the request id
            }
            config.router.mount(routes -> {
                routes.before(RequestIds::assign);
                routes.before(ctx -> ctx.header("Cache-Control", "no-store"));
                authentication.addTo(routes);
                QueryParameters.addTo(routes);
                ErrorResponses.addTo(routes, outage);
                groups.forEach(group -> group.accept(routes));
                extraRoutes.forEach(group -> group.accept(routes));
            });
        });
        try {
            server.start(port);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        return server;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (validation != null) {
            validation.close();
            validation = null;
        }
    }

    private List<Consumer<JavalinDefaultRouting>> routeGroups(JsonBody body) {
        var views = new AppointmentViews(ports.doctors(), ports.patients(), ports.appointments());
        var idempotency = new IdempotentRequests(ports.idempotency(), body.mapper(), clock);
        var groups = new ArrayList<Consumer<JavalinDefaultRouting>>();
        // Always there (documented routes exist); without configured links every token is refused.
        groups.add(new ManageLinkRoutes(
                manageLinks != null ? manageLinks : SignedManageLinks.refusingAll(),
                ports.appointments(),
                useCases.getAppointment(),
                useCases.cancelAppointment(),
                useCases.rescheduleAppointment(),
                body,
                clock)::addTo);
        groups.addAll(List.of(
                new AppointmentRoutes(useCases.bookAppointment(), useCases.getAppointment(), body, views, idempotency)
                        ::addTo,
                new AppointmentListRoutes(useCases.listAppointments(), views)::addTo,
                new AppointmentChangeRoutes(
                                useCases.cancelAppointment(),
                                useCases.rescheduleAppointment(),
                                body,
                                views,
                                idempotency)::addTo,
                new VisitOutcomeRoutes(useCases.recordVisitOutcome(), body, views, idempotency)::addTo,
                new DoctorRoutes(useCases.listDoctors(), useCases.getDoctor(), useCases.findAvailableSlots())::addTo,
                new AdminDoctorRoutes(useCases.registerDoctor(), useCases.deactivateDoctor(), body)::addTo,
                new AdminScheduleRoutes(useCases.changeSchedule(), useCases.getDoctor(), body)::addTo,
                new AdminJobRoutes(ports.jobs())::addTo,
                new AdminNotificationRoutes(notifications)::addTo,
                new CalendarWebhookRoutes(ports.calendarWebhooks(), useCases.handleCalendarEvent())::addTo,
                new WebPages(devTokens)::addTo));
        if (manageWebhooks != null) {
            groups.add(new AdminWebhookRoutes(manageWebhooks, inspectDeliveries, body)::addTo);
        }
        return groups;
    }
}
