package com.stack.funding.saga.app;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.stack.defaults.metrics.SagaMetrics;
import com.stack.funding.deposit.domain.DepositStatus;
import com.stack.funding.saga.domain.SagaCommand;
import com.stack.funding.withdrawal.domain.WithdrawalStatus;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The deposit and withdrawal sagas' metrics ({@link SagaMetrics}, sagas {@value SagaCommand#DEPOSIT_SAGA} and
 * {@value SagaCommand#WITHDRAWAL_SAGA}). Statuses are the database's spelling; a withdrawal that failed with its
 * compensation still open counts as {@code compensating} among the open ones.
 */
@Component
public class FundingSagaMetrics {

    static final String COMPENSATING = "compensating";

    private final SagaMetrics deposits;
    private final SagaMetrics withdrawals;

    public FundingSagaMetrics(MeterRegistry registry) {
        this.deposits = new SagaMetrics(
                registry,
                SagaCommand.DEPOSIT_SAGA,
                Stream.of(DepositStatus.values())
                        .filter(status -> !status.isFinal())
                        .map(DepositStatus::column)
                        .toList());
        List<String> openWithdrawals = new ArrayList<>(Stream.of(WithdrawalStatus.values())
                .filter(status -> !status.isFinal())
                .map(WithdrawalStatus::column)
                .toList());
        openWithdrawals.add(COMPENSATING);
        this.withdrawals = new SagaMetrics(registry, SagaCommand.WITHDRAWAL_SAGA, openWithdrawals);
    }

    public SagaMetrics deposits() {
        return deposits;
    }

    public SagaMetrics withdrawals() {
        return withdrawals;
    }

    /** The saga a command belongs to ({@link SagaCommand#sagaType()}). */
    public SagaMetrics of(String sagaType) {
        return SagaCommand.WITHDRAWAL_SAGA.equals(sagaType) ? withdrawals : deposits;
    }
}
