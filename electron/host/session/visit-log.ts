import type { Db } from '../db/database';
import type { CardType } from '../../../shared/domain/idcard';
import type { SessionEndReason } from '../../../shared/contract/session';

/** Visit start/end in the database: counts for the branch, no personal data. */
export class VisitLog {
  private readonly insert;
  private readonly finish;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO visits (id, started_at, card_type) VALUES (?, ?, ?)');
    this.finish = db.prepare('UPDATE visits SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL');
  }

  started(id: string, cardType: CardType, at: Date): void {
    this.insert.run(id, at.toISOString(), cardType);
  }

  ended(id: string, reason: SessionEndReason, at: Date): void {
    this.finish.run(at.toISOString(), reason, id);
  }
}
