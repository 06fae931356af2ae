import * as api from './api.js';
import { showProblem, clear } from './forms.js';

const $ = (id) => document.getElementById(id);

export async function showChannels() {
  const answer = await api.get('/console/api/apps');
  render(answer.apps);
}

function render(apps) {
  const host = $('apps');
  host.replaceChildren();
  if (!apps.length) {
    host.append(Object.assign(document.createElement('p'), { textContent: 'No Sinch app is connected yet.' }));
    return;
  }
  for (const app of apps) host.append(appCard(app));
}

function appCard(app) {
  const section = document.createElement('section');
  section.className = 'card app';
  section.setAttribute('aria-label', `App ${app.appId}`);
  const title = document.createElement('h3');
  title.textContent = `${app.displayName || app.appId}`;
  const facts = document.createElement('p');
  facts.className = 'hint';
  facts.textContent = `App ${app.appId} · project ${app.projectId} · region ${app.region} · ${app.processingMode} mode`;
  const table = document.createElement('table');
  table.innerHTML = '<caption class="hint">Channels</caption><thead><tr><th scope="col">Channel</th><th scope="col">Status</th></tr></thead>';
  const body = document.createElement('tbody');
  const status = app.webhook?.id ? 'Receiving' : 'No webhook';
  for (const channel of app.channels) {
    const row = document.createElement('tr');
    const name = document.createElement('td');
    name.textContent = channel;
    const state = document.createElement('td');
    const badge = Object.assign(document.createElement('span'), { className: 'badge', textContent: status });
    state.append(badge);
    row.append(name, state);
    body.append(row);
  }
  table.append(body);
  const note = Object.assign(document.createElement('p'), { role: 'status' });
  note.setAttribute('role', 'status');
  const rotate = button(`Rotate webhook secret`, 'secondary', async () => {
    await api.post(`/console/api/apps/${encodeURIComponent(app.appId)}/rotate-webhook-secret`);
    note.textContent = `Webhook secret of ${app.appId} rotated at ${new Date().toLocaleTimeString()}.`;
  }, note);
  const disconnect = button(`Disconnect`, 'danger', async () => {
    await api.call('DELETE', `/console/api/apps/${encodeURIComponent(app.appId)}`);
    $('apps-status').textContent = `App ${app.appId} disconnected.`;
    await showChannels();
  }, note);
  rotate.setAttribute('aria-label', `Rotate webhook secret of ${app.appId}`);
  disconnect.setAttribute('aria-label', `Disconnect ${app.appId}`);
  section.append(title, facts, table, rotate, ' ', disconnect, note);
  return section;
}

function button(text, css, action, note) {
  const element = Object.assign(document.createElement('button'), { type: 'button', className: css, textContent: text });
  element.addEventListener('click', async () => {
    element.disabled = true;
    try { await action(); } catch (error) { note.textContent = error.message; } finally { element.disabled = false; }
  });
  return element;
}

$('connect-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const submit = form.querySelector('button[type=submit]');
  clear(form, $('connect-error'), 'e-');
  submit.disabled = true;
  $('apps-status').textContent = 'Connecting…';
  try {
    const values = Object.fromEntries(new FormData(form));
    const app = await api.post('/console/api/apps', values);
    form.reset();
    $('apps-status').textContent = `App ${app.appId} connected with ${app.channels.length} channels.`;
    await showChannels();
  } catch (error) {
    $('apps-status').textContent = '';
    showProblem(form, $('connect-error'), 'e-', error);
  } finally {
    submit.disabled = false;
  }
});
