package com.stack.investing.adapters.drivewealth;

import java.util.List;

import com.stack.sandbox.PartnerSandboxApplication;
import com.stack.testsupport.InProcessSandbox;

/**
 * The partner sandbox in-process once per test JVM ({@link InProcessSandbox}) for investing's broker and market
 * data adapters: they call its DriveWealth, Alpaca and SQS emulators over HTTP as production calls the partners, and
 * the tests steer its market and faults through the control API. Orders fill quickly.
 */
public final class BrokerSandbox extends InProcessSandbox {

    private BrokerSandbox() {
        super(PartnerSandboxApplication.application(), List.of(),
                "--stack.sandbox.market.fill-delay=100ms",
                "--stack.sandbox.drivewealth.settle-delay=100ms");
    }

    public static BrokerSandbox shared() {
        return shared(BrokerSandbox.class, BrokerSandbox::new);
    }
}
