// A promise-chain mutex: callers run one at a time, in the order they asked.

export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  private held = false;

  get locked(): boolean {
    return this.held;
  }

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(async () => {
      this.held = true;
      try {
        return await fn();
      } finally {
        this.held = false;
      }
    });
    // The next caller waits for this one whether it succeeded or not.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
