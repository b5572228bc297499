import { h } from './dom.js';

/** Options of {@link RunControls}. */
export interface RunControlsOptions {
  /** Play (`true`) or pause (`false`). */
  readonly onPlayingChange: (playing: boolean) => void;
  /** One step. */
  readonly onStep: () => void;
  /** Start again from the same seeded initialisation. */
  readonly onReset: () => void;
  /** Start again with a new seed (omit to hide the button). */
  readonly onNewSeed?: () => void;
}

/**
 * Train/pause, step, reset (rewind to the same initialisation) and new-seed buttons, with a
 * status line (`epoch 40 of 300`). Native buttons: keyboard-usable and labelled.
 */
export class RunControls {
  /** The element to insert. */
  readonly element: HTMLElement;
  readonly #play: HTMLButtonElement;
  readonly #step: HTMLButtonElement;
  readonly #status: HTMLElement;
  #playing = false;
  #done = false;

  constructor(options: RunControlsOptions) {
    this.#play = h('button', {
      text: 'Train',
      attrs: { type: 'button', 'data-testid': 'play', 'aria-pressed': 'false' },
    });
    this.#step = h('button', { text: 'Step', attrs: { type: 'button', 'data-testid': 'step' } });
    const reset = h('button', {
      text: 'Reset',
      attrs: {
        type: 'button',
        'data-testid': 'reset',
        title: 'Start again from the same initialisation (same seed)',
      },
    });
    const newSeed =
      options.onNewSeed === undefined
        ? null
        : h('button', { text: 'New seed', attrs: { type: 'button', 'data-testid': 'new-seed' } });
    this.#status = h('span', {
      className: 'run-status',
      attrs: { 'data-testid': 'run-status', 'aria-live': 'polite' },
    });
    this.#play.addEventListener('click', () => {
      if (this.#done) return;
      this.setPlaying(!this.#playing);
      options.onPlayingChange(this.#playing);
    });
    this.#step.addEventListener('click', () => options.onStep());
    reset.addEventListener('click', () => options.onReset());
    newSeed?.addEventListener('click', () => options.onNewSeed?.());
    this.element = h(
      'div',
      { className: 'run-controls', attrs: { role: 'group', 'aria-label': 'Training' } },
      this.#play,
      this.#step,
      reset,
      newSeed,
      this.#status,
    );
  }

  /** Whether training is running. */
  get playing(): boolean {
    return this.#playing;
  }

  /** Shows the playing state (without calling back). */
  setPlaying(playing: boolean): void {
    this.#playing = playing;
    this.#play.textContent = playing ? 'Pause' : 'Train';
    this.#play.setAttribute('aria-pressed', String(playing));
  }

  /** Shows that the run has no step left (budget spent or diverged). */
  setDone(done: boolean): void {
    this.#done = done;
    this.#play.disabled = done;
    this.#step.disabled = done;
    if (done) this.setPlaying(false);
  }

  /** Sets the status line; `data-state` is `running`, `paused` or `done` for tests. */
  setStatus(text: string): void {
    this.#status.textContent = text;
    this.#status.dataset['state'] = this.#done ? 'done' : this.#playing ? 'running' : 'paused';
  }
}
