import { createRequire } from 'node:module';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

let template: Promise<Blob | undefined> | null = null;

/**
 * A dump of a freshly initialized PGlite data directory, for test databases to start from: running initdb is
 * most of the cost of a new PGlite (seconds of CPU each), and test files open several. Made once per PGlite
 * build and kept in the temp folder for every test process; undefined (plain initdb) if anything goes wrong.
 */
export function pgliteTemplate(): Promise<Blob | undefined> {
  template ??= loadOrMakeTemplate().catch(() => undefined);
  return template;
}

async function loadOrMakeTemplate(): Promise<Blob> {
  const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  const build = await stat(join(dist, 'pglite.data'));
  const file = join(tmpdir(), `emporium-pglite-template-${build.size}-${Math.floor(build.mtimeMs)}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const fresh = await PGlite.create();
    const dump = await fresh.dumpDataDir('none');
    await fresh.close();
    // Written aside and renamed, so a test process starting meanwhile never reads half a file.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  }
}
