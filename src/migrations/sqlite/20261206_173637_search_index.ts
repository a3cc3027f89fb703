import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`search_index\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`doc_key\` text NOT NULL,
  	\`indexed_collection\` text NOT NULL,
  	\`doc_id\` text NOT NULL,
  	\`title\` text NOT NULL,
  	\`slug\` text,
  	\`text\` text,
  	\`title_terms\` text,
  	\`body_terms\` text,
  	\`language\` text,
  	\`author_ids\` text,
  	\`source_ids\` text,
  	\`topic_ids\` text,
  	\`date\` text,
  	\`text_version\` numeric
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`search_index_doc_key_idx\` ON \`search_index\` (\`doc_key\`);`)
  await db.run(sql`CREATE INDEX \`search_index_indexed_collection_idx\` ON \`search_index\` (\`indexed_collection\`);`)
  await db.run(sql`CREATE INDEX \`search_index_language_idx\` ON \`search_index\` (\`language\`);`)
  await db.run(sql`CREATE INDEX \`search_index_date_idx\` ON \`search_index\` (\`date\`);`)
  // Not from the config (written by hand): the full-text index. An FTS5 table over the terms
  // columns, its content read from search_index (no second copy of the text), kept in step by
  // triggers; searched with MATCH and ranked by bm25() (src/plugins/search/query.ts).
  await db.run(
    sql.raw(`CREATE VIRTUAL TABLE search_index_fts USING fts5(
      title_terms, body_terms,
      content='search_index', content_rowid='id',
      tokenize='unicode61 remove_diacritics 0'
    )`),
  )
  await db.run(
    sql.raw(`CREATE TRIGGER search_index_fts_insert AFTER INSERT ON search_index BEGIN
      INSERT INTO search_index_fts(rowid, title_terms, body_terms)
        VALUES (new.id, new.title_terms, new.body_terms);
    END`),
  )
  await db.run(
    sql.raw(`CREATE TRIGGER search_index_fts_delete AFTER DELETE ON search_index BEGIN
      INSERT INTO search_index_fts(search_index_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms);
    END`),
  )
  await db.run(
    sql.raw(`CREATE TRIGGER search_index_fts_update AFTER UPDATE ON search_index BEGIN
      INSERT INTO search_index_fts(search_index_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms);
      INSERT INTO search_index_fts(rowid, title_terms, body_terms)
        VALUES (new.id, new.title_terms, new.body_terms);
    END`),
  )
  // Rows appear on start: the search plugin rebuilds an index that misses published documents.
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  for (const trigger of ['insert', 'delete', 'update']) {
    await db.run(sql.raw(`DROP TRIGGER IF EXISTS search_index_fts_${trigger}`))
  }
  await db.run(sql.raw('DROP TABLE IF EXISTS search_index_fts'))
  await db.run(sql`DROP TABLE \`search_index\`;`)
}
