// v5: a moving visit's category is its move kind. Renames the stored categories of moving visits
// (moving-in → tennyu, moving-within → tenkyo, moving-out → tenshutsu) in the requests and in
// the statistics cells of the category dimension, so old and new visits count together.
import type { Migration } from '../migration.ts';

const RENAMED = `CASE %s WHEN 'moving-in' THEN 'tennyu' WHEN 'moving-within' THEN 'tenkyo' WHEN 'moving-out' THEN 'tenshutsu' END`;
const OLD = `('moving-in', 'moving-within', 'moving-out')`;

export const moveKindCategories: Migration = {
  version: 5,
  name: 'categories of moving visits are their move kinds (tennyu, tenkyo, tenshutsu)',
  up(db) {
    db.exec(`
      UPDATE requests SET category = ${RENAMED.replace('%s', 'category')} WHERE category IN ${OLD};
      UPDATE stat_cells SET key = ${RENAMED.replace('%s', 'key')} WHERE dim = 'category' AND key IN ${OLD};
    `);
  },
};
