-- FTS5 merges the index's segments as they pile up: by default (automerge
-- 4) an import of thousands of roles, which writes a segment per statement,
-- rewrote every posting about six times before the import's final
-- 'optimize' merged them all once more. Leave merging to that optimize;
-- crisismerge still merges 64 segments of one level into one, which bounds
-- what a search reads after smaller imports that do not optimize.
INSERT INTO questions_fts (questions_fts, rank) VALUES ('automerge', 0);
INSERT INTO questions_fts (questions_fts, rank) VALUES ('crisismerge', 64);
