import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { App } from './app/app.js';
import { installErrorBanner } from './app/error-banner.js';

const root = document.getElementById('app');
if (root === null) throw new Error('deeptune web: the page has no #app element.');
const app = new App(root);
installErrorBanner(document.body);
void app.route();
