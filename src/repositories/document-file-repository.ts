// Uploaded document files: the bytes in document_files, and the facts about them (type, size, pages, text) on the document.
import type { RepositoryContext } from './repository-context.ts';

export interface StoredFile {
  document_id: number;
  file_name: string;
  media_type: string;
  byte_size: number;
  content: Buffer;
}

export interface FileFacts {
  file_name: string;
  media_type: string;
  byte_size: number;
  page_count: number | null;
  text_content: string;
  storage_key: string;
}

export function createDocumentFileRepository({ db, clock }: RepositoryContext) {
  return {
    /** Stores (or replaces) a document's file and records its facts on the document, bumping its version. */
    async put(file: StoredFile, facts: FileFacts) {
      const now = clock.now().toISOString();
      await db.deleteFrom('document_files').where('document_id', '=', file.document_id).execute();
      await db
        .insertInto('document_files')
        .values({ ...file, created_at: now })
        .execute();
      return db
        .updateTable('documents')
        .set((eb) => ({ ...facts, updated_at: now, version: eb('version', '+', 1) }))
        .where('id', '=', file.document_id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async forDocument(documentId: number) {
      return db.selectFrom('document_files').selectAll().where('document_id', '=', documentId).executeTakeFirst();
    },
  };
}

export type DocumentFileRepository = ReturnType<typeof createDocumentFileRepository>;
