/** Every file under a folder (relative path -> content), for comparing generated trees. */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export async function treeFiles(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out.set(relative(root, path).split(sep).join('/'), await readFile(path, 'utf8'));
    }
  };
  await walk(root);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The first differences between two trees, as readable lines (empty when identical). */
export function treeDifferences(actual: Map<string, string>, expected: Map<string, string>, limit = 10): string[] {
  const diffs: string[] = [];
  for (const [path, content] of expected) {
    const got = actual.get(path);
    if (got === undefined) diffs.push(`missing: ${path}`);
    else if (got !== content) diffs.push(`differs: ${path}`);
  }
  for (const path of actual.keys()) if (!expected.has(path)) diffs.push(`extra: ${path}`);
  return diffs.slice(0, limit);
}
