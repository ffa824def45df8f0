package com.stack.sandbox.wires;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The wires between the sandbox's emulated banks: a sender hands a wire over, the bank with its routing number
 * takes it. A routing number no emulated bank holds is a bank outside the sandbox: the wire leaves and is gone.
 * The receivers are collected once every singleton exists, so that a partner can both send and receive (no
 * construction cycle) and no wire looks beans up on an event loop.
 */
@Component
public class WireNetwork implements SmartInitializingSingleton {

    /** What became of a wire. */
    public enum Delivery {
        /** An emulated bank took it into the account. */
        RECEIVED,
        /** An emulated bank holds the routing number but no account with that number: the wire comes back. */
        NO_SUCH_ACCOUNT,
        /** No emulated bank holds the routing number: the USD left the sandbox. */
        OUTSIDE_SANDBOX
    }

    private final ObjectProvider<WireReceiver> provider;
    private volatile List<WireReceiver> receivers = List.of();

    public WireNetwork(ObjectProvider<WireReceiver> provider) {
        this.provider = provider;
    }

    @Override
    public void afterSingletonsInstantiated() {
        receivers = provider.orderedStream().toList();
    }

    public Delivery send(Wire wire) {
        return receivers.stream()
                .filter(bank -> bank.routingNumber().equals(wire.routingNumber()))
                .findFirst()
                .map(bank -> bank.receive(wire) ? Delivery.RECEIVED : Delivery.NO_SUCH_ACCOUNT)
                .orElse(Delivery.OUTSIDE_SANDBOX);
    }
}
