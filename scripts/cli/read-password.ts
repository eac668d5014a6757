/**
 * Reads a password from standard input — never from an argument, where it would land in the shell
 * history and in `ps` for every user of the machine. Piped: the first line. A terminal: a prompt
 * on stderr, typed without echo.
 */
import { createInterface } from 'node:readline';

export async function readPassword(prompt = 'Password: '): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const rl = createInterface({ input, terminal: false });
    for await (const line of rl) {
      rl.close();
      return line.replace(/\r$/, '');
    }
    return '';
  }
  process.stderr.write(prompt);
  const rl = createInterface({ input, output: process.stderr, terminal: true });
  // Mute the echo of what is typed (readline writes each key through _writeToOutput).
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  const line = await new Promise<string>((resolve) => rl.once('line', resolve));
  rl.close();
  process.stderr.write('\n');
  return line;
}
