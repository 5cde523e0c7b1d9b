-- 0013: the citizen's look-up key of each dossier (core/lookup_key.h): 8 random characters of
-- the Crockford base-32 alphabet, issued at intake and import from libsodium's random source,
-- printed on Mẫu 01 and sent to the applicant; and the wrong keys its public look-up took
-- since the last right one, which lock it at LOOKUP_KEY_MAX_FAILURES until an officer unlocks
-- it. The last 4 digits of the phone or identity number no longer open a dossier.
ALTER TABLE dossier ADD COLUMN lookup_key TEXT;
ALTER TABLE dossier ADD COLUMN lookup_failures INTEGER NOT NULL DEFAULT 0;

-- Dossiers made before this migration get a key too, from SQLite's own random source (a
-- ChaCha20 generator seeded from the operating system's): each character one of 32, drawn
-- from a uniform 64-bit number.
UPDATE dossier SET lookup_key =
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) ||
    substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1)
WHERE lookup_key IS NULL;
