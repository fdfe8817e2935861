-- A full-text index on the question's wording alone: searches look there
-- first (see search.go), so a very common word reads this index's short
-- posting lists instead of those of the index on every search column.
CREATE INDEX questions_text_search ON questions USING GIN (to_tsvector('english', text));
