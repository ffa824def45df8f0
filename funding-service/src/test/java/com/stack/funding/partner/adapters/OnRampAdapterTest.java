package com.stack.funding.partner.adapters;

import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.funding.shared.domain.Chain;
import com.stack.funding.withdrawal.app.OnRamp;
import com.stack.funding.withdrawal.app.OnRamp.OnRampTransfer;

/** What an on-ramp adapter's tests against the partner sandbox share: asking, waiting for the end, what was sent. */
public abstract class OnRampAdapterTest {

    protected static final PartnerSandbox SANDBOX = PartnerSandbox.shared();

    protected abstract OnRamp onRamp();

    /** Every transfer the sandbox's partner made to the address, as its control API lists them. */
    protected abstract List<Map<String, Object>> sentTo(String address);

    /** An on-ramp for a new withdrawal. */
    protected OnRampTransfer initiate(String usd, Chain chain, String address, UUID key) {
        return initiate(UUID.randomUUID(), usd, chain, address, key);
    }

    /** The withdrawal's user is the address's owner: one user per custody address, as in the address book. */
    protected OnRampTransfer initiate(UUID withdrawal, String usd, Chain chain, String address, UUID key) {
        UUID user = UUID.nameUUIDFromBytes(address.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return onRamp().initiate(user, withdrawal, new BigDecimal(usd), chain, address, key)
                .block(PartnerSandbox.TIMEOUT);
    }

    /** The transfer once it is no longer pending. */
    protected OnRampTransfer awaitFinal(String id) {
        await().atMost(PartnerSandbox.TIMEOUT)
                .until(() -> onRamp().status(id).block(PartnerSandbox.TIMEOUT).status() != OnRamp.Status.PENDING);
        return onRamp().status(id).block(PartnerSandbox.TIMEOUT);
    }
}
