// A one-line progress bar on stderr (redrawn in place on a terminal, plain lines otherwise).
export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr) {
  let done = 0;
  const width = 28;
  return {
    tick(label: string) {
      done++;
      const filled = Math.round((done / Math.max(total, 1)) * width);
      const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label}`;
      if (stream.isTTY) stream.write(`\r\x1b[K${line}`);
      else stream.write(`${line}\n`);
    },
    end() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
