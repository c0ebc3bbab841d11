import './styles.css';
import { App } from './app.ts';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
new App(root);
