// `make test-www`: the page of `make www` in headless Chromium (Debian's, driven by
// playwright-core), used the way people use it: typing, keyboard, clicks, at desktop and phone
// width. Screenshots go to target/www/. Exits non-zero on the first failed check.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../www/server.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = `${ROOT}target/www`;
const ARGS = ['--no-sandbox', '--disable-gpu', '--headless', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

let failures = 0;
async function check(name, fn) {
  try {
    await fn();
    console.log(`ok - ${name}`);
  } catch (error) {
    failures++;
    console.log(`not ok - ${name}\n  ${String(error.stack ?? error).split('\n').join('\n  ')}`);
  }
}

const server = await serve({ host: '127.0.0.1', port: 0 });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
await mkdir(SHOTS, { recursive: true });

/** A page on the server; anything else the page asks for is refused and remembered. */
async function open(viewport) {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && page.problems.push(`console: ${m.text()}`));
  await context.route('**/*', (route) => {
    if (route.request().url().startsWith(origin)) return route.continue();
    page.problems.push(`external request: ${route.request().url()}`);
    return route.abort();
  });
  await page.goto(`${origin}/`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 15000 });
  return page;
}

const text = (page, selector) => page.locator(selector).innerText();
const errorsOf = (page, key) => text(page, `#f-${key}-error`);

const page = await open({ width: 1280, height: 900 });

await check('every control is labelled and every field error is linked with aria-describedby', async () => {
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea, button')]
    .filter((c) => !c.closest('[aria-hidden="true"]'))
    .filter((c) => !(c.labels?.length || c.getAttribute('aria-label') || (c.tagName === 'BUTTON' && c.textContent.trim())))
    .map((c) => c.id || c.outerHTML));
  assert.deepEqual(unlabelled, []);
  const describedBy = await page.getAttribute('#f-name', 'aria-describedby');
  assert.ok(describedBy.split(' ').includes('f-name-error'), describedBy);
});

await check('config form: messages appear under the field while typing and clear when fixed (keyboard only)', async () => {
  // From the provider select, Tab reaches the first generated field.
  await page.focus('#provider');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-name');
  await page.keyboard.type('x'.repeat(101));
  assert.equal(await errorsOf(page, 'name'), 'must NOT have more than 100 characters');
  assert.equal(await page.getAttribute('#f-name', 'aria-invalid'), 'true');
  await page.keyboard.press('Backspace');
  assert.equal(await errorsOf(page, 'name'), '');
  assert.equal(await page.getAttribute('#f-name', 'aria-invalid'), null);
  await page.keyboard.press('Tab');
  await page.keyboard.type('http://example.com/hooks');
  assert.match(await errorsOf(page, 'url'), /must use https/);
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type('s');
  assert.equal(await page.inputValue('#f-url'), 'https://example.com/hooks');
  assert.equal(await errorsOf(page, 'url'), '');
  // The request body and the provider's (Fastify's) answer follow along.
  assert.match(await text(page, '#config-body'), /"url": "https:\/\/example.com\/hooks"/);
  assert.match(await text(page, '#config-response'), /FST_ERR_VALIDATION/);
});

await check('config form: submitting shows what is missing, then a valid config is created with a fresh secret', async () => {
  await page.keyboard.press('Enter');
  assert.match(await errorsOf(page, 'events'), /fewer than 1 items/);
  assert.match(await page.locator('#config-announce').innerText(), /Not created/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-events-0');
  await page.keyboard.press('Space');
  assert.equal(await errorsOf(page, 'events'), '');
  await page.click('button:has-text("Add header")');
  await page.keyboard.type('Host');
  await page.keyboard.press('Tab');
  await page.keyboard.type('evil.example');
  assert.match(await errorsOf(page, 'headers'), /property name "Host" is invalid/);
  await page.click('button[aria-label="Remove header 1"]');
  assert.equal(await errorsOf(page, 'headers'), '');
  assert.match(await text(page, '#config-status-line'), /^Valid/);
  await page.click('#config-form button[type="submit"]');
  assert.equal(await page.isVisible('#created'), true);
  const created = JSON.parse((await text(page, '#created-body')).replace(/^HTTP \d+\s*/, ''));
  assert.match(created.secret, /^[0-9a-f]{64}$/);
  assert.deepEqual(created.events, ['crm.lead.created']);
  assert.equal(created.isActive, true);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'created-title');
});

await check('config form: another provider, another schema and its own messages (Talkover, Laravel)', async () => {
  await page.selectOption('#provider', 'talkover');
  await page.waitForSelector('#f-timeout');
  await page.fill('#f-timeout', '2');
  assert.equal(await errorsOf(page, 'timeout'), 'The timeout field must be at least 5.');
  assert.match(await text(page, '#config-response'), /"message": "The given data was invalid."/);
  await page.fill('#f-timeout', '30');
  assert.equal(await errorsOf(page, 'timeout'), '');
  assert.equal(await page.locator('#f-events-0').getAttribute('type'), 'checkbox');
  await page.selectOption('#provider', 'jurichat');
  await page.waitForSelector('#f-isActive');
});

await check('signature debugger: a signed delivery verifies, a tampered one does not', async () => {
  await page.click('#dbg-generate');
  await page.click('#sign-button');
  assert.match(await text(page, '#sign-headers'), /webhook-signature: v1,/);
  await page.click('#sign-use');
  assert.match(await text(page, '#dbg-result'), /✓\s*Signature verifies \(standard\)/);
  const body = await page.inputValue('#dbg-body');
  await page.fill('#dbg-body', body.replace('1250', '9250'));
  assert.match(await text(page, '#dbg-result'), /✗\s*Signature does not verify/);
  const codes = await page.locator('#dbg-result .finding').evaluateAll((l) => l.map((n) => n.dataset.code));
  assert.deepEqual(codes, ['no_matching_signature']);
  await page.fill('#dbg-body', body);
  assert.match(await text(page, '#dbg-result'), /✓/);
});

await check('signature debugger: three different mistakes get three different findings', async () => {
  const codes = () => page.locator('#dbg-result .finding').evaluateAll((l) => l.map((n) => n.dataset.code));
  const secret = await page.inputValue('#dbg-secret');
  await page.fill('#dbg-secret', `${secret} `);
  assert.deepEqual(await codes(), ['secret_whitespace']);
  const message = await text(page, '#dbg-result');
  assert.ok(!message.includes(secret.slice(6)), 'a message shows the secret');
  await page.fill('#dbg-secret', secret);
  const body = await page.inputValue('#dbg-body');
  await page.fill('#dbg-body', JSON.stringify(JSON.parse(body), null, 2));
  assert.deepEqual(await codes(), ['body_reserialized']);
  await page.fill('#dbg-body', body);
  await page.selectOption('#dbg-scheme', 'github');
  assert.deepEqual(await codes(), ['headers_of_other_scheme', 'missing_header']);
  await page.selectOption('#dbg-scheme', '');
  assert.match(await text(page, '#dbg-result'), /✓/);
});

await check('signature debugger: headers as JSON, and a broken header line is announced', async () => {
  const lines = await page.inputValue('#dbg-headers');
  const json = JSON.stringify(Object.fromEntries(lines.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)])));
  await page.fill('#dbg-headers', json);
  assert.match(await text(page, '#dbg-result'), /✓/);
  await page.fill('#dbg-headers', 'not a header');
  assert.match(await text(page, '#dbg-headers-error'), /Line 1 is not a header/);
  assert.equal(await page.getAttribute('#dbg-headers', 'aria-invalid'), 'true');
  await page.fill('#dbg-headers', lines);
});

await check('sign: the curl command is copied to the clipboard', async () => {
  await page.click('#sign-copy');
  await page.waitForFunction(() => /copied/.test(document.getElementById('sign-status').textContent));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await page.locator('#sign-curl').textContent());
  assert.match(copied, /^curl -X POST 'http:\/\/127\.0\.0\.1:3000\/webhooks'/);
  assert.match(copied, /-H 'webhook-signature: v1,[A-Za-z0-9+/=]+'/);
  assert.match(copied, /--data-binary '\{"type":"invoice.paid"/);
});

await check('canonicalize: RFC 8785 out, first difference marked, errors with their byte offset', async () => {
  await page.fill('#jcs-input', '{"b": [1.0E2, "\\u0041"], "a": -0}');
  assert.equal(await text(page, '#jcs-output'), '{"a":0,"b":[100,"A"]}');
  assert.equal(await text(page, '#jcs-output mark'), 'a');
  assert.match(await text(page, '#jcs-diff'), /First difference at character 3 \(line 1, column 3\)/);
  await page.fill('#jcs-input', '{"a":1,}');
  assert.match(await text(page, '#jcs-error'), /^invalid_json: .*at byte 7/);
  assert.match(await text(page, '#jcs-diff'), /Error at byte 7 \(line 1, column 8\)/);
  assert.equal(await text(page, '#jcs-input-view mark'), '}');
  assert.equal(await page.getAttribute('#jcs-error', 'aria-live'), 'assertive');
  await page.fill('#jcs-input', '{"a":1}');
  assert.match(await text(page, '#jcs-diff'), /already canonical/);
  await page.fill('#jcs-input', '{\n  "to": "ana@example.com",\n  "amount": 1.50\n}');
});

await check('desktop screenshot, no errors, nothing loaded from elsewhere', async () => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/desktop.png`, fullPage: true });
  // The debugger with a finding, at a narrower desktop width: the README's picture (www/screenshot.png).
  const secret = await page.inputValue('#dbg-secret');
  await page.setViewportSize({ width: 960, height: 900 });
  await page.fill('#dbg-secret', `${secret}\u0020`);
  // The sticky bar would be drawn over the section; the picture ends before the signing part.
  await page.evaluate(() => { document.querySelector('.top').style.position = 'static'; });
  const box = await page.locator('#debugger').boundingBox();
  const signTop = (await page.locator('#debugger .sign').boundingBox()).y;
  await page.screenshot({ path: `${SHOTS}/debugger.png`, fullPage: true, clip: { x: box.x, y: box.y, width: box.width, height: signTop - box.y } });
  await page.evaluate(() => { document.querySelector('.top').style.position = ''; });
  await page.fill('#dbg-secret', secret);
  assert.deepEqual(page.problems, []);
});

const phone = await open({ width: 390, height: 844 });
await check('phone width (390 px): nothing overflows sideways, screenshot', async () => {
  await phone.click('#dbg-generate');
  await phone.click('#sign-button');
  await phone.click('#sign-use');
  await phone.fill('#f-name', 'Leads to CRM');
  await phone.fill('#f-url', 'http://crm.example.com');
  await phone.evaluate(() => window.scrollTo(0, 0));
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width} px wide`);
  await phone.screenshot({ path: `${SHOTS}/phone.png`, fullPage: true });
  assert.deepEqual(phone.problems, []);
});

await browser.close();
server.close();
console.log(failures ? `\n${failures} check(s) failed` : `\nall checks passed; screenshots in target/www/`);
process.exit(failures ? 1 : 0);
