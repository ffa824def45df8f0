-- Due recipients funding made, by their bank details: on the Alpaca/Due withdrawal path, the refund of a withdrawal
-- whose on-ramp failed is a Due transfer from the user's virtual account to a recipient whose bank details are
-- Alpaca's incoming wire instructions for the user's account. Due takes no idempotency key when a recipient is
-- made and cannot list them, so the one made is kept here before any transfer names it (a crash before that leaves
-- an unused recipient at Due, never a transfer to it), and every later attempt and refund names the same one.
CREATE TABLE due_recipients (
    routing_number VARCHAR(16)  NOT NULL,
    account_number VARCHAR(34)  NOT NULL,
    recipient_id   VARCHAR(128) NOT NULL UNIQUE,  -- Due's rcp_...
    bank_name      VARCHAR(255),
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (routing_number, account_number)
);
