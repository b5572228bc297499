/**
 * Calls a function once per animation frame while it returns `true` (cheap 2-D optimizer
 * paths run on the main thread a few steps per frame). `stop` cancels the next frame.
 */
export class FrameLoop {
  #frame: number | null = null;
  readonly #onFrame: () => boolean;

  constructor(onFrame: () => boolean) {
    this.#onFrame = onFrame;
  }

  /** Whether a frame is scheduled. */
  get running(): boolean {
    return this.#frame !== null;
  }

  /** Starts calling the function every frame (no effect when already running). */
  start(): void {
    if (this.#frame === null) this.#frame = requestAnimationFrame(this.#tick);
  }

  /** Stops before the next frame. */
  stop(): void {
    if (this.#frame !== null) cancelAnimationFrame(this.#frame);
    this.#frame = null;
  }

  readonly #tick = (): void => {
    this.#frame = null;
    if (this.#onFrame()) this.#frame = requestAnimationFrame(this.#tick);
  };
}
