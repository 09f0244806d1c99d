// Entry for the 'workerd' export condition.
import './init-workerd.mjs';

export * from './api.mjs';
