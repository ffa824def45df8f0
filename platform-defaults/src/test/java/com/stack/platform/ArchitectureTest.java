package com.stack.platform;

import com.stack.testsupport.architecture.ArchitectureCheck;

/** The layering of {@code ServiceArchitecture} on this module (recorded violations: src/test/resources/archunit_store). */
class ArchitectureTest extends ArchitectureCheck {

    ArchitectureTest() {
        super("com.stack.platform");
    }
}
