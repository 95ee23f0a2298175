// Adding and removing tags on a list's selection: each record in a transaction of its own through
// CrudService.updateIn, so that each keeps its owner rules, audit entry, search words and ETag, and
// one refused record (a sales user's colleague's) is reported without stopping the others.
import type { BulkTags, BulkTagsResult } from '../../shared/tags.js';
import { requireRole } from '../auth/permissions.js';
import type { CrudService } from '../crud/crud.service.js';
import type { Actor } from '../crud/resource.js';
import { AppError, badRequest } from '../errors.js';
import { storedNames, tagKey } from './record-tags.js';

export async function bulkTags(service: CrudService, actor: Actor, body: BulkTags): Promise<BulkTagsResult> {
  const { def } = service;
  requireRole(actor, def.writeRoles ?? ['admin', 'manager', 'sales'], `change ${def.path}`);
  const add = body.add ?? [];
  const remove = new Set((body.remove ?? []).map(tagKey));
  if (add.length === 0 && remove.size === 0)
    throw badRequest([{ field: 'add', code: 'required', message: 'name tags to add or to remove' }]);
  const clash = add.find((n) => remove.has(tagKey(n)));
  if (clash !== undefined)
    throw badRequest([{ field: 'remove', code: 'invalid', message: `"${clash}" is both added and removed` }]);
  const out: BulkTagsResult = { updated: [], unchanged: [], failed: [] };
  for (const id of [...new Set(body.ids)]) {
    try {
      const changed = await service.transaction(actor, async (ctx) => {
        const row = await service.findRow(ctx.trx, id, true);
        const kept = row ? storedNames(row.tags).filter((n) => !remove.has(tagKey(n))) : [];
        // a missing record is updateIn's 404
        return service.updateIn(ctx, id, { tags: [...kept, ...add] });
      });
      (changed ? out.updated : out.unchanged).push(id);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      out.failed.push({
        id,
        status: e.status,
        code: String(e.extra.code ?? e.extra.errors?.[0]?.code ?? e.slug),
        detail: e.message,
      });
    }
  }
  return out;
}
