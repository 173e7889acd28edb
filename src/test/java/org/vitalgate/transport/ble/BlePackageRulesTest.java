package org.vitalgate.transport.ble;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The BLE transport and the profiles keep to design.md's package rules. */
class BlePackageRulesTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.vitalgate");

    @Test
    void transportNeverImportsCodecStoreOrUplink() {
        noClasses().that().resideInAPackage("org.vitalgate.transport..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("org.vitalgate.codec..", "org.vitalgate.store..", "org.vitalgate.uplink..")
                .check(classes);
    }

    @Test
    void profilesDependOnNoOtherVitalgatePackage() {
        noClasses().that().resideInAPackage("org.vitalgate.profile..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("org.vitalgate.transport..", "org.vitalgate.store..", "org.vitalgate.uplink..",
                        "org.vitalgate.ingest..", "org.vitalgate.app..")
                .check(classes);
    }
}
