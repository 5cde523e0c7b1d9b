-- 0011: payment orders. POST /api/v1/payments records what it asked the gateway to collect
-- (the dossier and the amount due then) under the reference it hands out; the gateway's
-- signed callback must name a recorded reference with the same dossier and amount. The
-- signature proves the gateway sent it, not that the amount is the one asked for: the
-- payment address travels through the citizen's browser.
CREATE TABLE payment_order (
    ref         TEXT PRIMARY KEY,
    dossier     INTEGER NOT NULL REFERENCES dossier (id),
    amount      INTEGER NOT NULL CHECK (amount > 0),
    created_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX payment_order_dossier ON payment_order (dossier);
