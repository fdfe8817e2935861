-- Spaced-repetition cards (FSRS): one per user and practised item (a
-- question now; stories later). state holds the scheduler's card as JSON;
-- due is kept in its own column for the daily queue.
CREATE TABLE cards (
	user_id  INTEGER NOT NULL REFERENCES users (id),
	kind     TEXT NOT NULL CHECK (kind IN ('question', 'story')),
	ref      TEXT NOT NULL,
	due      TEXT NOT NULL,
	state    TEXT NOT NULL,
	PRIMARY KEY (user_id, kind, ref)
);
CREATE INDEX cards_due ON cards (user_id, due);
