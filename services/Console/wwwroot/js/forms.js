// Shows a problem's field errors next to their fields (aria-invalid, described-by), the rest above the form.
export function showProblem(form, formError, prefix, error) {
  clear(form, formError, prefix);
  const errors = error.problem?.errors || {};
  let placed = false;
  for (const [field, messages] of Object.entries(errors)) {
    const name = field.charAt(0).toLowerCase() + field.slice(1);
    const target = document.getElementById(`${prefix}${name}`);
    const input = form.elements[name];
    if (target && input && messages.length) {
      target.textContent = messages.join(' ');
      input.setAttribute('aria-invalid', 'true');
      if (!placed) input.focus();
      placed = true;
    } else if (messages.length) {
      formError.textContent = messages.join(' ');
    }
  }
  if (!placed && !formError.textContent) formError.textContent = error.problem?.detail || error.message;
}

export function clear(form, formError, prefix) {
  formError.textContent = '';
  for (const element of form.querySelectorAll('.field-error')) element.textContent = '';
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
}
