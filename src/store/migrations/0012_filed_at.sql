-- 0012: the instant a dossier was handed in, as a source system recorded it, when no receipt
-- says so: a dossier refused at intake elsewhere carries its filing instant (the portal's
-- NgayTiepNhan) but no receive event. It is shown and exported, and counted nowhere as a
-- receipt (received_at stays empty).
ALTER TABLE dossier ADD COLUMN filed_at INTEGER;
