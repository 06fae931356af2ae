import * as api from './api.js';
import { showProblem, clear } from './forms.js';

const $ = (id) => document.getElementById(id);

export async function showUsers() {
  const users = await api.get('/console/api/users');
  const body = $('users');
  body.replaceChildren();
  for (const user of users) {
    const row = document.createElement('tr');
    for (const text of [user.userName, user.displayName, user.role]) {
      row.append(Object.assign(document.createElement('td'), { textContent: text }));
    }
    body.append(row);
  }
}

$('user-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  clear(form, $('user-error'), 'ue-');
  const values = Object.fromEntries(new FormData(form));
  try {
    await api.post('/console/api/users', {
      userName: values.userName,
      displayName: values.displayName,
      password: values.password,
      skills: values.skills.split(',').map(s => s.trim()).filter(Boolean),
      capacity: Number(values.capacity) || 3,
    });
    form.reset();
    await showUsers();
  } catch (error) {
    showProblem(form, $('user-error'), 'ue-', error);
  }
});
