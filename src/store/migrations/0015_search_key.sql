-- 0014: the catalogue's names are searched by core/vntext's vntext_search_key: the fold, with
-- the i/y spellings of one syllable made one ("ký"/"kí", "Mỹ"/"Mĩ", "quy"/"qui"), so that
-- either spelling finds the other. The keys stored before are recomputed with the function
-- every SQLite connection registers (store/sqlite.c).
UPDATE unit SET name_folded = motcua_search_key(name);
UPDATE field SET name_folded = motcua_search_key(name);
UPDATE procedure SET name_folded = motcua_search_key(name);
