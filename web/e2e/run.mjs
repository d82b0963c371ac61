// Runs the browser tests: starts the local service (local-runner.jar: moto, every function, the
// Toss sandbox, and the built web app on the API's origin) on free ports, runs every
// e2e/*.test.mjs in headless Chromium one file at a time, and stops the service.
//
//   node e2e/run.mjs                 # needs web/dist (npm run build) and local-runner/target/local-runner.jar
//   BASE_URL=http://localhost:3000 TOSS_URL=http://localhost:5070 node e2e/run.mjs   # against ./run.sh
//
// CHROMIUM (default /usr/bin/chromium) is Debian's chromium; SCREENSHOTS=<dir> also saves the
// screenshots the tests take for the docs. Extra arguments go to `node --test` (e.g. a file).
// `node e2e/run.mjs --check` only checks that Chromium is there (./test.sh runs it first, so a
// missing browser fails before the long Maven run, with the same message).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(web, '..');
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';

if (!existsSync(chromium)) {
  console.error(`
##########################################################################################
  The browser tests need Debian's Chromium and Korean fonts, and ${chromium} is missing.
  Install them (as root):
      apt-get update && apt-get install -y chromium fonts-nanum
  or point CHROMIUM at another Chromium binary.
##########################################################################################
`);
  process.exit(1);
}
if (process.argv[2] === '--check') {
  console.log(`Chromium for the browser tests: ${chromium}`);
  process.exit(0);
}
if (!existsSync(join(web, 'dist', 'index.html'))) {
  console.error('web/dist is missing: run `npm run build` in web/ first');
  process.exit(1);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

let runner = null;
let base = process.env.BASE_URL;
let toss = process.env.TOSS_URL;
if (!base) {
  const jar = join(root, 'local-runner', 'target', 'local-runner.jar');
  if (!existsSync(jar)) {
    console.error(`${jar} is missing: run \`mvn -B package -DskipTests\` first`);
    process.exit(1);
  }
  const [port, motoPort, tossPort] = [await freePort(), await freePort(), await freePort()];
  const logDir = join(web, 'target');
  mkdirSync(logDir, { recursive: true });
  const log = join(logDir, 'local-runner.log');
  console.log(`== starting the local service on port ${port} (log: ${log})`);
  const out = openSync(log, 'w');
  runner = spawn('java', ['-jar', jar], {
    cwd: root,
    env: { ...process.env, PORT: String(port), MOTO_PORT: String(motoPort), TOSS_PORT: String(tossPort), LAMBDA_PORT: '0', WEB_DIR: join(web, 'dist') },
    stdio: ['ignore', out, out],
  });
  const stop = () => runner && runner.exitCode === null && runner.kill('SIGTERM');
  process.on('exit', stop);
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { stop(); process.exit(130); });
  // The runner prints this once every function, the demo catalog and the admin are in.
  const started = Date.now();
  while (!readFileSync(log, 'utf8').includes('Press Ctrl+C to stop.')) {
    if (runner.exitCode !== null) {
      console.error(readFileSync(log, 'utf8'));
      console.error('the local service did not start');
      process.exit(1);
    }
    if (Date.now() - started > 300_000) {
      console.error('the local service did not start in 300 s');
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  base = `http://localhost:${port}`;
  toss = `http://localhost:${tossPort}`;
}

const files = process.argv.length > 2
  ? process.argv.slice(2)
  : readdirSync(join(web, 'e2e')).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => join(web, 'e2e', f));
console.log(`== browser tests against ${base} (Chromium: ${chromium})`);
// One file at a time: the expiry test changes the hold time policy for the whole service.
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...process.env, BASE_URL: base, TOSS_URL: toss, CHROMIUM: chromium },
});
// The runner is a child process: left running it would keep this script (and ./test.sh) alive.
if (runner && runner.exitCode === null) {
  runner.kill('SIGTERM');
  const gone = new Promise((r) => runner.once('exit', r));
  const late = setTimeout(() => runner.kill('SIGKILL'), 20_000);
  await gone;
  clearTimeout(late);
}
process.exit(result.status ?? 1);
