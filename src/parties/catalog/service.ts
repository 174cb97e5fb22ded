import type { Principal } from '../../auth/principal.js';
import { DomainError } from '../../http/errors.js';
import { isAdmin, notFound } from '../access.js';
import { refuseIf } from '../common.js';
import type { CatalogNodeTable, PartiesDb } from '../db.js';
import {
  approvalTypes,
  certificationTypes,
  industries,
  licenceTypes,
  locationKinds,
  nodeTypes,
} from '../vocabulary.js';
import type { CatalogNodeBody, CatalogQuery } from './schema.js';

type Node = Omit<CatalogNodeTable, 'position'>;
export interface CatalogTreeNode {
  key: string;
  level: Node['level'];
  nameZh: string;
  nameEn: string;
  children?: CatalogTreeNode[];
}

function tree(nodes: Node[], parent: string | null): CatalogTreeNode[] {
  return nodes
    .filter((n) => n.parent === parent)
    .map((n) => {
      const children = tree(nodes, n.key);
      return {
        key: n.key,
        level: n.level,
        nameZh: n.name_zh,
        nameEn: n.name_en,
        ...(children.length > 0 ? { children } : {}),
      };
    });
}

/** The category tree industry → category → variety, optionally one industry. */
export async function catalogTree(db: PartiesDb, query: CatalogQuery) {
  let rows = db.selectFrom('catalog_nodes').select(['key', 'parent', 'level', 'name_zh', 'name_en']);
  if (query.industry) {
    const industry = query.industry;
    rows = rows.where((eb) => eb.or([eb('key', '=', industry), eb('key', 'like', `${industry}.%`)]));
  }
  const nodes = await rows.orderBy('position').orderBy('key').execute();
  return { industries: tree(nodes, null) };
}

export async function catalogNode(db: PartiesDb, key: string) {
  const nodes = await db
    .selectFrom('catalog_nodes')
    .select(['key', 'parent', 'level', 'name_zh', 'name_en'])
    .where((eb) => eb.or([eb('key', '=', key), eb('parent', '=', key)]))
    .orderBy('position')
    .execute();
  const node = nodes.find((n) => n.key === key);
  if (!node) throw notFound(`catalog category ${key}`);
  return tree(nodes, node.parent)[0];
}

/** Adding to the platform catalog is the platform administrator's (regulators manage the lists). */
export async function addCatalogNode(db: PartiesDb, principal: Principal, body: CatalogNodeBody) {
  if (!isAdmin(principal)) throw new DomainError('FORBIDDEN', 'Only administrators change the catalog');
  const parent = await db
    .selectFrom('catalog_nodes')
    .selectAll()
    .where('key', '=', body.parent)
    .executeTakeFirst();
  if (!parent || parent.level === 'variety') {
    refuseIf(
      [
        {
          pointer: '/parent',
          message: parent ? 'a variety has no children' : `the catalog has no ${body.parent}`,
        },
      ],
      'The parent category is invalid',
    );
  }
  const key = `${body.parent}.${body.key}`;
  const level = parent?.level === 'industry' ? 'category' : 'variety';
  const inserted = await db
    .insertInto('catalog_nodes')
    .values({ key, parent: body.parent, level, name_zh: body.nameZh, name_en: body.nameEn, position: 1000 })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning(['key', 'parent', 'level', 'name_zh', 'name_en'])
    .executeTakeFirst();
  if (!inserted)
    refuseIf([{ pointer: '/key', message: `${key} is already in the catalog` }], 'Duplicate key');
  return tree([inserted as Node], body.parent)[0];
}

/** The closed vocabularies of master data, with Chinese labels, for forms and clients. */
export function vocabularies() {
  return { industries, nodeTypes, licenceTypes, certificationTypes, locationKinds, approvalTypes };
}
