-- New questions enter the search index once per import transaction, in one
-- statement (sqlite.Dialect.IndexNewQuestions), instead of by a trigger in
-- each role's INSERT: FTS5 writes a segment per statement. Updates and
-- deletes still go through their triggers.
DROP TRIGGER questions_fts_insert;
