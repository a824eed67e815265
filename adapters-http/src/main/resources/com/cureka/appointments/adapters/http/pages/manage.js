// GET /manage/{token} : the page of an e-mail's manage link. No sign-in: the link's token is the credential, sent
// only to /api/v1/manage/{token} (API.md "Manage links"); the page never keeps it anywhere else.
import { STATUSES, alternatives, appointmentDetails, call, describe, describeTime, el, say, show, wallDay, wallTime } from './api.js';

const $ = (id) => document.getElementById(id);
const token = linkToken(window.location.pathname);
const base = `/api/v1/manage/${encodeURIComponent(token)}`;
let current = null;

/**
 * The token of the address, or '' when it holds none that could be one: nothing after /manage/ (a link cut off), more
 * path after it (a link run into the next word), or an escape that does not decode. Tokens never contain '/'.
 */
function linkToken(pathname) {
  const rest = pathname.replace(/^\/manage\/?/, '').replace(/\/$/, '');
  if (!rest || rest.includes('/')) return '';
  try {
    return decodeURIComponent(rest);
  } catch (e) {
    return '';
  }
}

/** A readable page for a link that cannot be used, instead of the appointment. */
function problem(error) {
  show($('loading'), false);
  show($('app'), false);
  let title;
  let text;
  if (error && (error.code === 'LINK_EXPIRED' || error.status === 410)) {
    title = 'This link has expired';
    text = 'The appointment was changed after this e-mail was sent, or it has already started. '
      + 'Please use the link in the newest e-mail from the clinic, or contact the clinic.';
  } else if (error && (error.code === 'LINK_INVALID' || error.status === 404 || error.status === 401 || error.status === 400)) {
    title = 'This link does not work';
    text = 'The link may be incomplete: open it again from the e-mail, making sure it is copied whole. '
      + 'If it still does not work, please contact the clinic.';
  } else {
    title = 'Your appointment could not be loaded';
    text = describe(error);
  }
  document.title = title;
  $('problem-title').textContent = title;
  $('problem-text').textContent = text;
  show($('problem'));
  $('problem-title').focus();
}

function render(appointment) {
  current = appointment;
  $('appointment').replaceChildren(appointmentDetails(appointment));
  const changeable = appointment.status === 'scheduled' || appointment.status === 'pending';
  show($('change'), changeable);
  const start = appointment.appointment_details.datetime;
  $('new-day').value = wallDay(start);
  $('new-time').value = wallTime(start);
}

/** The new start in the doctor's offset, as the current appointment's time is written. */
function newStart(day, time) {
  const offset = current.appointment_details.datetime.slice(19);
  return `${day}T${time}:00${offset}`;
}

function fail(error) {
  if (error && (error.status === 404 || error.status === 410)) {
    problem(error);
    return;
  }
  const starts = alternatives(error);
  say($('error'), el('p', {}, describe(error)),
    starts.length === 0 ? null : el('p', {}, 'These times are free instead; choose one to move the appointment there:'),
    starts.length === 0 ? null : el('ul', { class: 'slots' }, starts.map((s) => el('li', {},
      el('button', { type: 'button', class: 'secondary', onclick: () => reschedule(s) }, `Move to ${describeTime(s)}`)))));
  $('error').setAttribute('tabindex', '-1');
  $('error').focus();
}

function finished(appointment, message) {
  say($('error'));
  render(appointment);
  // The change made this link stale: say so rather than letting the next click fail.
  show($('change'), false);
  say($('done'), el('p', {}, message), el('p', {}, 'This link no longer works now; the clinic sends a new e-mail with a new link.'));
  $('done').setAttribute('tabindex', '-1');
  $('done').focus();
}

async function reschedule(start) {
  const before = current.appointment_details.datetime;
  say($('done'));
  try {
    const appointment = await call('POST', `${base}/reschedule`, { body: { appointment_datetime: start } });
    const at = appointment.appointment_details.datetime;
    if (Date.parse(at) === Date.parse(before)) {
      // Moving to the time it already has changes nothing (docs/api.md): no new version, so this link still works,
      // and no e-mail is sent.
      say($('error'));
      render(appointment);
      say($('done'), el('p', {}, `${appointment.appointment_number} is already on ${describeTime(at)}: nothing was changed.`),
        el('p', {}, 'Choose another day or time to move it.'));
      $('done').setAttribute('tabindex', '-1');
      $('done').focus();
      return;
    }
    finished(appointment, `Moved: ${appointment.appointment_number} is now on ${describeTime(appointment.appointment_details.datetime)}.`);
  } catch (error) {
    fail(error);
  }
}

async function cancel() {
  const reason = $('reason').value.trim();
  try {
    const appointment = await call('POST', `${base}/cancel`, { body: reason ? { reason } : {} });
    finished(appointment, `${appointment.appointment_number} is ${(STATUSES[appointment.status] || appointment.status).toLowerCase()}.`);
  } catch (error) {
    fail(error);
  }
}

async function init() {
  $('reschedule-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!$('new-day').value || !$('new-time').value) {
      say($('error'), el('p', {}, 'Please choose both a day and a time.'));
      return;
    }
    reschedule(newStart($('new-day').value, $('new-time').value));
  });
  $('cancel-form').addEventListener('submit', (event) => { event.preventDefault(); cancel(); });
  if (!token) {
    problem({ status: 404, code: 'LINK_INVALID' });
    return;
  }
  try {
    render(await call('GET', base));
    show($('loading'), false);
    show($('app'));
  } catch (error) {
    problem(error);
  }
}

init();
