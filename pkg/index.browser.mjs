// Entry for the 'browser' export condition.
import './init-browser.mjs';

export * from './api.mjs';
