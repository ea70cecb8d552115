// Batches posted to one API instance at the same moment share a transaction. At a district's
// morning peak hundreds of laptops post at once, and a transaction's fixed cost (its round trips,
// its locks, its commit) paid once per batch is most of the work: here one is paid for all the
// batches that arrived while the previous transaction ran. A lone batch never waits for company.

export interface SharedWritesOptions<I> {
  /** Transactions running at once: while one waits on the database, the next group is read and decided. */
  parallel: number;
  /** Most items (marks) one transaction takes; a batch larger than this goes alone. */
  maxItems: number;
  size: (input: I) => number;
}

interface Waiting<I, O> {
  input: I;
  resolve: (out: O) => void;
  reject: (err: unknown) => void;
}

/**
 * Wraps `run`, which writes a group of inputs in one transaction and answers each in order, into a
 * function of one input. If a group fails, each of its inputs is run again alone, so one batch's
 * error is that batch's answer and never its neighbours'.
 */
export function sharedWrites<I, O>(run: (inputs: I[]) => Promise<O[]>, opts: SharedWritesOptions<I>): (input: I) => Promise<O> {
  const queue: Waiting<I, O>[] = [];
  let running = 0;

  const take = (): Waiting<I, O>[] => {
    const group = [queue.shift()!];
    let items = opts.size(group[0]!.input);
    while (queue.length && items + opts.size(queue[0]!.input) <= opts.maxItems) {
      items += opts.size(queue[0]!.input);
      group.push(queue.shift()!);
    }
    return group;
  };

  const alone = (w: Waiting<I, O>) => run([w.input]).then(([out]) => w.resolve(out!), w.reject);

  async function write(group: Waiting<I, O>[]) {
    if (group.length === 1) return alone(group[0]!);
    let outs: O[];
    try {
      outs = await run(group.map((w) => w.input));
    } catch {
      for (const w of group) await alone(w);
      return;
    }
    group.forEach((w, i) => w.resolve(outs[i]!));
  }

  const pump = () => {
    while (running < opts.parallel && queue.length) {
      running++;
      void write(take()).finally(() => {
        running--;
        pump();
      });
    }
  };

  return (input) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      pump();
    });
}
