/**
 * The built web app for the browser suites and `npm run screenshots`, built at most once per
 * change of its sources.
 *
 * Each build goes to its own folder under node_modules/.cache/okr-wizard-web (not dist/web,
 * which `npm start` and people's running servers use), and a manifest names the current one
 * with every source file Vite read (web/, the shared src/domain and src/contracts modules it
 * imports, index.html, public/, vite.config.ts, package-lock.json) and its SHA-256. The next
 * call rebuilds only when one of them changed; a server still serving an older build keeps its
 * folder (builds over an hour old are removed). A lock folder keeps test files that start
 * together from building twice.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'okr-wizard-web');
const manifestFile = path.join(cacheDir, 'sources.json');
const lockDir = path.join(cacheDir, 'lock');
/** A lock older than this was left by a build that died. */
const STALE_LOCK_MS = 5 * 60_000;
/** Builds that are no longer current are removed after this. */
const OLD_BUILD_MS = 60 * 60_000;

interface Manifest {
  /** The build's folder, under cacheDir. */
  dir: string;
  files: Record<string, string>;
}

function sha256(file: string): string | null {
  try {
    return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  } catch {
    return null;
  }
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The current build's folder when it is there and every source it was built from is unchanged. */
function upToDate(): string | null {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  } catch {
    return null;
  }
  const dir = path.join(cacheDir, manifest.dir);
  if (!fs.existsSync(path.join(dir, 'index.html'))) return null;
  // A file added to public/ is served without any module importing it: look for new ones too.
  const publicFiles = filesUnder(path.join(root, 'web', 'public')).map((file) => path.relative(root, file));
  if (publicFiles.some((file) => !(file in manifest.files))) return null;
  const changed = Object.entries(manifest.files).find(([file, hash]) => sha256(path.join(root, file)) !== hash);
  if (changed) {
    console.log(`[web build] ${changed[0]} changed since the last build`);
    return null;
  }
  return dir;
}

async function build(): Promise<string> {
  const { build: viteBuild } = await import('vite');
  const sources = new Set<string>();
  const started = performance.now();
  const name = `web-${Date.now()}-${process.pid}`;
  const outDir = path.join(cacheDir, name);
  await viteBuild({
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, reportCompressedSize: false },
    plugins: [
      {
        name: 'okr-record-sources',
        buildEnd() {
          for (const id of this.getModuleIds()) {
            const file = id.split('?')[0] ?? '';
            if (path.isAbsolute(file) && file.startsWith(root) && !file.includes(`${path.sep}node_modules${path.sep}`))
              sources.add(file);
          }
        },
      },
    ],
  });
  for (const file of [
    path.join(root, 'web', 'index.html'),
    path.join(root, 'vite.config.ts'),
    path.join(root, 'package-lock.json'),
    ...filesUnder(path.join(root, 'web', 'public')),
  ])
    sources.add(file);
  const files: Record<string, string> = {};
  for (const file of [...sources].sort()) {
    const hash = sha256(file);
    if (hash) files[path.relative(root, file)] = hash;
  }
  fs.writeFileSync(`${manifestFile}.tmp`, JSON.stringify({ dir: name, files } satisfies Manifest, null, 1));
  fs.renameSync(`${manifestFile}.tmp`, manifestFile);
  for (const entry of fs.readdirSync(cacheDir)) {
    const old = path.join(cacheDir, entry);
    if (entry.startsWith('web-') && entry !== name && Date.now() - fs.statSync(old).mtimeMs > OLD_BUILD_MS)
      fs.rmSync(old, { recursive: true, force: true });
  }
  console.log(
    `[web build] built the web app into ${path.relative(root, outDir)} in ${((performance.now() - started) / 1000).toFixed(1)} s (${Object.keys(files).length} source files)`,
  );
  return outDir;
}

async function withLock<T>(work: () => Promise<T>): Promise<T> {
  fs.mkdirSync(cacheDir, { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - fs.statSync(lockDir).mtimeMs > STALE_LOCK_MS) fs.rmSync(lockDir, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

let built: Promise<string> | undefined;

/**
 * The folder of an up-to-date build of the web app (built now when sources changed). Checked
 * once per process: servers a test file starts later serve the same build.
 */
export function builtWebApp(): Promise<string> {
  // Another process may have built it while this one waited for the lock: look again then.
  built ??= Promise.resolve(upToDate() ?? withLock(async () => upToDate() ?? build()));
  return built;
}
