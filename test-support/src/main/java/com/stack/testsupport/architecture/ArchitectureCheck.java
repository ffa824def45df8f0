package com.stack.testsupport.architecture;

import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** A module's {@code ArchitectureTest}: every rule of {@link ServiceArchitecture} on the module's main classes. */
public abstract class ArchitectureCheck {

    private final String basePackage;

    protected ArchitectureCheck(String basePackage) {
        this.basePackage = basePackage;
    }

    @TestFactory
    Stream<DynamicTest> layersHold() {
        JavaClasses classes = ServiceArchitecture.mainClasses(basePackage);
        return ServiceArchitecture.rules(basePackage).stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(classes)));
    }
}
