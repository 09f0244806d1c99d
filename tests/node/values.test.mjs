// Values are values: `validate(x)` and `validateConfig(schema, x)` validate `x` itself (a string
// is a JSON string instance, as in ajv and zod); JSON text has its own calls, `validateJson` and
// `validateConfigJson`, whose parse failures are invalid results with the parser's code.
import test from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import {
  compileSchema, validateConfig, validateConfigJson, CanonicalizationError, SchemaError,
} from 'hookseal';

const ajv = new Ajv2020({ strict: false });

test('a string is a string instance', () => {
  const string = compileSchema({ type: 'string' });
  const object = compileSchema({ type: 'object' });
  const ok = string.validate('hello');
  assert.deepEqual(ok, { valid: true, value: 'hello', errors: [], fieldErrors: {} });
  const bad = object.validate('hello');
  assert.equal(bad.valid, false);
  assert.deepEqual(bad.errors.map((e) => [e.path, e.keyword, e.message]), [['', 'type', 'must be object']]);
  // Text that looks like JSON is still a string, as ajv sees it.
  for (const text of ['{"a":1}', '[]', '1', 'null', '', '{', '"quoted"']) {
    assert.equal(object.validate(text).valid, ajv.validate({ type: 'object' }, text), text);
    assert.equal(string.validate(text).valid, true, text);
    assert.equal(validateConfig({ type: 'string', minLength: 2 }, text).valid, ajv.validate({ type: 'string', minLength: 2 }, text), text);
  }
  // Every other JSON type as given.
  const typeOf = compileSchema({ oneOf: ['null', 'boolean', 'number', 'string', 'array', 'object'].map((type) => ({ type })) });
  for (const value of [null, true, 0, -1.5, 'x', [], [1, 'a'], {}, { a: [null] }]) {
    assert.equal(typeOf.validate(value).valid, true, JSON.stringify(value));
  }
  // A built-in schema wants an object: a config sent as a string is a type error, never parsed.
  const talkover = validateConfig('talkover', JSON.stringify({ name: 'a', webhook_url: 'https://e.com', events: ['event_phone_call_ended'] }));
  assert.equal(talkover.valid, false);
  assert.equal(talkover.errors[0].keyword, 'type');
  assert.equal(talkover.response.status, 422);
});

test('values without a JSON form throw as in canonicalizeValue; undefined is no instance', () => {
  const any = compileSchema({});
  const code = (value) => {
    try {
      any.validate(value);
      return 'valid';
    } catch (e) {
      assert.ok(e instanceof CanonicalizationError, String(e));
      return e.code;
    }
  };
  assert.equal(code(undefined), 'unsupported_value');
  assert.equal(code(), 'unsupported_value');
  assert.equal(code(NaN), 'number_out_of_range');
  assert.equal(code({ a: Infinity }), 'number_out_of_range');
  assert.equal(code(10n), 'unsupported_value');
  assert.equal(code(() => 1), 'unsupported_value');
  assert.equal(code('a\ud800'), 'lone_surrogate');
  const cycle = {};
  cycle.self = cycle;
  assert.equal(code(cycle), 'circular_reference');
  // Inside a value, undefined members are left out, as JSON.stringify does.
  assert.equal(code({ a: undefined }), 'valid');
  assert.deepEqual(validateConfig({ type: 'object', required: ['a'] }, { a: undefined }).errors.map((e) => e.keyword), ['required']);
  assert.throws(() => validateConfig('talkover', undefined), (e) => e instanceof CanonicalizationError && e.code === 'unsupported_value');
});

/** The one error of a parse failure. */
function parseFailure(result) {
  assert.equal(result.valid, false);
  assert.equal(result.value, null);
  assert.equal(result.errors.length, 1);
  const [e] = result.errors;
  assert.deepEqual(Object.keys(e), ['path', 'keyword', 'message', 'params']);
  assert.equal(e.path, '');
  assert.equal(e.keyword, 'json');
  assert.equal(typeof e.message, 'string');
  assert.deepEqual(result.fieldErrors, { '': [e.message] });
  return e;
}

test('JSON text the strict parser refuses is an invalid result, with the parser code', () => {
  const schema = compileSchema({ type: 'object' });
  const cases = [
    ['{"a": 1', 'invalid_json'],
    ['', 'invalid_json'],
    ['{"a": 1} x', 'invalid_json'],
    ['{"a": 1, "a": 2}', 'duplicate_key'],
    ['{"a": {"b": [1, {"c": 1, "c": 1}]}}', 'duplicate_key'],
    ['["\\ud800"]', 'lone_surrogate'],
    ['["a\ud800"]', 'lone_surrogate'],
    ['{"x": "\udc00"}', 'lone_surrogate'],
    ['['.repeat(129) + ']'.repeat(129), 'too_deep'],
    ['['.repeat(100_000), 'too_deep'],
    ['1e400', 'number_out_of_range'],
    [new Uint8Array([0x22, 0xff, 0x22]), 'invalid_utf8'],
    [new TextEncoder().encode('{"a":1,"a":1}'), 'duplicate_key'],
  ];
  for (const [text, code] of cases) {
    const label = typeof text === 'string' ? text.slice(0, 40) : `bytes ${text}`;
    const compiled = parseFailure(schema.validateJson(text));
    assert.equal(compiled.params.code, code, label);
    assert.equal(compiled.response, undefined, label);
    const once = validateConfigJson({ type: 'object' }, text);
    assert.equal(parseFailure(once).params.code, code, label);
    assert.equal(once.response, undefined, 'an ajv-style schema has no response');
  }
  // The messages say where, never what the text holds.
  assert.match(parseFailure(schema.validateJson('{"a": 1, "a": 2}')).message, /\/a|"a"|a/);
  assert.doesNotMatch(parseFailure(schema.validateJson('{"secret": sk_live_123}')).message, /sk_live_123/);
  // Within the limits the same text is parsed: 128 levels are fine.
  assert.equal(schema.validateJson('{"a":' + '['.repeat(127) + ']'.repeat(127) + '}').valid, true);
  // And text that parses is validated like the value.
  assert.deepEqual(schema.validateJson('{"a": [1, "b"]}'), schema.validate({ a: [1, 'b'] }));
  assert.deepEqual(schema.validateJson('"hello"'), schema.validate('hello'));
});

test('built-in schemas answer a parse failure in the provider style, status 400', () => {
  const text = '{"name": "a", "name": "b"}';
  const talkover = validateConfigJson('talkover', text);
  assert.equal(parseFailure(talkover).params.code, 'duplicate_key');
  assert.deepEqual(talkover.response, { status: 400, body: { message: 'The request body is not valid JSON.' } });

  const jurichat = validateConfigJson('jurichat', '{"name": ');
  const e = parseFailure(jurichat);
  assert.equal(e.params.code, 'invalid_json');
  assert.deepEqual(jurichat.response, {
    status: 400,
    body: { statusCode: 400, error: 'Bad Request', message: `Body is not valid JSON: ${e.message}` },
  });

  const jelou = validateConfigJson('jelou', new Uint8Array([0xff]));
  assert.equal(parseFailure(jelou).params.code, 'invalid_utf8');
  assert.equal(jelou.response.status, 400);
  assert.deepEqual(Object.keys(jelou.response.body), ['message', 'statusMessage', 'status']);
  assert.equal(jelou.response.body.statusMessage, 'error');

  const endpoint = validateConfigJson('standard-webhooks-endpoint', '["\\udfff"]');
  assert.equal(parseFailure(endpoint).params.code, 'lone_surrogate');
  assert.equal(endpoint.response.status, 400);
  assert.equal(endpoint.response.body.status, 400);
  assert.equal(endpoint.response.body.title, 'Bad Request');
  assert.equal(endpoint.response.body.code, 'lone_surrogate');

  // An errorStyle option picks the style for an object schema too.
  const styled = validateConfigJson({ type: 'object' }, '{', { errorStyle: 'laravel' });
  assert.equal(styled.response.status, 400);
  // A compiled built-in answers the same.
  assert.deepEqual(compileSchema('talkover').validateJson(text), talkover);
  // Parsed text is validated as usual: a config the schema refuses is the provider's 422.
  assert.equal(validateConfigJson('talkover', '{"name": "My Webhook", "events": []}').response.status, 422);
  assert.equal(validateConfigJson('talkover', '{"name":"a","webhook_url":"https://e.com","events":["event_phone_call_ended"]}').valid, true);
});

test('wrong argument types still throw', () => {
  const schema = compileSchema({});
  for (const bad of [undefined, null, 1, {}, [], new ArrayBuffer(2), new Uint16Array(2), new DataView(new ArrayBuffer(2))]) {
    assert.throws(() => schema.validateJson(bad), TypeError);
    assert.throws(() => validateConfigJson('talkover', bad), TypeError);
    assert.throws(() => validateConfigJson({}, bad), TypeError);
  }
  assert.throws(() => validateConfigJson('nope', '{}'), (e) => e instanceof SchemaError && e.code === 'invalid_schema');
  assert.throws(() => validateConfigJson('talkover', '{}', { errorStyle: 'nope' }), (e) => e instanceof SchemaError && e.code === 'invalid_options');
});
