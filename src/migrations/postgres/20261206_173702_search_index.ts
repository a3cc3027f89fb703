import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "search_index" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"doc_key" varchar NOT NULL,
  	"indexed_collection" varchar NOT NULL,
  	"doc_id" varchar NOT NULL,
  	"title" varchar NOT NULL,
  	"slug" varchar,
  	"text" varchar,
  	"title_terms" varchar,
  	"body_terms" varchar,
  	"language" varchar,
  	"author_ids" varchar,
  	"source_ids" varchar,
  	"topic_ids" varchar,
  	"date" timestamp(3) with time zone,
  	"text_version" numeric
  );
  
  CREATE UNIQUE INDEX "search_index_doc_key_idx" ON "search_index" USING btree ("doc_key");
  CREATE INDEX "search_index_indexed_collection_idx" ON "search_index" USING btree ("indexed_collection");
  CREATE INDEX "search_index_language_idx" ON "search_index" USING btree ("language");
  CREATE INDEX "search_index_date_idx" ON "search_index" USING btree ("date");`)
  // Not from the config (written by hand): the full-text index. The terms (already normalised
  // and stemmed by lib/searchText.ts, hence the 'simple' configuration) as a generated tsvector,
  // title weighted A and body B, with a GIN index; searched with @@ to_tsquery and ranked by
  // ts_rank (src/plugins/search/query.ts).
  await db.execute(sql`
   ALTER TABLE "search_index" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
     setweight(to_tsvector('simple'::regconfig, coalesce("title_terms", '')), 'A') ||
     setweight(to_tsvector('simple'::regconfig, coalesce("body_terms", '')), 'B')
   ) STORED;
  CREATE INDEX "search_index_search_vector_idx" ON "search_index" USING gin ("search_vector");`)
  // Rows appear on start: the search plugin rebuilds an index that misses published documents.
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "search_index" CASCADE;`)
}
