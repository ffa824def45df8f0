package com.stack.wallet.wallet.adapters.circle;

/** Circle answered 2xx with something this adapter cannot use (no body, no wallet for the blockchain asked). */
public class CircleProtocolException extends CircleException {

    private static final long serialVersionUID = 1L;

    public CircleProtocolException(String message, Throwable cause) {
        super(message, 0, null, cause);
    }

    @Override
    public boolean isTransient() {
        return false;
    }
}
