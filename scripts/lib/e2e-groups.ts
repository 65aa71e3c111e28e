// How scripts/test-e2e.ts deals the browser suite's files into groups that run at once.

/**
 * Deals the files into `count` groups of about equal weight, heaviest first. A file's size stands
 * in for its duration: the long files are the ones with many tests.
 */
export function dealFiles(files: Array<{ file: string; weight: number }>, count: number): string[][] {
  const groups = Array.from({ length: count }, () => ({ files: [] as string[], weight: 0 }));
  for (const { file, weight } of [...files].sort((a, b) => b.weight - a.weight || a.file.localeCompare(b.file))) {
    const lightest = groups.reduce((best, group) => (group.weight < best.weight ? group : best));
    lightest.files.push(file);
    lightest.weight += weight;
  }
  return groups.map((group) => group.files.sort()).filter((group) => group.length > 0);
}
