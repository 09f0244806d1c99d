// The JSON-Schema-Test-Suite (draft 2020-12) through the JavaScript API, instances as given:
// `compileSchema(schema).validate(data)` with the suite's own values (strings are JSON strings),
// then `validateJson` with the same values as `JSON.stringify` text, as a string and as UTF-8
// bytes. The files and skips are those of tests/schema_suite.rs (the Rust run of the same suite),
// and the counts of cases run and skipped must be the ones that file expects, so the two lists
// cannot drift apart.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compileSchema, SchemaError } from 'hookseal';

const SUITE = new URL('../vectors/json-schema-test-suite/draft2020-12/', import.meta.url);
const RUST = readFileSync(new URL('../schema_suite.rs', import.meta.url), 'utf8');
const expected = (name) => Number(RUST.match(new RegExp(`const ${name}: usize = (\\d+);`))[1]);

const REFUSED = 'refused';
const FORMAT_ASSERTS = 'format asserts';

const FORMAT_SKIPS = [
  ...['email', 'ipv4', 'ipv6', 'hostname', 'date', 'date-time', 'time', 'uri', 'uuid'].map(
    (f) => [`${f} format`, `invalid ${f} string is only an annotation by default`, FORMAT_ASSERTS],
  ),
  ...['idn-email', 'regex', 'idn-hostname', 'json-pointer', 'relative-json-pointer', 'iri', 'iri-reference',
    'uri-reference', 'uri-template', 'duration'].map((f) => [`${f} format`, '*', REFUSED]),
];
const PROPERTY_ESCAPES = (...groups) => groups.map((g) => [g, '*', REFUSED]);

const RUN = {
  'additionalProperties.json': [], 'allOf.json': [], 'anchor.json': [], 'anyOf.json': [], 'boolean_schema.json': [],
  'const.json': [], 'contains.json': [], 'content.json': [], 'default.json': [],
  'defs.json': [['validate definition against metaschema', '*', REFUSED]],
  'dependentRequired.json': [], 'dependentSchemas.json': [], 'enum.json': [], 'exclusiveMaximum.json': [],
  'exclusiveMinimum.json': [], 'format.json': FORMAT_SKIPS, 'if-then-else.json': [],
  'infinite-loop-detection.json': [], 'items.json': [], 'maxContains.json': [], 'maxItems.json': [],
  'maxLength.json': [], 'maxProperties.json': [], 'maximum.json': [], 'minContains.json': [], 'minItems.json': [],
  'minLength.json': [], 'minProperties.json': [], 'minimum.json': [], 'multipleOf.json': [],
  'not.json': [["collect annotations inside a 'not', even if collection is disabled", '*', REFUSED]],
  'oneOf.json': [],
  'pattern.json': PROPERTY_ESCAPES('pattern with Unicode property escape requires unicode mode'),
  'patternProperties.json': PROPERTY_ESCAPES('patternProperties with Unicode property escape'),
  'prefixItems.json': [], 'properties.json': [], 'propertyNames.json': [],
  'ref.json': [['remote ref, containing refs itself', '*', REFUSED], ['ref creates new scope when adjacent to keywords', '*', REFUSED]],
  'required.json': [], 'type.json': [], 'uniqueItems.json': [], 'optional/anchor.json': [], 'optional/bignum.json': [],
  'optional/ecmascript-regex.json': PROPERTY_ESCAPES(
    'patterns always use unicode semantics with pattern',
    'pattern with non-ASCII digits',
    'patterns always use unicode semantics with patternProperties',
    'patternProperties with non-ASCII digits',
  ),
  'optional/float-overflow.json': [], 'optional/id.json': [], 'optional/no-schema.json': [],
  'optional/non-bmp-regex.json': [],
  ...Object.fromEntries(['date-time', 'date', 'email', 'hostname', 'ipv4', 'ipv6', 'time', 'uri', 'uuid']
    .map((f) => [`optional/format/${f}.json`, []])),
};

const skipFor = (skips, group, desc) => skips.find(([g, c]) => g === group && (c === '*' || c === desc))?.[2];

/** Every case of the run files: `check(schema, data)` gives the result; counts and failures. */
function runSuite(check) {
  let passed = 0;
  let skipped = 0;
  const failures = [];
  for (const [file, skips] of Object.entries(RUN)) {
    for (const group of JSON.parse(readFileSync(new URL(file, SUITE), 'utf8'))) {
      const where = `${file} / ${group.description}`;
      if (skipFor(skips, group.description, '*') === REFUSED) {
        // hookseal refuses what it does not implement: compiling must fail, not ignore it.
        assert.throws(() => compileSchema(group.schema), (e) => e instanceof SchemaError && e.code === 'invalid_schema', where);
        skipped += group.tests.length;
        continue;
      }
      const compiled = compileSchema(group.schema);
      try {
        for (const t of group.tests) {
          const result = check(compiled, t.data);
          if (skipFor(skips, group.description, t.description) === FORMAT_ASSERTS) {
            assert.equal(t.valid, true, `${where} / ${t.description}: skip reason does not fit`);
            if (result.valid) failures.push(`${where} / ${t.description}: format did not assert`);
            skipped += 1;
          } else if (result.valid === t.valid) {
            passed += 1;
          } else {
            failures.push(`${where} / ${t.description}: expected valid=${t.valid}, got ${JSON.stringify(result.errors)}`);
          }
        }
      } finally {
        compiled.free();
      }
    }
  }
  return { passed, skipped, failures };
}

const RUN_CASES = expected('EXPECTED_RUN');
const SKIPPED_CASES = expected('EXPECTED_SKIPPED');

test(`every supported case passes through validate, instances as given (${RUN_CASES} cases)`, () => {
  const { passed, skipped, failures } = runSuite((compiled, data) => compiled.validate(data));
  assert.deepEqual(failures, []);
  assert.deepEqual({ passed, skipped }, { passed: RUN_CASES, skipped: SKIPPED_CASES });
});

test('every supported case passes through validateJson, instances as JSON.stringify text', () => {
  const { passed, skipped, failures } = runSuite((compiled, data) => compiled.validateJson(JSON.stringify(data)));
  assert.deepEqual(failures, []);
  assert.deepEqual({ passed, skipped }, { passed: RUN_CASES, skipped: SKIPPED_CASES });
});

test('every supported case passes through validateJson, instances as UTF-8 bytes', () => {
  const encoder = new TextEncoder();
  const { passed, skipped, failures } = runSuite((compiled, data) => compiled.validateJson(encoder.encode(JSON.stringify(data))));
  assert.deepEqual(failures, []);
  assert.deepEqual({ passed, skipped }, { passed: RUN_CASES, skipped: SKIPPED_CASES });
});

test('the run list names every file tests/schema_suite.rs runs', () => {
  const rustRun = [...RUST.slice(RUST.indexOf('const RUN:'), RUST.indexOf('const SKIPPED_FILES')).matchAll(/\(\s*"([^"]+\.json)",/g)]
    .map((m) => m[1]);
  assert.deepEqual(Object.keys(RUN).sort(), rustRun.sort());
});
