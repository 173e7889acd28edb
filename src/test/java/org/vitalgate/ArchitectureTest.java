package org.vitalgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of design.md, enforced. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.vitalgate");
    }

    @Test
    void readingDependsOnNothingElse() {
        noClasses().that().resideInAPackage("org.vitalgate.reading..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.vitalgate.codec..", "org.vitalgate.profile..", "org.vitalgate.transport..",
                        "org.vitalgate.ingest..", "org.vitalgate.store..", "org.vitalgate.uplink..",
                        "org.vitalgate.control..", "org.vitalgate.config..", "org.vitalgate.cli..",
                        "org.vitalgate.app..")
                .check(classes);
    }

    @Test
    void codecsArePureAndKnowOnlyTheReadingModel() {
        noClasses().that().resideInAPackage("org.vitalgate.codec..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.vitalgate.profile..", "org.vitalgate.transport..", "org.vitalgate.ingest..",
                        "org.vitalgate.store..", "org.vitalgate.uplink..", "org.vitalgate.config..",
                        "org.vitalgate.app..", "org.slf4j..", "java.sql..", "java.nio.file..",
                        "java.net..")
                .check(classes);
    }

    @Test
    void codecsReadNoClock() {
        noClasses().that().resideInAPackage("org.vitalgate.codec..")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .check(classes);
    }

    @Test
    void transportsKnowNothingOfCodecsStoreOrUplink() {
        noClasses().that().resideInAPackage("org.vitalgate.transport..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.vitalgate.codec..", "org.vitalgate.store..", "org.vitalgate.uplink..",
                        "org.vitalgate.ingest..", "org.vitalgate.app..", "org.vitalgate.cli..")
                .check(classes);
    }

    @Test
    void uplinkKnowsTheOutboxNotDevices() {
        noClasses().that().resideInAPackage("org.vitalgate.uplink..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.vitalgate.transport..", "org.vitalgate.profile..", "org.vitalgate.codec..",
                        "org.vitalgate.ingest..", "org.vitalgate.app..", "org.vitalgate.cli..")
                .check(classes);
    }

    @Test
    void storeDoesNotReachUpOrOut() {
        noClasses().that().resideInAPackage("org.vitalgate.store..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.vitalgate.transport..", "org.vitalgate.uplink..", "org.vitalgate.ingest..",
                        "org.vitalgate.codec..", "org.vitalgate.app..", "org.vitalgate.cli..")
                .check(classes);
    }

    @Test
    void onlyTheCommandLineUsesTheConsole() {
        // the logging backend writes the log to stdout (journald reads it there)
        noClasses().that().resideOutsideOfPackages("org.vitalgate.cli..", "org.vitalgate.app.log..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(classes);
    }
}
