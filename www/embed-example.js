// How an OA system adds report-check to its existing textarea: these three lines.
import { attach } from './report-check.js';
const checker = attach(document.querySelector('textarea[name="body"]'));
window.reportCheck = checker; // (for the e2e test; not needed in an integration)
