// One process of a pair opening the same new database file at the same moment (connection.test.ts).
import { closeDatabase, openDatabase } from '../../../../main/db/connection.ts';

const path = process.argv[2];
if (!path) throw new Error('usage: open-new-database.ts <file>');
try {
  closeDatabase(openDatabase(path));
  process.stdout.write('ok\n');
} catch (error) {
  process.stdout.write(`${(error as { code?: string }).code ?? 'error'}\n`);
}
