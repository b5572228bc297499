import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { App } from './app/app.js';
import { installErrorBanner } from './app/error-banner.js';

const root = document.getElementById('app');
if (root === null) throw new Error('deeptune web: the page has no #app element.');
const app = new App(root);
installErrorBanner(document.body);
// Importing deeptune installs the wasm backend in the workers, but a page's main thread may
// compile WebAssembly only asynchronously: do it before any page computes (the MNIST page
// predicts here), so the page and its workers run on the same backend.
const { useBackend } = await import('deeptune');
await useBackend({ threads: 1 });
void app.route();
