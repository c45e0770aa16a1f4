// The console's only way to the hub's data: POST /graphql with the bearer token, errors in plain words.
import { accessToken } from './session.js';

export class HubError extends Error {
  constructor(message, kind, data) {
    super(message);
    this.kind = kind;
    this.data = data;
  }
}

/** A GraphQL error list as sentences a person can act on. */
export function plainWords(errors) {
  const lines = errors.map((error) => {
    const kind = error.extensions && (error.extensions.classification || error.extensions.errorType);
    const message = error.message || 'The hub refused the request.';
    switch (kind) {
      case 'FORBIDDEN': return `Not allowed: ${message}`;
      case 'UNAUTHORIZED': return 'Your sign-in is not valid any more. Please sign in again.';
      case 'BAD_REQUEST': return `Please check what you entered. ${message}`;
      case 'NOT_FOUND': return `Not found: ${message}`;
      case 'INTERNAL_ERROR': return message;
      case 'ValidationError':
      case 'InvalidSyntax':
        return `The console asked the hub something it does not understand (${message}). Please tell the hub's support team.`;
      default: return message;
    }
  });
  return [...new Set(lines)].join('\n');
}

function kindOf(errors) {
  const e = errors[0];
  return (e.extensions && e.extensions.classification) || 'ERROR';
}

async function headers(accept) {
  const token = await accessToken();
  if (!token) throw new HubError('You are not signed in, or your sign-in has expired. Please sign in again.', 'UNAUTHENTICATED');
  return { 'Content-Type': 'application/json', Accept: accept, Authorization: `Bearer ${token}` };
}

async function httpProblem(response) {
  if (response.status === 401) {
    return new HubError('Your sign-in has expired or is not valid. Please sign in again.', 'UNAUTHENTICATED');
  }
  if (response.status === 429) {
    const after = response.headers.get('Retry-After');
    return new HubError(`You have sent many requests in a short time. Please wait ${after ? `${after} seconds` : 'a minute'} and try again.`, 'BUSY');
  }
  if (response.status === 413) return new HubError('That is too much to send at once.', 'TOO_LARGE');
  return new HubError(`The hub answered with an error (HTTP ${response.status}). Please try again.`, 'HTTP');
}

export async function gql(query, variables = {}) {
  let response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers: await headers('application/json'),
      body: JSON.stringify({ query, variables }) });
  } catch (networkFailure) {
    throw new HubError('The hub could not be reached. Check your connection and try again.', 'NETWORK');
  }
  if (response.status === 401 || response.status === 429 || response.status === 413
      || (!response.ok && !(response.headers.get('Content-Type') || '').includes('json'))) {
    throw await httpProblem(response);
  }
  const body = await response.json();
  if (body.errors && body.errors.length) {
    throw new HubError(plainWords(body.errors), kindOf(body.errors), body.data);
  }
  return body.data;
}

/** A document the hub serves (the printable profile): its text, or an error in plain words. */
export async function fetchDocument(path) {
  let response;
  try {
    response = await fetch(path, { headers: { Accept: 'text/html', Authorization: `Bearer ${await accessToken()}` } });
  } catch (networkFailure) {
    throw new HubError('The hub could not be reached. Check your connection and try again.', 'NETWORK');
  }
  if (response.status === 400 || response.status === 403) {
    throw new HubError(`${response.status === 403 ? 'Not allowed: ' : ''}${await response.text()}`, 'REFUSED');
  }
  if (!response.ok) throw await httpProblem(response);
  return response.text();
}

/**
 * A GraphQL subscription over Server-Sent Events (POST /graphql, Accept: text/event-stream). Calls
 * onData with each result's data, onError with plain words, onEnd when the hub closes the stream;
 * returns a function that stops it.
 */
export function subscribe(query, variables, { onData, onError, onSent, onEnd }) {
  const controller = new AbortController();
  (async () => {
    try {
      const pending = fetch('/graphql', { method: 'POST', headers: await headers('text/event-stream'),
        body: JSON.stringify({ query, variables }), signal: controller.signal });
      // the hub answers the stream's headers with its first event, so "sent" is all that can be known
      onSent();
      const response = await pending;
      if (!response.ok) throw await httpProblem(response);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value.replace(/\r\n/g, '\n');
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          let event = 'message';
          const data = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
          }
          if (event === 'complete') {
            onEnd();
            return;
          }
          if (data.length) {
            const payload = JSON.parse(data.join('\n'));
            if (payload.errors && payload.errors.length) onError(plainWords(payload.errors));
            else if (payload.data) onData(payload.data);
          }
        }
      }
      onEnd();
    } catch (error) {
      if (error.name !== 'AbortError') onError(error.message || String(error));
    }
  })();
  return () => controller.abort();
}
