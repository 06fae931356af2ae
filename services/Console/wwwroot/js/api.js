// Calls to the console's own API. The session is an HttpOnly cookie the script never sees; state-changing calls carry
// the anti-forgery token from GET /console/api/session.
let antiforgeryToken = '';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.title || `The console answered ${status}.`);
    this.status = status;
    this.problem = problem || {};
  }
}

export async function session() {
  const answer = await call('GET', '/console/api/session');
  antiforgeryToken = answer.antiforgeryToken;
  return answer;
}

export async function call(method, path, body, options = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-TOKEN'] = antiforgeryToken;
  let payload;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  const response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', signal: options.signal });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body ?? {});
