import * as api from './api.js';
import { duration, clock, replyWindow, ticks } from './format.js';

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const element = Object.assign(document.createElement(tag), props);
  element.append(...children.filter(c => c !== null && c !== undefined));
  return element;
};

let events = null;
let openId = null;
let open = null;          // the open conversation (routing's JSON)
let entries = [];
let attachment = null;    // the uploaded file waiting to be sent
let refreshTimer = null;

export async function showDesk(conversationId) {
  if (!events) {
    await loadMe();
    loadDirectory().catch(showError);
    startEvents();
  }
  openId = conversationId || null;
  await Promise.all([loadLists(), loadConversation()]);
}

export function stopDesk() {
  events?.close();
  events = null;
  clearInterval(refreshTimer);
  refreshTimer = null;
}

// Routing's stream of this agent's changes, relayed by the console. Each event names a conversation; the page reloads
// what changed through the console, which checks the agent's scope again.
function startEvents() {
  if (events) return;
  events = new EventSource('/console/api/events');
  events.addEventListener('connected', () => { $('live-status').textContent = 'Live updates on.'; });
  for (const type of ['transcript-entry', 'transcript-status', 'transcript-media', 'assignment']) {
    events.addEventListener(type, (message) => {
      const update = JSON.parse(message.data);
      loadLists().catch(showError);
      if (update.conversationId === openId) loadConversation().catch(showError);
    });
  }
  events.onerror = () => { $('live-status').textContent = 'Live updates interrupted; reconnecting…'; };
  // Conversations waiting in a queue belong to no agent yet, so no agent's stream carries them: ask now and then.
  refreshTimer = setInterval(() => loadLists().catch(() => {}), 15000);
}

async function loadMe() {
  const me = await api.get('/console/api/me');
  $('agent-status').value = me.agent.status;
}

$('agent-status').addEventListener('change', async (event) => {
  try {
    const agent = await api.call('PUT', '/console/api/me/status', { status: event.target.value });
    event.target.value = agent.status;
    $('live-status').textContent = `Status: ${agent.status}.`;
  } catch (error) {
    $('live-status').textContent = `Status not changed: ${error.message}`;
  }
});

async function loadLists() {
  const lists = await api.get('/console/api/conversations');
  const now = Date.now();
  $('assigned').replaceChildren(...(lists.assigned.length ? lists.assigned.map(c => item(c.id, c.displayName, c.channel,
    c.awaitingAgentReply ? `waiting ${duration(now - Date.parse(c.lastActivityAt))}` : `last activity ${clock(c.lastActivityAt)}`)) : [el('li', { textContent: 'Nothing assigned.' })]));
  $('queued').replaceChildren(...(lists.queued.length ? lists.queued.map(q => item(q.waiting.conversationId, q.waiting.displayName, q.waiting.channel,
    `${q.queueName} · #${q.waiting.position} · waiting ${duration(now - Date.parse(q.waiting.queuedAt))}`)) : [el('li', { textContent: 'No one is waiting.' })]));
}

function item(id, name, channel, meta) {
  const link = el('a', { href: `#/conversations/${id}` }, el('span', { textContent: name || 'Unknown customer' }), el('span', { className: 'meta', textContent: `${channel} · ${meta}` }));
  if (id === openId) link.setAttribute('aria-current', 'true');
  return el('li', {}, link);
}

async function loadConversation() {
  $('thread-error').textContent = '';
  if (!openId) {
    open = null;
    $('thread-title').textContent = 'Pick a conversation';
    $('thread-actions').hidden = true;
    $('composer').hidden = true;
    $('transcript').replaceChildren();
    return;
  }
  try {
    const id = openId;
    const [conversation, transcript] = await Promise.all([
      api.get(`/console/api/conversations/${id}`),
      api.get(`/console/api/conversations/${id}/transcript`),
    ]);
    if (id !== openId) return;
    open = conversation;
    entries = transcript.items;
    renderThread(transcript.mediaTypes);
    loadCustomer(id).catch(showError);
  } catch (error) {
    if (error.status === 404) {
      open = null;
      $('thread-title').textContent = 'This conversation is no longer yours';
      $('thread-actions').hidden = true;
      $('composer').hidden = true;
      return;
    }
    throw error;
  }
}

function renderThread(mediaTypes) {
  const mine = open.agentId && open.state === 'Assigned';
  $('thread-title').textContent = `${open.displayName || 'Unknown customer'} on ${open.channel}`;
  $('thread-actions').hidden = false;
  $('accept').hidden = mine && !!open.acceptedAt;
  $('accept').textContent = open.state === 'Queued' ? 'Take conversation' : 'Accept';
  $('composer').hidden = !mine;
  renderTranscript(mediaTypes);
  renderComposer();
}

function renderTranscript(mediaTypes) {
  const list = $('transcript');
  const byId = new Map(entries.map(e => [e.id, e]));
  list.replaceChildren(...entries.map(entry => {
    const outbound = entry.direction !== 'inbound';
    const who = entry.authorName || (entry.author === 'customer' ? 'Customer' : entry.author);
    const li = el('li', { className: `entry ${outbound ? 'outbound' : 'inbound'} ${entry.author}` });
    li.append(el('span', { className: 'by', textContent: `${who} · ${clock(entry.at)}` }));
    if (entry.quote) {
      const quoted = byId.get(entry.quote.entryId);
      const quote = el('blockquote', { className: 'quote', textContent: entry.quote.text || quoted?.text || 'an earlier message' });
      quote.setAttribute('aria-label', 'Quoted message');
      li.append(quote);
    }
    li.append(content(entry, mediaTypes));
    const tick = ticks(entry);
    if (tick) li.append(el('span', { className: `ticks ${tick.css}`, textContent: `${tick.marks} ${tick.text}` }));
    return li;
  }));
  list.lastElementChild?.scrollIntoView({ block: 'end' });
}

function content(entry, mediaTypes) {
  const box = el('div', { className: 'content' });
  if (entry.erased) return el('em', { textContent: 'Erased at the customer\'s request.' });
  if (entry.kind === 'LOCATION' && entry.contentJson) {
    const location = JSON.parse(entry.contentJson);
    const lat = location.latitude ?? location.coordinates?.latitude;
    const lon = location.longitude ?? location.coordinates?.longitude;
    box.append(el('span', { textContent: `${location.title ? location.title + ': ' : ''}${lat}, ${lon} ` }),
      el('a', { href: `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`, target: '_blank', rel: 'noopener noreferrer', textContent: 'Open map' }));
    return box;
  }
  if (entry.mediaId) {
    const url = `/console/api/conversations/${open.id}/media/${entry.mediaId}`;
    const type = mediaTypes[entry.mediaId] || '';
    if (type.startsWith('image/')) box.append(el('img', { src: url, alt: entry.mediaFileName || entry.text || 'Image from the conversation' }));
    else box.append(el('a', { href: url, download: entry.mediaFileName || '', textContent: `Download ${entry.mediaFileName || 'attachment'}${type ? ` (${type})` : ''}` }));
  } else if (entry.mediaUrl) {
    box.append(el('span', { textContent: entry.mediaFailure ? `Attachment could not be copied: ${entry.mediaFailure}` : 'Attachment arriving…' }));
  }
  if (entry.kind && entry.kind.toLowerCase() === 'choice_message' && entry.contentJson) {
    const choice = JSON.parse(entry.contentJson);
    box.append(el('p', { textContent: choice.text_message?.text || '' }),
      el('ul', {}, ...(choice.choices || []).map(c => el('li', { textContent: c.text_message?.text || c.postback_data || '' }))));
  } else if (entry.kind && entry.kind.toLowerCase() === 'template_message') {
    box.append(el('p', { textContent: 'Template message' }));
  } else if (entry.text) {
    box.append(el('p', { textContent: entry.text }));
  } else if (entry.contentJson && !entry.mediaId) {
    box.append(el('code', { textContent: entry.contentJson }));
  }
  return box;
}

function renderComposer() {
  const window = replyWindow(open.channel, entries, Date.now());
  $('window-notice').hidden = !window.templatesOnly;
  $('window-notice').textContent = window.reason || '';
  $('reply-form').hidden = window.templatesOnly;
  $('choice-box').hidden = window.templatesOnly;
  $('template-form').hidden = !window.templatesOnly;
}

async function loadCustomer(id) {
  const customer = await api.get(`/console/api/conversations/${id}/customer`);
  if (id !== openId) return;
  const body = $('customer-body');
  if (!customer.contact) {
    body.replaceChildren(el('p', { textContent: 'Not known yet.' }));
    return;
  }
  const contact = customer.contact;
  const details = el('dl', {},
    el('dt', { textContent: 'Name' }), el('dd', { textContent: contact.displayName || '—' }),
    ...contact.identities.flatMap(i => [el('dt', { textContent: i.channel }), el('dd', { textContent: i.identity })]));
  const data = Object.entries(contact.attachedData || {});
  const attached = data.length
    ? el('dl', {}, ...data.flatMap(([k, v]) => [el('dt', { textContent: k }), el('dd', { textContent: v })]))
    : el('p', { textContent: 'No attached data.' });
  const consents = (customer.consents || []);
  const consentList = consents.length
    ? el('ul', {}, ...consents.map(c => el('li', { textContent: `${c.channel} ${c.identity}: ${c.consent === 'OPT_IN' ? 'opted in' : 'opted out'} (${clock(c.changedAt)})` })))
    : el('p', { textContent: 'No consent recorded.' });
  body.replaceChildren(details, el('h3', { textContent: 'Attached data' }), attached, el('h3', { textContent: 'Consents' }), consentList);
}

async function loadDirectory() {
  const directory = await api.get('/console/api/directory');
  const select = $('transfer-target');
  select.replaceChildren(
    el('optgroup', { label: 'Queues' }, ...directory.queues.map(q => el('option', { value: `queue:${q.id}`, textContent: q.name }))),
    el('optgroup', { label: 'Agents' }, ...directory.agents.map(a => el('option', { value: `agent:${a.id}`, textContent: `${a.name} (${a.status})` }))));
}

async function act(action, body) {
  $('thread-error').textContent = '';
  try {
    await api.post(`/console/api/conversations/${openId}/${action}`, body);
    return true;
  } catch (error) {
    showError(error);
    return false;
  }
}

// A just-uploaded file is usable once routing has heard that media published it; until then routing answers 409.
async function reply(body) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await api.post(`/console/api/conversations/${openId}/messages`, body);
    } catch (error) {
      if (error.status === 409 && error.problem.type?.endsWith('media-not-published') && attempt < 40) {
        await new Promise(resolve => setTimeout(resolve, 250));
        continue;
      }
      throw error;
    }
  }
}

$('reply-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = $('reply-text').value.trim();
  if (!text && !attachment) return;
  try {
    // Egress sends a media message without a caption (it refuses text beside a media URL), so a caption goes after it.
    if (attachment) await reply({ mediaId: attachment.mediaId });
    if (text) await reply({ text });
    $('reply-text').value = '';
    $('reply-file').value = '';
    $('attachment').textContent = '';
    attachment = null;
    await loadConversation();
  } catch (error) { showError(error); }
});

$('reply-text').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) $('reply-form').requestSubmit();
});

$('reply-file').addEventListener('change', async (event) => {
  const file = event.target.files[0];
  if (!file) return;
  $('attachment').textContent = `Uploading ${file.name}…`;
  const form = new FormData();
  form.append('file', file, file.name);
  try {
    attachment = await api.call('POST', `/console/api/conversations/${openId}/attachments`, form);
    $('attachment').textContent = `${attachment.fileName} ready; its public link expires ${clock(attachment.expiresAt)}.`;
  } catch (error) {
    attachment = null;
    $('attachment').textContent = `Upload failed: ${error.message}`;
  }
});

$('choice-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const options = $('choice-options').value.split('\n').map(s => s.trim()).filter(Boolean).slice(0, 10);
  try {
    await reply({ kind: 'choice_message', json: { text_message: { text: $('choice-text').value }, choices: options.map(text => ({ text_message: { text } })) } });
    event.target.reset();
    await loadConversation();
  } catch (error) { showError(error); }
});

$('template-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const parameters = Object.fromEntries($('template-parameters').value.split('\n').map(l => l.split('=')).filter(p => p.length === 2).map(([k, v]) => [k.trim(), v.trim()]));
  const template = { template_id: $('template-id').value.trim(), language_code: $('template-language').value.trim(), parameters };
  try {
    await reply({ kind: 'template_message', json: { channel_template: { WHATSAPP: template } } });
    await loadConversation();
  } catch (error) { showError(error); }
});

$('accept').addEventListener('click', async () => {
  if (await act('accept', {})) $('live-status').textContent = 'Accepted.';
});

$('end').addEventListener('click', async () => {
  if (await act('end', {})) {
    $('live-status').textContent = 'Conversation ended.';
    location.hash = '#/conversations';
  }
});

$('transfer-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const [kind, id] = $('transfer-target').value.split(':');
  if (await act('transfer', kind === 'queue' ? { queueId: id } : { agentId: id })) {
    $('live-status').textContent = 'Conversation transferred.';
    location.hash = '#/conversations';
  }
});


function showError(error) {
  $('thread-error').textContent = error.message;
}
