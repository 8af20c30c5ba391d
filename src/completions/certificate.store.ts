import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CertificateKind } from './certificate-file';
import { chunksOf } from '../common/chunks';

export interface StoredCertificate {
  completionId: number;
  contentType: string;
  fileName: string;
  size: number;
  data: Buffer;
}

/**
 * Certificate files, kept in the database (`completion_certificate`: a blob on SQLite,
 * bytea on PostgreSQL) so backups and dumps carry them. Plain SQL rather than an entity:
 * TypeORM has no binary column type that both drivers accept, and an entity for one of
 * them would refuse to start on the other.
 */
@Injectable()
export class CertificateStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Replaces the completion's certificate, if any, inside the caller's transaction. */
  async save(
    manager: EntityManager,
    completionId: number,
    kind: CertificateKind,
    data: Buffer,
    uploadedById: number | null,
    uploadedAt: string,
  ): Promise<void> {
    await this.deleteFor(manager, completionId);
    await this.run(
      manager,
      `INSERT INTO completion_certificate
         ("completionId", "contentType", "fileName", "size", "data", "uploadedById", "uploadedAt")
       VALUES (:completionId, :contentType, :fileName, :size, :data, :uploadedById, :uploadedAt)`,
      {
        completionId,
        contentType: kind.contentType,
        fileName: `certificate-${completionId}.${kind.extension}`,
        size: data.length,
        data,
        uploadedById,
        uploadedAt,
      },
    );
  }

  async deleteFor(manager: EntityManager, completionId: number): Promise<void> {
    await this.run(manager, `DELETE FROM completion_certificate WHERE "completionId" = :completionId`, {
      completionId,
    });
  }

  async find(completionId: number): Promise<StoredCertificate | null> {
    const rows = (await this.run(
      this.dataSource.manager,
      `SELECT "completionId", "contentType", "fileName", "size", "data" FROM completion_certificate
       WHERE "completionId" = :completionId`,
      { completionId },
    )) as StoredCertificate[];
    if (rows.length === 0) return null;
    const [row] = rows;
    return { ...row, completionId: Number(row.completionId), size: Number(row.size), data: Buffer.from(row.data) };
  }

  /** Which of these completions have a certificate: one query, without reading the files. */
  async completionIdsWithCertificate(completionIds: number[]): Promise<Set<number>> {
    const found = new Set<number>();
    for (const ids of chunksOf(completionIds)) {
      const rows = (await this.run(
        this.dataSource.manager,
        `SELECT "completionId" FROM completion_certificate WHERE "completionId" IN (:...ids)`,
        { ids },
      )) as { completionId: number }[];
      rows.forEach((row) => found.add(Number(row.completionId)));
    }
    return found;
  }

  private run(manager: EntityManager, sql: string, parameters: Record<string, unknown>): Promise<unknown> {
    const [query, values] = this.dataSource.driver.escapeQueryWithParameters(sql, parameters, {});
    return manager.query(query, values);
  }
}
