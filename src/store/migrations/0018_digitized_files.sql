-- 0018: of the dossiers counted as digitized (a component) or with an electronic result, the
-- counters of those a file stored here backs (a digitize event carrying its file's SHA-256);
-- the rest carry a source system's mark (an imported flag). The dossier's own columns
-- components_digitized and result_digitized now hold 2 for a file, 1 for a mark. Events
-- recorded before this version name no file, so nothing is backfilled: their dossiers count
-- as marked.
ALTER TABLE stat_day ADD COLUMN recv_filed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stat_day ADD COLUMN alive_filed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stat_day ADD COLUMN res_filed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stat_month ADD COLUMN recv_filed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stat_month ADD COLUMN alive_filed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stat_month ADD COLUMN res_filed INTEGER NOT NULL DEFAULT 0;
