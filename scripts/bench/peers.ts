/**
 * The peer benchmark tools of ../shared/peers (python-igraph and a plain typed-array CSR floor).
 * They exist only on the team's machines, not in CI or for users: sections call runPeer and get
 * `{available: false, reason}` ("peer not available") when the tool or its runtime is missing.
 * REFNET_PEERS overrides where they are looked for.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type PeerTool = 'igraph' | 'floor';

export type PeerRun =
  | { available: true; tool: PeerTool; seconds: number; json: Record<string, unknown> }
  | { available: false; tool: PeerTool; reason: string };

const PYTHON = '/usr/bin/python3';

/**
 * The command started by a shell that forks it, not by the bench itself. A process that Node
 * starts inherits the bench's peak RSS as its own getrusage maxRSS (Linux carries it over exec,
 * and libuv starts children from the parent's memory): the floor peer, which reports that figure,
 * read 297–483 MiB in the bench against 260 MiB from a shell. Forked by a small shell, the peer
 * starts from the shell's size (scripts/bench: peers' memory is compared with refnet's, issue #18).
 */
function fromSmallParent(command: string, argv: string[]): [string, string[]] {
  return existsSync('/bin/sh') ? ['/bin/sh', ['-c', '"$@" & wait $!', 'sh', command, ...argv]] : [command, argv];
}

/** ../shared/peers relative to the repository (or $REFNET_PEERS), when it holds the tools. */
export function findPeersDir(root: string): string | undefined {
  const dir = process.env.REFNET_PEERS ?? resolve(root, '../shared/peers');
  return existsSync(join(dir, 'csr_floor.mjs')) ? dir : undefined;
}

/** Runs one peer tool with --json on a document and returns its parsed output. */
export async function runPeer(peersDir: string | undefined, tool: PeerTool, documentPath: string, args: string[] = []): Promise<PeerRun> {
  if (!peersDir) return { available: false, tool, reason: 'peer not available (../shared/peers is not present on this machine)' };
  let command: string;
  let argv: string[];
  if (tool === 'igraph') {
    try {
      await run(PYTHON, ['-c', 'import igraph']);
    } catch {
      return { available: false, tool, reason: 'peer not available (python3-igraph is not installed: apt-get install -y python3-igraph)' };
    }
    command = PYTHON;
    argv = [join(peersDir, 'igraph_peer.py'), documentPath, '--json', ...args];
  } else {
    command = process.execPath;
    argv = [join(peersDir, 'csr_floor.mjs'), documentPath, '--json', ...args];
  }
  const started = performance.now();
  try {
    const { stdout } = await run(...fromSmallParent(command, argv), { maxBuffer: 256 * 2 ** 20 });
    return { available: true, tool, seconds: (performance.now() - started) / 1000, json: JSON.parse(stdout) as Record<string, unknown> };
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    return { available: false, tool, reason: `peer failed: ${(e.stderr ?? e.message).trim().split('\n').slice(-3).join(' / ')}` };
  }
}
