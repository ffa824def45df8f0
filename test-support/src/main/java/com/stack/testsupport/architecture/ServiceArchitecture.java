package com.stack.testsupport.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;

/**
 * The layering every STACK module keeps, checked by each module's {@code ArchitectureTest} on its main classes:
 *
 * <ul>
 *   <li>no cycle between packages;
 *   <li>{@code domain} depends on no Spring, no Reactor and no {@code adapters} (plain Java a test can run alone);
 *   <li>{@code app} depends on no {@code adapters}: it owns the ports the adapters implement;
 *   <li>{@code api} depends on no {@code adapters}: it calls the application, not a partner or a table.
 * </ul>
 *
 * <p>Each rule is frozen ({@link FreezingArchRule}): the violations that existed when the rules were introduced are
 * recorded, one file per rule, under the module's {@code src/test/resources/archunit_store} (the settings are in
 * this module's {@code archunit.properties}). A violation that is not recorded fails the build; a recorded one that
 * is fixed leaves the record on the next run, so the records only shrink. Moving a service to capability packages
 * (issue #20) empties them; a module without records holds every rule outright.
 */
public final class ServiceArchitecture {

    private ServiceArchitecture() {}

    /** The main classes under {@code basePackage} (tests and jars excluded). */
    public static JavaClasses mainClasses(String basePackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(basePackage);
    }

    /** Every rule above, each frozen, for the classes under {@code basePackage}. */
    public static List<ArchRule> rules(String basePackage) {
        return List.of(
                FreezingArchRule.freeze(noPackageCycles(basePackage)),
                FreezingArchRule.freeze(domainIsPlain()),
                FreezingArchRule.freeze(appOwnsItsPorts()),
                FreezingArchRule.freeze(apiCallsTheApplication()));
    }

    public static ArchRule noPackageCycles(String basePackage) {
        return slices().matching(basePackage + ".(**)")
                .namingSlices("package $1")
                .should()
                .beFreeOfCycles()
                .allowEmptyShould(true)
                .as("no cycle between the packages of " + basePackage);
    }

    public static ArchRule domainIsPlain() {
        return noClasses()
                .that()
                .resideInAPackage("..domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "reactor..", "..adapters..")
                .allowEmptyShould(true)
                .as("domain depends on no Spring, Reactor or adapters");
    }

    public static ArchRule appOwnsItsPorts() {
        return noClasses()
                .that()
                .resideInAPackage("..app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..adapters..")
                .allowEmptyShould(true)
                .as("app depends on no adapters");
    }

    public static ArchRule apiCallsTheApplication() {
        return noClasses()
                .that()
                .resideInAPackage("..api..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..adapters..")
                .allowEmptyShould(true)
                .as("api depends on no adapters");
    }
}
