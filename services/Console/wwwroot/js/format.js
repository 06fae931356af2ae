// Small pure helpers for showing times and states.
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

export function duration(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ${minutes % 60} min` : `${Math.floor(hours / 24)} days`;
}

export function clock(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
}

// WhatsApp lets a business answer freely only within 24 hours of the customer's last message; later, templates only.
export function replyWindow(channel, entries, now) {
  if (channel !== 'WHATSAPP') return { templatesOnly: false };
  const last = entries.filter(e => e.direction === 'inbound').map(e => Date.parse(e.at)).reduce((a, b) => Math.max(a, b), -Infinity);
  if (last === -Infinity) return { templatesOnly: true, reason: 'The customer has not written on WhatsApp yet, so WhatsApp allows only a template to start the conversation.' };
  if (now - last <= WHATSAPP_WINDOW_MS) return { templatesOnly: false };
  return {
    templatesOnly: true,
    reason: `The customer's last message was ${duration(now - last)} ago: WhatsApp allows free replies only within 24 hours of it, so only a template can be sent.`,
  };
}

const tickText = { REQUESTED: 'Sending', SUBMITTED: 'Sent', QUEUED_ON_CHANNEL: 'Queued', DELIVERED: 'Delivered', READ: 'Read', FAILED: 'Failed' };
const tickMarks = { REQUESTED: '…', SUBMITTED: '✓', QUEUED_ON_CHANNEL: '✓', DELIVERED: '✓✓', READ: '✓✓', FAILED: '✕' };

export function ticks(entry) {
  if (!entry.status) return null;
  const label = tickText[entry.status] || entry.status;
  const reason = entry.status === 'FAILED' ? `: ${entry.failureReason || entry.failureCode || 'no reason given'}` : '';
  return { marks: tickMarks[entry.status] || '', text: label + reason, css: entry.status.toLowerCase() };
}
