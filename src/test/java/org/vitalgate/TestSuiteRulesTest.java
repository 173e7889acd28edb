package org.vitalgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The suite's own rules: a {@code *Test} (surefire, fast and pure) opens no SQLite file, starts no process and
 * no broker or bus (those are {@code *IT}, run by failsafe), and never sleeps: a pure test has nothing to wait
 * for, and a sleep passes only on a quiet machine.
 */
class TestSuiteRulesTest {
    private static final String FAST_TEST = ".*Test(\\$.*)?";
    private static JavaClasses tests;

    @BeforeAll
    static void importTests() {
        tests = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/jmh_generated/"))   // JMH's own harness
                .importPackages("org.vitalgate");
    }

    @Test
    void fastTestsOpenNoSqliteAndStartNoProcess() {
        noClasses().that().haveNameMatching(FAST_TEST)
                .should().dependOnClassesThat().haveFullyQualifiedName("org.vitalgate.store.SqliteStore")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.vitalgate.store.StoreInspector")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.vitalgate.store.StoreFixtures")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.sql.DriverManager")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.ProcessBuilder")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.vitalgate.testing.MosquittoBroker")
                .orShould().dependOnClassesThat()
                .haveFullyQualifiedName("org.vitalgate.transport.sim.bluez.PrivateDbus")
                .orShould().dependOnClassesThat().resideInAPackage("org.sqlite..")
                .because("a *Test runs in surefire's fast pure phase; name it *IT (failsafe) instead")
                .check(tests);
    }

    @Test
    void fastTestsNeverSleep() {
        noClasses().that().haveNameMatching(FAST_TEST)
                .should().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(java.util.concurrent.TimeUnit.class, "sleep", long.class)
                .because("a sleep passes only on a quiet machine: wait on a condition (Awaitility) in an *IT")
                .check(tests);
    }
}
