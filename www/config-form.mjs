// The config form: generated from a built-in schema (served from /schemas/), validated with
// validateConfig on every input, messages under each field, the request body and the provider's
// response beside it, and on a valid submit the created config with a fresh signing secret.
import { el, fill, pretty } from './dom.mjs';

/** How each provider hands out the signing secret of a new webhook (README, "Built-in schemas"). */
const PROVIDERS = {
  jurichat: { field: 'secret', format: 'hex', status: 201 },
  jelou: { field: 'signingSecret', format: 'hex', status: 200 },
  talkover: { field: 'webhook_secret', format: 'hex', status: 201, keepGiven: true },
  'standard-webhooks-endpoint': { field: 'secret', format: 'whsec', status: 201, keepGiven: true },
};
/** Fields whose value is a secret the user may generate here. */
const GENERATED = { webhook_secret: 'hex', secret: 'whsec' };

const schemas = new Map();
async function loadSchema(name) {
  if (!schemas.has(name)) {
    const response = await fetch(`/schemas/${name}.json`);
    if (!response.ok) throw new Error(`schema ${name}: HTTP ${response.status}`);
    schemas.set(name, await response.json());
  }
  return schemas.get(name);
}

/** The kind of control a property gets. */
function kindOf(prop) {
  if (prop.type === 'boolean') return 'boolean';
  if (prop.type === 'integer' || prop.type === 'number') return 'number';
  if (prop.type === 'array') return prop.items?.enum ? 'checkboxes' : 'list';
  if (prop.type === 'object') return 'pairs';
  if (prop.enum) return 'select';
  return 'text';
}

/** The schema's limits in words, shown under the field. */
function limits(prop, required) {
  const out = [];
  if (required) out.push('Required');
  const { minLength: lo, maxLength: hi } = prop;
  if (lo != null && hi != null) out.push(`${lo}–${hi} characters`);
  else if (hi != null) out.push(`at most ${hi} characters`);
  else if (lo != null && lo > 1) out.push(`at least ${lo} characters`);
  if (prop.format === 'webhook-url') out.push('a public https URL');
  else if (prop.format === 'uri') out.push('a URL');
  if (prop.minimum != null && prop.maximum != null) out.push(`${prop.minimum}–${prop.maximum}`);
  if (prop.minItems) out.push(`at least ${prop.minItems}`);
  if (prop.maxItems) out.push(`at most ${prop.maxItems}`);
  if (prop.maxProperties) out.push(`at most ${prop.maxProperties} entries`);
  if (prop.default !== undefined && prop.default !== '') out.push(`default ${JSON.stringify(prop.default)}`);
  return out.join(' · ');
}

/** A readable label from a property name: `webhook_url` → "Webhook URL", `isActive` → "Is active". */
const labelOf = (name) => {
  const words = name.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/\b(url|uid)\b/g, (w) => w.toUpperCase());
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export async function setupConfigForm(hookseal) {
  const { validateConfig, generateSecret } = hookseal;
  const provider = document.getElementById('provider');
  const form = document.getElementById('config-form');
  const fieldsNode = document.getElementById('fields');
  const bodyNode = document.getElementById('config-body');
  const responseNode = document.getElementById('config-response');
  const statusLine = document.getElementById('config-status-line');
  const general = document.getElementById('config-general');
  const created = document.getElementById('created');
  const createdBody = document.getElementById('created-body');
  const announce = document.getElementById('config-announce');

  /** The current form: name, schema and one entry per field with `read()` and its error node. */
  let current = null;

  async function build(name) {
    const schema = await loadSchema(name);
    const required = new Set(schema.required ?? []);
    const fields = [];
    const nodes = [];
    for (const [key, prop] of Object.entries(schema.properties ?? {})) {
      const field = makeField(key, prop, required.has(key), generateSecret, update);
      fields.push(field);
      nodes.push(field.node);
    }
    fill(fieldsNode, nodes);
    document.getElementById('config-form-title').textContent = schema.title ?? name;
    current = { name, fields, touched: new Set() };
    created.hidden = true;
    update();
  }

  function collect() {
    const value = {};
    for (const field of current.fields) {
      const v = field.read();
      if (v !== undefined) value[field.key] = v;
    }
    return value;
  }

  function update() {
    const value = collect();
    const result = validateConfig(current.name, value);
    const byField = new Map();
    const others = [];
    for (const [path, messages] of Object.entries(result.fieldErrors)) {
      const key = current.fields.find((f) => path === f.key || path.startsWith(`${f.key}.`))?.key;
      if (key) byField.set(key, [...(byField.get(key) ?? []), ...messages]);
      else others.push(...messages);
    }
    for (const field of current.fields) {
      const messages = current.touched.has(field.key) ? byField.get(field.key) ?? [] : [];
      field.showErrors(messages);
    }
    general.textContent = current.touched.size ? others.join(' ') : '';
    bodyNode.textContent = pretty(value);
    if (result.valid) {
      statusLine.textContent = `Valid: the provider would create the webhook (HTTP ${PROVIDERS[current.name].status}).`;
      statusLine.className = 'status-line good';
      responseNode.textContent = pretty({ valid: true, value: result.value });
    } else {
      statusLine.textContent = `HTTP ${result.response.status}: ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}.`;
      statusLine.className = 'status-line bad';
      responseNode.textContent = pretty(result.response.body);
    }
    return result;
  }

  form.addEventListener('input', (event) => {
    const key = event.target.closest('[data-field]')?.dataset.field;
    if (key) current.touched.add(key);
    created.hidden = true;
    update();
  });
  form.addEventListener('focusout', (event) => {
    const key = event.target.closest('[data-field]')?.dataset.field;
    if (key && !current.touched.has(key) && event.target.value !== '') {
      current.touched.add(key);
      update();
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const field of current.fields) current.touched.add(field.key);
    const result = update();
    if (!result.valid) {
      const count = current.fields.filter((f) => f.hasErrors()).length;
      announce.textContent = `Not created: ${count || result.errors.length} field${count === 1 ? '' : 's'} to fix.`;
      current.fields.find((f) => f.hasErrors())?.focus();
      return;
    }
    const spec = PROVIDERS[current.name];
    const given = spec.keepGiven ? result.value[spec.field] : undefined;
    const secret = given || generateSecret({ format: spec.format });
    fill(createdBody, `HTTP ${spec.status}\n\n${pretty(createdResponse(current.name, result.value, spec.field, secret))}`);
    created.hidden = false;
    announce.textContent = 'Webhook created. The response with its signing secret is shown below the form.';
    document.getElementById('created-title').focus();
  });
  form.addEventListener('reset', (event) => {
    event.preventDefault();
    build(current.name);
  });
  provider.addEventListener('change', () => build(provider.value));
  await build(provider.value);
}

/** The created webhook as the provider would answer (ids and dates are placeholders). */
function createdResponse(name, value, field, secret) {
  const now = new Date().toISOString();
  const id = crypto.randomUUID();
  switch (name) {
    case 'jelou':
      return { message: ['Webhook configured'], statusMessage: 'success', status: 1, data: { ...value, [field]: secret } };
    case 'talkover':
      return { data: { id: 1, ...value, [field]: secret, created_at: now, updated_at: now } };
    case 'standard-webhooks-endpoint':
      return { id: `ep_${id.replace(/-/g, '').slice(0, 24)}`, ...value, [field]: secret, createdAt: now, updatedAt: now };
    default:
      return { id, ...value, [field]: secret, createdAt: now };
  }
}

/** One field: its control(s), hint and error list, and how to read its value. */
function makeField(key, prop, required, generateSecret, changed) {
  const id = `f-${key}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const kind = kindOf(prop);
  const rules = limits(prop, required);
  const sentence = (t) => (t ? `${t.charAt(0).toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}` : '');
  const hintText = [sentence(prop.description), sentence(rules)].filter(Boolean).join(' ');
  const hint = el('p', { class: 'hint', id: hintId }, hintText);
  const error = el('ul', { class: 'field-error', id: errorId, 'aria-live': 'polite' });
  const describedBy = `${hintId} ${errorId}`;
  const label = labelOf(key);
  const requiredMark = required ? el('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null;
  let node;
  let read;
  let focusTarget;
  let invalidTargets;

  if (kind === 'checkboxes') {
    const boxes = prop.items.enum.map((option, i) => {
      const box = el('input', { type: 'checkbox', id: `${id}-${i}`, value: option });
      return { box, row: el('label', { class: 'check', for: box.id }, box, el('span', {}, option)) };
    });
    node = el('fieldset', { class: 'field group', dataset: { field: key }, 'aria-describedby': describedBy },
      el('legend', {}, label, requiredMark), el('div', { class: 'checks' }, boxes.map((b) => b.row)), hint, error);
    read = () => boxes.filter((b) => b.box.checked).map((b) => b.box.value);
    focusTarget = boxes[0]?.box;
    invalidTargets = [node];
  } else if (kind === 'pairs') {
    const rows = el('div', { class: 'pairs' });
    const noun = key === 'headers' ? 'header' : 'entry';
    const add = el('button', { type: 'button', class: 'small' }, `Add ${noun}`);
    let count = 0;
    const addRow = () => {
      const n = count++;
      const name = el('input', { type: 'text', id: `${id}-name-${n}`, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': describedBy });
      const val = el('input', { type: 'text', id: `${id}-value-${n}`, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': describedBy });
      const remove = el('button', { type: 'button', class: 'small', 'aria-label': `Remove ${noun} ${n + 1}` }, 'Remove');
      const row = el('div', { class: 'pair' },
        el('label', { for: name.id, class: 'sr-only' }, `${labelOf(noun)} ${n + 1} name`), name,
        el('label', { for: val.id, class: 'sr-only' }, `${labelOf(noun)} ${n + 1} value`), val, remove);
      name.placeholder = key === 'headers' ? 'X-Header-Name' : 'name';
      val.placeholder = 'value';
      remove.addEventListener('click', () => {
        row.remove();
        add.focus();
        changed();
      });
      rows.append(row);
      return name;
    };
    add.addEventListener('click', () => {
      addRow().focus();
    });
    node = el('fieldset', { class: 'field group', dataset: { field: key }, 'aria-describedby': describedBy },
      el('legend', {}, label, requiredMark), rows, add, hint, error);
    read = () => {
      const pairs = [...rows.querySelectorAll('.pair')].map((r) => [...r.querySelectorAll('input')].map((i) => i.value));
      const filled = pairs.filter(([n, v]) => n !== '' || v !== '');
      return filled.length ? Object.fromEntries(filled) : undefined;
    };
    focusTarget = add;
    invalidTargets = [node];
  } else {
    let control;
    if (kind === 'boolean') {
      control = el('input', { type: 'checkbox', id, checked: prop.default === true });
    } else if (kind === 'select') {
      const options = prop.enum.map((o) => el('option', { value: o, selected: o === prop.default }, o));
      control = el('select', { id }, prop.default === undefined ? el('option', { value: '' }, '—') : null, options);
    } else if (kind === 'number') {
      control = el('input', { type: 'number', id, inputmode: 'numeric', step: prop.type === 'integer' ? 1 : 'any', min: prop.minimum, max: prop.maximum, placeholder: prop.default });
    } else {
      const url = prop.format === 'uri' || prop.format === 'webhook-url';
      control = el('input', { type: url ? 'url' : 'text', id, autocomplete: 'off', spellcheck: 'false', placeholder: url ? 'https://example.com/webhooks' : null });
    }
    control.setAttribute('aria-describedby', describedBy);
    if (required) control.setAttribute('aria-required', 'true');
    const labelNode = el('label', { for: id }, label, requiredMark);
    let input = control;
    if (GENERATED[key] && kind === 'text') {
      const button = el('button', { type: 'button', class: 'small' }, 'Generate');
      button.setAttribute('aria-label', `Generate ${label.toLowerCase()}`);
      button.addEventListener('click', () => {
        control.value = generateSecret({ format: GENERATED[key] });
        control.dispatchEvent(new Event('input', { bubbles: true }));
      });
      input = el('div', { class: 'with-button' }, control, button);
    }
    node = kind === 'boolean'
      ? el('div', { class: 'field', dataset: { field: key } }, el('label', { class: 'check', for: id }, control, el('span', {}, label)), hint, error)
      : el('div', { class: 'field', dataset: { field: key } }, labelNode, input, hint, error);
    read = () => {
      if (kind === 'boolean') return control.checked;
      if (kind === 'number') {
        if (control.value === '') return control.validity.badInput ? control.value : undefined;
        return Number(control.value);
      }
      if (control.value === '') return undefined;
      if (kind === 'list') return control.value.split(/[\s,]+/).filter(Boolean);
      return control.value;
    };
    if (kind === 'list') {
      control.placeholder = 'comma or space separated';
    }
    focusTarget = control;
    invalidTargets = [control];
  }

  let errors = [];
  return {
    key,
    node,
    read,
    focus: () => focusTarget?.focus(),
    hasErrors: () => errors.length > 0,
    showErrors(messages) {
      errors = messages;
      fill(error, messages.map((m) => el('li', {}, m)));
      for (const target of invalidTargets) {
        if (messages.length) target.setAttribute('aria-invalid', 'true');
        else target.removeAttribute('aria-invalid');
      }
      node.classList.toggle('invalid', messages.length > 0);
    },
  };
}
