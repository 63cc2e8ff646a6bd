/**
 * A throwaway PostgreSQL server for the dialect tests, when the machine has one installed:
 * initdb into a temporary folder, listening on a Unix socket in that folder only (no TCP
 * port), trust auth, stopped and deleted afterwards. As root it runs as the `postgres` user,
 * since PostgreSQL refuses to run as root.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

type Rows = (string | null)[][];

export interface PgServer {
  /** Runs SQL; returns the rows as arrays of text (NULL as null). */
  query(sql: string): Rows;
  /** Runs several queries in one session (one psql start), returning each one's rows. */
  queryMany(sqls: readonly string[]): Rows[];
  stop(): void;
}

export type PgStart = { server: PgServer } | { skip: string };

const NULL_MARK = '\u0001NULL\u0001';
const QUERY_MARK = '\u0001QUERY\u0001';

/** On PATH, or where Debian's postgresql package puts its programs (not on PATH). */
function which(bin: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${bin} || ls /usr/lib/postgresql/*/bin/${bin} | tail -n 1`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

function userId(name: string): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

export function startPostgres(): PgStart {
  const [initdb, pgCtl, psql] = ['initdb', 'pg_ctl', 'psql'].map(which);
  if (!initdb || !pgCtl || !psql) return { skip: 'PostgreSQL is not installed (initdb, pg_ctl and psql are needed)' };
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? userId('postgres') : null;
  if (asRoot && !owner) return { skip: 'running as root and there is no "postgres" user to run the server as' };
  const runuser = asRoot ? which('runuser') : null;
  if (asRoot && !runuser) return { skip: 'running as root and runuser is missing' };
  const dir = mkdtempSync(path.join(tmpdir(), 'ark-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const server = (bin: string, args: string[]): void => {
    const [cmd, argv] = runuser ? [runuser, ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
    execFileSync(cmd, argv, { stdio: 'pipe', timeout: 30_000 });
  };
  const data = path.join(dir, 'data');
  try {
    server(initdb, ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    server(pgCtl, ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', `-k ${dir} -c listen_addresses='' -c fsync=off`, 'start']);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    return { skip: `PostgreSQL is installed but could not be started here: ${String(e).split('\n')[0]}` };
  }
  const run = (script: string): string =>
    execFileSync(psql, ['-h', dir, '-U', 'postgres', '-d', 'postgres', '-X', '-q', '-A', '-t', '-F', '\t', '-P', `null=${NULL_MARK}`, '-v', 'ON_ERROR_STOP=1'], {
      input: script,
      encoding: 'utf8',
      timeout: 60_000,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  const rows = (out: string): Rows =>
    out
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.split('\t').map((v) => (v === NULL_MARK ? null : v)));
  return {
    server: {
      query: (sql) => rows(run(`${sql};\n`)),
      queryMany(sqls) {
        const out = run(sqls.map((q) => `\\echo ${QUERY_MARK}\n${q};\n`).join(''));
        return out.split(`${QUERY_MARK}\n`).slice(1).map(rows);
      },
      stop() {
        try {
          server(pgCtl, ['-D', data, '-m', 'immediate', 'stop']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    },
  };
}
