-- A reservation the ledger covers but the broker itself does not (its buying power is lower than the ledger's:
-- a fee taken at the broker, a trade settled elsewhere) is refused with its own reason.
ALTER TABLE order_reservations DROP CONSTRAINT order_reservations_reason_check;
ALTER TABLE order_reservations ADD CONSTRAINT order_reservations_reason_check
    CHECK (reason IN ('insufficient_buying_power', 'no_broker_account', 'broker_buying_power_short'));
