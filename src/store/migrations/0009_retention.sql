-- 0009: retention. Idempotency-Key answers are kept 7 days (retries come within minutes);
-- this index lets the sweep find the old ones without reading the table. Messages to
-- applicants and webhook deliveries are swept by their increasing id (store_purge).
CREATE INDEX idempotency_age ON idempotency (created_at);
