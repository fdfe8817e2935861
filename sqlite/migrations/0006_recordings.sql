-- Audio recordings of spoken answers, kept for the candidate to play back.
-- They live in the database so that every instance sharing it can serve
-- them and a backup holds them.
CREATE TABLE recordings (
	id               INTEGER PRIMARY KEY,
	user_id          INTEGER NOT NULL REFERENCES users (id),
	question_id      TEXT NOT NULL,
	content_type     TEXT NOT NULL,
	size             INTEGER NOT NULL,
	duration_seconds REAL NOT NULL,
	data             BLOB NOT NULL,
	created_at       TEXT NOT NULL
);
CREATE INDEX recordings_user ON recordings (user_id, id);
-- An attempt may point at the recording of its spoken answer; deleting the
-- recording clears the link.
ALTER TABLE attempts ADD COLUMN recording_id INTEGER;
