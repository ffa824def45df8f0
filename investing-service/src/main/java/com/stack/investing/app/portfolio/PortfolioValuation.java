package com.stack.investing.app;

import com.stack.defaults.security.Caller;
import com.stack.investing.adapters.CashBalanceRepository;
import com.stack.investing.adapters.PositionRepository;
import com.stack.investing.domain.CashBalance;
import com.stack.investing.domain.Portfolio;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Values the caller's portfolio from the brokerage's cached positions and cash snapshot. */
@Service
public class PortfolioValuation {

    private final PositionRepository positions;
    private final CashBalanceRepository cash;

    public PortfolioValuation(PositionRepository positions, CashBalanceRepository cash) {
        this.positions = positions;
        this.cash = cash;
    }

    /** A user the brokerage has reported nothing for has an empty portfolio, all amounts 0.00. */
    public Mono<Portfolio> portfolio(Caller caller) {
        return Mono.zip(positions.findForUser(caller.userId()).collectList(),
                        cash.findForUser(caller.userId()).defaultIfEmpty(CashBalance.NONE))
                .map(valued -> Portfolio.of(valued.getT1(), valued.getT2()));
    }
}
