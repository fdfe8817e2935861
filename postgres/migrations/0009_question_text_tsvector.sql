-- The wording's tsvector, stored: the first search tier (see search.go)
-- ranks and filters on it. Computed from the text on every read, it cost
-- about 25 µs a row, and when the planner chose to scan rather than use the
-- index for a frequent prefix ("sched*"), a search took 150 ms.
ALTER TABLE questions ADD COLUMN text_search TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', text)) STORED;
DROP INDEX questions_text_search;
CREATE INDEX questions_text_search ON questions USING GIN (text_search);
