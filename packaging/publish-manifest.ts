/**
 * The package.json a package is published with: the repository's manifest without what only the
 * repository uses. `scripts` would run on the user's machine (`prepare` builds from sources the
 * tarball does not carry, and npm warns about it on every install), `devDependencies`,
 * `workspaces` and `allowScripts` describe this repository's own install, not the package's.
 */
export const REPOSITORY_ONLY_FIELDS = ['scripts', 'devDependencies', 'workspaces', 'allowScripts'] as const;

/** The manifest as published: the same object without the repository-only fields. */
export function publishManifest(manifest: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const published = { ...manifest };
  for (const field of REPOSITORY_ONLY_FIELDS) delete published[field];
  return published;
}
