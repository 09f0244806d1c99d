// Entry for the 'node' export condition.
import './init-node.mjs';

export * from './api.mjs';
