/**
 * `hookseal/config`: webhook-config validation alone (JSON Schema 2020-12, the built-in provider
 * schemas and their error answers, the safe-URL policy, reserved headers, secrets), with its own
 * WebAssembly module that leaves out signing, verification and delivery. The same functions and
 * classes as `hookseal`'s, documented there; the error classes are this entry's own.
 *
 * @example
 * import { validateConfig } from 'hookseal/config';
 * const result = validateConfig('jurichat', request.body);
 * if (!result.valid) return reply.code(result.response.status).send(result.response.body);
 */
export {
  validateConfig,
  validateConfigJson,
  compileSchema,
  CompiledSchema,
  checkWebhookUrl,
  reservedHeaders,
  generateSecret,
  HooksealError,
  CanonicalizationError,
  SchemaError,
} from './index.js';
export type {
  BuiltinSchemaName,
  ErrorStyle,
  ValidateOptions,
  ValidationIssue,
  ValidationResult,
  UrlRefusalCode,
  CanonicalizationErrorCode,
} from './index.js';
