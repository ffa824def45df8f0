package com.stack.sandbox.wires;

/**
 * An emulated partner that holds USD accounts under a routing number of its own and takes wires into them.
 * The partner implements it; the others reach it only through {@link WireNetwork}, never through its classes.
 */
public interface WireReceiver {

    /** The ABA routing number wires to this bank are addressed to. */
    String routingNumber();

    /**
     * Takes the wire into the account with its account number (credited at once, or by a transfer of the
     * receiver's own that settles later); {@code false}, and nothing taken, when no account has that number.
     */
    boolean receive(Wire wire);
}
