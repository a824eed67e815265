package com.cureka.appointments.bootstrap;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import java.util.regex.Pattern;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The dependency rule, stated once: domain ← application ← adapters ← bootstrap. The domain needs nothing
 * but the JDK, the application nothing but the domain, and adapters never know about each other.
 */
@AnalyzeClasses(packages = "com.cureka.appointments", importOptions = ArchitectureTest.ProductionCodeOnly.class)
class ArchitectureTest {
    private static final String ROOT = "com.cureka.appointments";

    /** Leaves out test classes, test-jars and the test kit: the rules are about what ships. */
    static final class ProductionCodeOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/")
                    && !location.matches(Pattern.compile(".*-tests\\.jar.*"))
                    && !location.contains("appointments-testkit")
                    && !location.contains("/testkit/target/");
        }
    }

    @ArchTest
    static final ArchRule the_domain_depends_on_nothing_but_the_jdk = classes()
            .that()
            .resideInAPackage(ROOT + ".domain..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", ROOT + ".domain..");

    @ArchTest
    static final ArchRule the_application_depends_on_nothing_but_the_domain_and_the_jdk = classes()
            .that()
            .resideInAPackage(ROOT + ".application..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", ROOT + ".domain..", ROOT + ".application..");

    @ArchTest
    static final ArchRule rings_point_inwards_and_adapters_never_know_each_other = onionArchitecture()
            .domainModels(ROOT + ".domain..")
            .applicationServices(ROOT + ".application..")
            .adapter("postgres", ROOT + ".adapters.postgres..")
            .adapter("redis", ROOT + ".adapters.redis..")
            .adapter("calcom", ROOT + ".adapters.calcom..")
            .adapter("mail", ROOT + ".adapters.mail..")
            .adapter("http", ROOT + ".adapters.http..")
            .adapter("fhir", ROOT + ".adapters.fhir..")
            .adapter("webhooks", ROOT + ".adapters.webhooks..")
            .withOptionalLayers(true)
            // The FHIR facade extends the HTTP adapter (its tokens, Caller, Rejections): fhir → http only, never back.
            .ignoreDependency(resideInAPackage(ROOT + ".adapters.fhir.."), resideInAPackage(ROOT + ".adapters.http.."))
            // bootstrap is the composition root: it may see every ring.
            .ignoreDependency(resideInAPackage(ROOT + ".bootstrap.."), alwaysTrue());

    /** The one allowed edge between adapters is fhir → http; the HTTP adapter only offers a hook (withRoutes). */
    @ArchTest
    static final ArchRule the_http_adapter_never_knows_the_fhir_facade = noClasses()
            .that()
            .resideInAPackage(ROOT + ".adapters.http..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(ROOT + ".adapters.fhir..");

    @ArchTest
    static final ArchRule only_bootstrap_sees_everything = noClasses()
            .that()
            .resideOutsideOfPackage(ROOT + ".bootstrap..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(ROOT + ".bootstrap..");

    @ArchTest
    static final ArchRule production_code_never_uses_the_test_kit = noClasses()
            .that()
            .resideOutsideOfPackage(ROOT + ".testkit..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(ROOT + ".testkit..");

    @ArchTest
    static final ArchRule the_domain_carries_no_framework_annotations = noClasses()
            .that()
            .resideInAPackage(ROOT + ".domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("jakarta..", "javax..", "com.fasterxml..", "org.jdbi..");

    @ArchTest
    static final ArchRule the_domain_packages_are_free_of_cycles =
            slices().matching(ROOT + ".domain.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule the_application_packages_are_free_of_cycles =
            slices().matching(ROOT + ".application.(**)").should().beFreeOfCycles();

    /** Ports are what use cases and adapters meet on: they may speak of the domain and of each other, nothing else. */
    @ArchTest
    static final ArchRule ports_depend_only_downwards = classes()
            .that()
            .resideInAPackage(ROOT + ".application.port..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..", ROOT + ".domain..", ROOT + ".application.port..", ROOT + ".application.access..");

    @ArchTest
    static final ArchRule adapters_implement_ports_not_use_case_internals = noClasses()
            .that()
            .resideInAnyPackage(ROOT + ".adapters.postgres..", ROOT + ".adapters.redis..", ROOT + ".adapters.mail..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    ROOT + ".application.appointment..",
                    ROOT + ".application.availability..",
                    ROOT + ".application.calendar..",
                    ROOT + ".application.doctor..",
                    ROOT + ".application.reminder..",
                    ROOT + ".application.webhook..",
                    ROOT + ".application.notification..",
                    ROOT + ".application.outbox..");
}
