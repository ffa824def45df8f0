package com.stack.onboarding.passcode.app;

import com.stack.defaults.errors.ConflictException;

/**
 * {@code PASSCODE_RESET_REQUIRED}: the passcode was locked too many times in a row without a successful
 * verification; it can no longer be verified, only replaced by {@code setPasscode} after signing in again.
 */
public class PasscodeResetRequiredException extends ConflictException {

    private static final long serialVersionUID = 1L;

    public PasscodeResetRequiredException() {
        super(
                "PASSCODE_RESET_REQUIRED",
                "The passcode is locked after too many failed attempts; sign in again and set a new passcode");
    }
}
