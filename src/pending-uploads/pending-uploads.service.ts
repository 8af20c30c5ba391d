import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { LessThan, Repository } from 'typeorm';
import { ClockService } from '../clock/clock.service';
import { PendingUpload } from './pending-upload.entity';

/** How long a checked file waits for its confirm. */
export const PENDING_UPLOAD_TTL_MS = 30 * 60 * 1000;

/**
 * Checked files waiting for the user's confirm (preview, then import). A page keeps
 * only the id; the file itself never makes a second trip through the browser, so the
 * confirm cannot be fed a different file from the one that was checked.
 */
@Injectable()
export class PendingUploadsService {
  constructor(
    @InjectRepository(PendingUpload) private readonly uploads: Repository<PendingUpload>,
    private readonly clock: ClockService,
  ) {}

  /** Keeps the content for its owner; returns the id to confirm it with. */
  async save(userId: number, kind: string, content: string): Promise<string> {
    const now = this.clock.now();
    await this.uploads.delete({ expiresAt: LessThan(now.toISOString()) });
    const id = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + PENDING_UPLOAD_TTL_MS).toISOString();
    await this.uploads.insert({ id, userId, kind, content, expiresAt });
    return id;
  }

  /**
   * The content, once: it is removed as it is taken. Null when the id is unknown,
   * expired, of another kind or another user's (the caller cannot tell which).
   */
  async take(id: string, userId: number, kind: string): Promise<string | null> {
    if (typeof id !== 'string' || id.length === 0 || id.length > 64) return null;
    const upload = await this.uploads.findOneBy({ id, userId, kind });
    if (!upload) return null;
    // Only the request whose delete removed the row may use it: two confirms at once import once.
    const { affected } = await this.uploads.delete({ id, userId, kind });
    if (!affected || upload.expiresAt <= this.clock.now().toISOString()) return null;
    return upload.content;
  }
}
