// The root's `prepack`: `npm pack` / `npm publish` here would ship the repository's package.json
// (scripts, devDependencies, workspaces). The published packages come from `npm run pack`, which
// packs each with its published manifest in a staging folder, where no `prepack` is left to run.
console.error(
  "atws: pack with `npm run pack` (writes the published manifests); a plain `npm pack` here would ship the repository's scripts and devDependencies",
);
process.exit(1);
