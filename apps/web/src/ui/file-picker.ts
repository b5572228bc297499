import { h } from './dom.js';
import { uniqueId } from './unique-id.js';

/** Options of {@link FilePicker}. */
export interface FilePickerOptions {
  /** The visible label. */
  readonly label: string;
  /** The accepted types (the input's `accept`), e.g. `.csv,text/csv`. */
  readonly accept: string;
  /** The largest file read, in bytes; a larger file is refused before it is read. */
  readonly maxBytes: number;
  /** Allow several files (a model folder's files). @defaultValue false */
  readonly multiple?: boolean;
  /** Receives the chosen files (already checked against `maxBytes`). */
  readonly onFiles: (files: readonly File[]) => void | Promise<void>;
  /** Receives a refusal or a failure of `onFiles`, to show on the page. */
  readonly onError: (message: string) => void;
  /** A test id for the input. */
  readonly testId?: string;
}

/**
 * A labelled file input that also accepts files dropped on it. Files over the size bound are
 * refused with a message naming the file, its size and the bound — never read.
 */
export class FilePicker {
  /** The element to insert. */
  readonly element: HTMLElement;

  constructor(options: FilePickerOptions) {
    const id = uniqueId(options.label);
    const input = h('input', {
      attrs: {
        id,
        type: 'file',
        accept: options.accept,
        multiple: options.multiple === true,
        'data-testid': options.testId,
      },
    });
    const accept = async (files: readonly File[]): Promise<void> => {
      const tooLarge = files.find((file) => file.size > options.maxBytes);
      if (tooLarge !== undefined) {
        options.onError(
          `${tooLarge.name} is ${(tooLarge.size / 1024 / 1024).toFixed(1)} MB; the demo reads files up to ${(options.maxBytes / 1024 / 1024).toFixed(1)} MB.`,
        );
        return;
      }
      try {
        await options.onFiles(files);
      } catch (error) {
        options.onError(error instanceof Error ? error.message : String(error));
      }
    };
    input.addEventListener('change', () => {
      void accept(Array.from(input.files ?? []));
      input.value = '';
    });
    this.element = h(
      'div',
      { className: 'control file-picker' },
      h('label', { text: options.label, attrs: { for: id } }),
      input,
    );
    this.element.addEventListener('dragover', (event) => {
      event.preventDefault();
      this.element.classList.add('dragging');
    });
    this.element.addEventListener('dragleave', () => this.element.classList.remove('dragging'));
    this.element.addEventListener('drop', (event) => {
      event.preventDefault();
      this.element.classList.remove('dragging');
      void accept(Array.from(event.dataTransfer?.files ?? []));
    });
  }
}
