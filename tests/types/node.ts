// Type test for a Node-only project (no DOM lib; Node's own types): the declarations must work with
// @types/node's globals (Headers, Symbol.dispose), and Node's IncomingHttpHeaders must be accepted
// as HeadersLike, since that is what a Node server hands to `verify`.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Verifier, type HeadersLike } from 'hookseal';

declare const request: IncomingMessage;
declare const rawBody: Buffer;
const incoming: IncomingHttpHeaders = request.headers;
const asHeadersLike: HeadersLike = incoming;
const result = new Verifier({ scheme: 'github', secret: 'x' }).verify(rawBody, request.headers);
void [asHeadersLike, result];
