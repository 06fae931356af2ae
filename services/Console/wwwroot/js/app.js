import * as api from './api.js';
import { showChannels } from './channels.js';
import { showUsers } from './users.js';
import { showDesk, stopDesk } from './desk.js';

const $ = (id) => document.getElementById(id);
let me = null;

const views = ['signin', 'channels', 'users', 'conversations'];

function show(view) {
  for (const name of views) $(`view-${name}`).hidden = name !== view;
  for (const link of document.querySelectorAll('#nav a')) {
    link.hidden = link.dataset.role !== me?.role;
    if (link.getAttribute('href') === `#/${view}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

async function route() {
  me = await api.session();
  $('nav').hidden = !me.signedIn;
  $('who').hidden = !me.signedIn;
  if (!me.signedIn) {
    stopDesk();
    show('signin');
    $('signin-form').elements.userName.focus();
    return;
  }

  $('who-name').textContent = me.name;
  $('who-role').textContent = me.role === 'admin' ? 'Admin' : 'Agent';
  $('status-box').hidden = me.role !== 'agent';
  const [, section, id] = location.hash.split('/');
  if (me.role === 'admin') {
    stopDesk();
    if (section === 'users') { show('users'); await showUsers(); }
    else { show('channels'); await showChannels(); }
  } else {
    show('conversations');
    await showDesk(section === 'conversations' ? id : undefined);
  }
}

$('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  $('signin-error').textContent = '';
  try {
    await api.post('/console/api/session', { userName: form.elements.userName.value, password: form.elements.password.value });
    form.reset();
    location.hash = '';
    await route();
  } catch (error) {
    $('signin-error').textContent = error.message;
  }
});

$('sign-out').addEventListener('click', async () => {
  await api.call('DELETE', '/console/api/session');
  location.hash = '';
  await route();
});

window.addEventListener('hashchange', () => route().catch(report));
route().catch(report);

function report(error) {
  $('live-status').textContent = error.message;
}
