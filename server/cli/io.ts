import { createInterface } from 'node:readline';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** a secret typed at a terminal (not echoed) or the first line of piped input */
  askSecret(prompt: string): Promise<string>;
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  askSecret: (prompt) =>
    new Promise((resolve) => {
      const tty = process.stdin.isTTY;
      const rl = createInterface({
        input: process.stdin,
        output: tty ? process.stderr : undefined,
        terminal: tty,
      });
      if (tty) {
        process.stderr.write(prompt);
        // keep what is typed off the screen
        (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
      }
      // close() emits 'close' at once: the line must be resolved before it, or it would be lost
      rl.once('line', (line) => {
        if (tty) process.stderr.write('\n');
        resolve(line);
        rl.close();
      });
      rl.once('close', () => resolve(''));
    }),
};
