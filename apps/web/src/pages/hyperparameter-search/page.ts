import { definePage } from '../../app/page.js';
import { h } from '../../ui/dom.js';
import { MessageBox } from '../../ui/message-box.js';
import { paramSelect } from '../../ui/param-controls.js';
import { c2fSection } from './c2f-section.js';
import { caviarSection } from './caviar-section.js';
import { gridSection } from './grid-section.js';
import './hyperparameter-search.css';
import {
  HYPERPARAMETER_SEARCH_PARAMS,
  type SearchSection,
} from './hyperparameter-search-params.js';
import { pandaSection } from './panda-section.js';
import { scaleSection } from './scale-section.js';
import type { SectionContext, SectionView } from './section-view.js';

/** The figures, in the order of the lesson. */
const SECTIONS: readonly {
  readonly id: SearchSection;
  readonly label: string;
  readonly create: (context: SectionContext) => SectionView;
}[] = [
  { id: 'grid', label: 'Grid vs random', create: gridSection },
  { id: 'scale', label: 'The right scale', create: scaleSection },
  { id: 'c2f', label: 'Coarse to fine', create: c2fSection },
  { id: 'caviar', label: 'Caviar: many models at once', create: caviarSection },
  { id: 'panda', label: 'Panda: babysit one model', create: pandaSection },
];

export default definePage({
  params: HYPERPARAMETER_SEARCH_PARAMS,
  mount({ root, params }) {
    const messages = new MessageBox('page-message');
    const sectionControls = h('div', { className: 'hyperparameter-search-controls' });
    const figures = h('div', { className: 'figures' });
    let current: SectionView | null = null;

    const show = (id: string): void => {
      current?.dispose();
      messages.clear();
      const section = SECTIONS.find((entry) => entry.id === id) ?? SECTIONS[0]!;
      current = section.create({ params, messages });
      sectionControls.replaceChildren(...current.controls);
      figures.replaceChildren(messages.element, current.figures);
      figures.dataset['section'] = section.id;
    };

    const sectionSelect = paramSelect(
      params,
      HYPERPARAMETER_SEARCH_PARAMS,
      'section',
      {
        label: 'Figure',
        labels: Object.fromEntries(SECTIONS.map((section) => [section.id, section.label])),
      },
      show,
    );

    root.replaceChildren(
      h(
        'div',
        { className: 'experiment' },
        h(
          'section',
          { className: 'controls', attrs: { 'aria-label': 'Settings' } },
          h('h2', { text: 'Figure' }),
          sectionSelect.element,
          h('h2', { text: 'Settings' }),
          sectionControls,
        ),
        figures,
      ),
    );
    show(params.values.section);

    return () => {
      current?.dispose();
      current = null;
    };
  },
});
