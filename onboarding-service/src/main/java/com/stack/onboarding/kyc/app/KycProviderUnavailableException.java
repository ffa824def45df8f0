package com.stack.onboarding.kyc.app;

import com.stack.defaults.errors.StackException;

/** The KYC provider could not take the submission now (down, too slow, failing, or refusing our credentials). */
public class KycProviderUnavailableException extends StackException {

    private static final long serialVersionUID = 1L;

    public KycProviderUnavailableException() {
        super("Identity verification is temporarily unavailable; nothing was submitted, please try again later");
    }

    @Override
    public String code() {
        return "KYC_PROVIDER_UNAVAILABLE";
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.UNAVAILABLE;
    }
}
