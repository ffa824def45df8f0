package com.stack.systemtests;

import org.junit.jupiter.api.BeforeAll;

/** The order journey on the shared suite: Circle off-ramps, DriveWealth funds the account and executes the orders. */
class OrderJourneyDriveWealthTest extends OrderJourney {

    static OrderFlows flows;

    @BeforeAll
    static void suite() {
        StackSuite suite = StackSuite.shared();
        flows = new OrderFlows(suite, suite.gatewayUrl(), suite.service("funding"), suite.service("investing"));
    }

    @Override
    OrderFlows flows() {
        return flows;
    }
}
