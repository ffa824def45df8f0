package com.stack.onboarding.user.app;

import com.stack.defaults.errors.ConflictException;

/** Another user has the phone number (the unique index said so): PHONE_NUMBER_TAKEN. */
public class PhoneNumberTakenException extends ConflictException {

    private static final long serialVersionUID = 1L;

    public PhoneNumberTakenException() {
        super("PHONE_NUMBER_TAKEN", "This phone number belongs to another account");
    }
}
