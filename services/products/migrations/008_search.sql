-- Search with PostgreSQL's own tools (issue 20).
-- pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it. The embedded server
-- ships it (@embedded-postgres/*/native/share/postgresql/extension), and every packaged server has it in contrib.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The words of a product, stemmed (english) and weighted: a name match outranks a category match, which
-- outranks a description match. Generated, so no write path can forget to keep it.
ALTER TABLE products ADD COLUMN search tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english'::regconfig, name), 'A') ||
  setweight(to_tsvector('english'::regconfig, category), 'B') ||
  setweight(to_tsvector('english'::regconfig, description), 'C')
) STORED;
CREATE INDEX products_search ON products USING gin (search) WHERE deleted_at IS NULL;

-- The catalog's vocabulary, unstemmed: a misspelled word of a query is looked up here by trigram similarity
-- (PostgreSQL's documented pairing of pg_trgm with text search), and its near spellings join the query.
-- Words only ever join: one no product uses any more costs a lookup that finds nothing.
CREATE TABLE search_words (word text PRIMARY KEY);
CREATE INDEX search_words_trigrams ON search_words USING gin (word gin_trgm_ops);
CREATE INDEX search_words_prefix ON search_words (word text_pattern_ops);

CREATE FUNCTION search_words_of(name text, category text, description text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE AS $$
  -- The same parser as the search column ('simple' only lowercases): 3 to 40 characters, where trigrams mean
  -- something, and not numbers (model numbers and sizes: "12345" is no misspelling of "12346").
  SELECT w FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig, name || ' ' || category || ' ' || description))) AS w
   WHERE length(w) BETWEEN 3 AND 40 AND w !~ '^[0-9.,-]+$'
$$;

-- Inserts come in batches (an import writes a thousand rows at once): one statement-level pass over them all.
CREATE FUNCTION remember_inserted_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words (word)
  SELECT DISTINCT w FROM inserted, search_words_of(inserted.name, inserted.category, inserted.description) AS w
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER products_search_words_inserted AFTER INSERT ON products
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION remember_inserted_search_words();

-- Updates of the words only (a row trigger may name columns, so stock changes on the order path never run it).
CREATE FUNCTION remember_updated_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words (word) SELECT DISTINCT w FROM search_words_of(NEW.name, NEW.category, NEW.description) AS w
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER products_search_words_updated AFTER UPDATE OF name, category, description ON products
  FOR EACH ROW EXECUTE FUNCTION remember_updated_search_words();

-- The words of products that exist already.
INSERT INTO search_words (word) SELECT DISTINCT w FROM products, search_words_of(name, category, description) AS w ON CONFLICT DO NOTHING;
