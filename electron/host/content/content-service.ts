import type { PublicContent, PublicSection } from '../../../shared/content/public-content';
import { arrearsHaystack, guideHaystack, matchesQuery, powerHaystack, quotaHaystack } from '../../../shared/content/public-search';
import type { PublicListRequest, PublicOverview, PublicPage, PublicSearchRequest } from '../../../shared/contract/services/public-info';
import { assertNever } from '../../../shared/assert-never';
import type { AuditLog } from '../audit/audit-log';
import { pinnedKeysOrNone } from '../config/bundle-keys';
import type { Db } from '../db/database';
import type { Logger } from '../logger';
import {
  applyContentBundle,
  applyContentFile,
  contentVersionInForce,
  readContentInForce,
  type ContentApplyContext,
  type ContentApplyOutcome,
  type ContentInForce,
} from './content-store';

/**
 * 公开信息 in the host: applies content bundles (file, broker) and answers
 * the screen's `public.*` calls from the content in force — with or without
 * a visit: nothing here reads the session. The parsed content is kept until
 * the version in force changes (an apply, another process's apply, a newer
 * bundle's effectiveFrom arriving, the current one's expiry).
 */
export interface ContentServiceDeps {
  db: Db;
  dataDir: string;
  kiosk: { kioskId: string; branchId: string };
  audit: AuditLog;
  log: Logger;
  now?: () => Date;
}

interface Indexed {
  inForce: ContentInForce;
  haystacks: Record<PublicSection, string[]>;
}

export class ContentService {
  private cache: Indexed | null = null;
  private readonly now: () => Date;

  constructor(private readonly deps: ContentServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  applyBytes(bytes: Buffer, source: string, actor = 'kiosk'): ContentApplyOutcome {
    return this.report(applyContentBundle(bytes, this.context(source, actor)));
  }

  applyFile(file: string, actor = 'technician'): ContentApplyOutcome {
    return this.report(applyContentFile(file, this.context('file', actor)));
  }

  overview(): PublicOverview {
    const indexed = this.current();
    if (!indexed) return { available: false };
    const { inForce } = indexed;
    const { content } = inForce;
    const { entries: arrearsEntries, ...arrears } = content.arrears;
    const { entries: quotaEntries, ...quotas } = content.quotas;
    return {
      available: true,
      version: inForce.version,
      effectiveFrom: inForce.effectiveFrom,
      expiresAt: inForce.expiresAt,
      counts: { guides: content.guides.length, powers: content.powers.length, arrears: arrearsEntries.length, quotas: quotaEntries.length },
      arrears,
      quotas,
    };
  }

  list(request: PublicListRequest): PublicPage {
    return this.page(request, null);
  }

  search(request: PublicSearchRequest): PublicPage {
    return this.page(request, request.query);
  }

  private page(request: PublicListRequest, query: string | null): PublicPage {
    const indexed = this.current();
    const content: PublicContent | null = indexed?.inForce.content ?? null;
    const keep = (section: PublicSection, i: number): boolean => query === null || matchesQuery(indexed?.haystacks[section][i] ?? '', query);
    const slice = <T>(items: readonly T[]) => {
      const total = items.length;
      const pages = Math.max(1, Math.ceil(total / request.pageSize));
      const start = (request.page - 1) * request.pageSize;
      return { page: request.page, pageSize: request.pageSize, total, pages, items: items.slice(start, start + request.pageSize) };
    };
    const { section } = request;
    switch (section) {
      case 'guides':
        return {
          section,
          ...slice((content?.guides ?? []).filter((g, i) => (request.service === undefined || g.service === request.service) && keep(section, i))),
        };
      case 'powers':
        return {
          section,
          ...slice((content?.powers ?? []).filter((p, i) => (request.category === undefined || p.category === request.category) && keep(section, i))),
        };
      case 'arrears':
        return { section, ...slice((content?.arrears.entries ?? []).filter((_, i) => keep(section, i))) };
      case 'quotas':
        return { section, ...slice((content?.quotas.entries ?? []).filter((_, i) => keep(section, i))) };
      default:
        return assertNever(section, 'public section');
    }
  }

  /** The content in force now, parsed and indexed once per version. */
  private current(): Indexed | null {
    const now = this.now();
    const head = contentVersionInForce(this.deps.db, now);
    if (head === null) {
      this.cache = null;
      return null;
    }
    if (this.cache && this.cache.inForce.version === head.version && this.cache.inForce.hash === head.hash) return this.cache;
    const inForce = readContentInForce(this.deps.db, now);
    if (inForce === null) return null;
    const { content } = inForce;
    this.cache = {
      inForce,
      haystacks: {
        guides: content.guides.map(guideHaystack),
        powers: content.powers.map(powerHaystack),
        arrears: content.arrears.entries.map(arrearsHaystack),
        quotas: content.quotas.entries.map(quotaHaystack),
      },
    };
    return this.cache;
  }

  private context(source: string, actor: string): ContentApplyContext {
    const { db, audit, kiosk } = this.deps;
    return {
      db,
      audit,
      keys: pinnedKeysOrNone(this.deps.dataDir, (detail) => this.deps.log.error({ event: 'content.keys', detail }, 'pinned config keys unusable')),
      kiosk,
      source,
      actor,
      now: this.now,
    };
  }

  private report(outcome: ContentApplyOutcome): ContentApplyOutcome {
    if (outcome.outcome === 'applied') {
      this.deps.log.info(
        { event: 'content.applied', version: outcome.version, previous: outcome.previousVersion, hash: outcome.hash, effectiveFrom: outcome.effectiveFrom },
        'content bundle applied',
      );
    } else {
      this.deps.log.warn({ event: 'content.refused', reason: outcome.reason, version: outcome.version, detail: outcome.detail }, 'content bundle refused');
    }
    return outcome;
  }
}
