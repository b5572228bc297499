/** Attributes and properties accepted by {@link h}. */
export interface ElementProps {
  /** The `class` attribute. */
  readonly className?: string;
  /** Text content (set before the children are appended). */
  readonly text?: string;
  /** Other attributes, set with `setAttribute`; `false` and `undefined` leave one out. */
  readonly attrs?: Readonly<Record<string, string | number | boolean | undefined>>;
}

/** A child of {@link h}: an element, a text, or nothing. */
export type Child = Node | string | null | undefined | false;

/**
 * Creates an element: `h('p', { className: 'lesson' }, 'text', child)`. The one DOM helper of
 * the demo; no framework, so the tune dashboard and tests can reuse every component as is.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.className !== undefined) element.className = props.className;
  if (props.text !== undefined) element.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** Removes every child of `element`. */
export function clear(element: Element): void {
  element.replaceChildren();
}

/** The children that are present: `element.replaceChildren(...present(a, maybe && b))`. */
export function present(...children: Child[]): (Node | string)[] {
  return children.filter(
    (child): child is Node | string => child !== null && child !== undefined && child !== false,
  );
}
