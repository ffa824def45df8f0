package com.stack.investing.portfolio.app;

import java.math.BigDecimal;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.v1.BuyingPowerChanged;
import com.stack.defaults.messaging.EventHandler;
import com.stack.defaults.messaging.PoisonEventException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Keeps funding's buying power per user ({@code BuyingPowerChanged}), replaced only by a higher version: the
 * portfolio's cash and placeOrder's pre-check read it. Funding's ledger stays the one source.
 */
@Service
public class BuyingPowerReadModel implements EventHandler<BuyingPowerChanged> {

    private final BuyingPowers buyingPower;

    public BuyingPowerReadModel(BuyingPowers buyingPower) {
        this.buyingPower = buyingPower;
    }

    @Override
    public Mono<Void> handle(EventEnvelope<BuyingPowerChanged> event) {
        BuyingPowerChanged changed = event.data();
        BigDecimal amount;
        try {
            amount = new BigDecimal(changed.buyingPower());
        } catch (NumberFormatException | NullPointerException e) {
            return Mono.error(new PoisonEventException(
                    "invalid_data", "Buying power is not a decimal: " + changed.buyingPower(), e));
        }
        return buyingPower
                .apply(changed.userId(), amount, changed.version(), changed.changedAt())
                .then();
    }
}
