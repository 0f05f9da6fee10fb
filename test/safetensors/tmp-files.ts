// Temp files for the reader tests (real files: the reader only reads files).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function makeTempDir(prefix = 'st-test-'): {
  dir: string;
  write(name: string, bytes: Uint8Array): string;
  remove(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    write(name, bytes) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
