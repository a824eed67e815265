// GET /desk : the front desk. One day's timeline per doctor (DOCTOR: their own, ADMIN: every doctor's), mark a visit
// completed or no-show, cancel; refreshed in place, never by reloading the page.
import { STATUSES, TYPES, addDays, call, claims, describe, devToken, el, keepToken, localTime, longDay, say, show, takeToken, today, wallDay, wallTime, zoneDiffers } from './api.js';

const TOKEN_KEY = 'desk-token';
const REFRESH_EVERY_MS = 60000;
const $ = (id) => document.getElementById(id);
const state = { token: null, role: null, sub: null, timer: null, demo: {} };

async function init() {
  $('signout').addEventListener('click', () => signOut('You are signed out.'));
  $('controls').addEventListener('submit', (event) => { event.preventDefault(); load(); });
  $('day').addEventListener('change', load);
  $('previous').addEventListener('click', () => { $('day').value = addDays($('day').value, -1); load(); });
  $('next').addEventListener('click', () => { $('day').value = addDays($('day').value, 1); load(); });
  $('demo-doctor').addEventListener('click', () => start(state.demo.DOCTOR));
  $('demo-admin').addEventListener('click', () => start(state.demo.ADMIN));
  const token = takeToken(TOKEN_KEY);
  if (token) {
    start(token);
    return;
  }
  for (const role of ['DOCTOR', 'ADMIN']) {
    state.demo[role] = await devToken(role);
    if (state.demo[role]) show($(`demo-${role.toLowerCase()}`));
  }
  if (state.demo.DOCTOR || state.demo.ADMIN) $('signin-text').textContent = 'This is a demo clinic: continue as its demo doctor (Dr. Priya Patel) or its admin.';
}

function start(token) {
  const who = claims(token);
  if (who.role !== 'DOCTOR' && who.role !== 'ADMIN') {
    signOut('The front desk needs a doctor\'s or an administrator\'s sign-in.');
    return;
  }
  state.token = token;
  state.role = who.role;
  state.sub = who.sub;
  keepToken(TOKEN_KEY, token);
  show($('signin'), false);
  show($('app'));
  $('who').textContent = `Signed in as ${who.name || (who.role === 'ADMIN' ? 'an administrator' : 'a doctor')} (${who.role === 'ADMIN' ? 'every doctor' : 'your own day'}).`;
  if (!$('day').value) $('day').value = today(0);
  load();
  clearInterval(state.timer);
  state.timer = setInterval(() => { if (!document.hidden) load(); }, REFRESH_EVERY_MS);
}

function signOut(message) {
  clearInterval(state.timer);
  state.token = null;
  keepToken(TOKEN_KEY, null);
  show($('app'), false);
  show($('signin'));
  $('signin-text').textContent = message;
  if (state.demo.DOCTOR) show($('demo-doctor'));
  if (state.demo.ADMIN) show($('demo-admin'));
}

/** Every appointment whose start lies on `day` in its doctor's zone: asked for with a day's margin either side. */
async function appointmentsOn(day) {
  const from = `${addDays(day, -1)}T00:00:00Z`;
  const to = `${addDays(day, 2)}T00:00:00Z`;
  const items = [];
  let cursor = null;
  for (let page = 0; page < 20; page++) {
    const query = `?limit=100&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const data = await call('GET', `/api/v1/appointments${query}`, { token: state.token });
    items.push(...data.items);
    cursor = data.next_cursor;
    if (!cursor) break;
  }
  return items.filter((a) => wallDay(a.appointment_details.datetime) === day)
    .sort((a, b) => new Date(a.appointment_details.datetime) - new Date(b.appointment_details.datetime));
}

async function load() {
  if (!state.token) return;
  const day = $('day').value;
  if (!day) return;
  say($('error'));
  $('day-title').textContent = longDay(day);
  try {
    const [doctors, appointments] = await Promise.all([
      call('GET', '/api/v1/doctors', { token: state.token }), appointmentsOn(day)]);
    const shown = doctors.items.filter((d) => state.role === 'ADMIN' || d.doctor_id === state.sub
      || appointments.some((a) => a.doctor.doctor_id === d.doctor_id));
    for (const a of appointments) { // a doctor no longer listed (deactivated) still has their day shown
      if (!shown.some((d) => d.doctor_id === a.doctor.doctor_id)) shown.push({ doctor_id: a.doctor.doctor_id, name: a.doctor.name, specialty: a.doctor.specialty });
    }
    $('doctors').replaceChildren(...shown.map((d) => doctorDay(d, appointments.filter((a) => a.doctor.doctor_id === d.doctor_id))));
    $('status').textContent = `Updated at ${localTime(new Date().toISOString())}: ${appointments.length} appointment${appointments.length === 1 ? '' : 's'}.`;
  } catch (error) {
    if (error.code === 'UNAUTHORIZED') signOut(describe(error));
    else say($('error'), el('p', {}, describe(error)));
  }
}

function doctorDay(doctor, appointments) {
  const id = `doctor-${doctor.doctor_id}`;
  return el('section', { 'aria-labelledby': id, class: 'panel', 'data-doctor': doctor.doctor_id },
    el('h3', { id }, `${doctor.name}${doctor.specialty ? ` (${doctor.specialty})` : ''}`),
    appointments.length === 0
      ? el('p', {}, 'No appointments on this day.')
      : el('ol', { class: 'list timeline' }, appointments.map(visit)));
}

function visit(a) {
  const d = a.appointment_details;
  const begun = Date.now() >= new Date(d.datetime).getTime();
  const actions = el('p', { class: 'row' });
  if (a.status === 'scheduled' && begun) {
    actions.append(
      el('button', { type: 'button', 'aria-label': `Completed: ${a.appointment_number}`, onclick: (e) => act(a, 'complete', e.currentTarget) }, 'Completed'),
      el('button', { type: 'button', class: 'secondary', 'aria-label': `No-show: ${a.appointment_number}`, onclick: (e) => act(a, 'no-show', e.currentTarget) }, 'No-show'));
  }
  if ((a.status === 'scheduled' || a.status === 'pending') && !begun) {
    actions.append(el('button', { type: 'button', class: 'danger', 'aria-label': `Cancel ${a.appointment_number}`, onclick: (e) => act(a, 'cancel', e.currentTarget) }, 'Cancel'));
  }
  const endText = addMinutes(d.datetime, d.duration_minutes);
  return el('li', { 'data-number': a.appointment_number },
    el('span', { class: 'time' }, `${wallTime(d.datetime)}–${endText}`,
      zoneDiffers(d.datetime) ? el('span', { class: 'slot-theirs' }, `your time ${localTime(d.datetime)}`) : null),
    el('div', {},
      el('p', {}, el('strong', {}, a.patient.name || 'Patient'), ` · ${TYPES[d.appointment_type] || d.appointment_type} · ${a.appointment_number} · `,
        el('span', { class: 'status' }, STATUSES[a.status] || a.status)),
      actions));
}

/** "HH:MM" of an ISO wall time plus minutes, on the doctor's clock. */
function addMinutes(iso, minutes) {
  const [h, m] = wallTime(iso).split(':').map(Number);
  const total = (h * 60 + m + minutes) % (24 * 60);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

const DONE = { complete: 'marked completed', 'no-show': 'marked as a no-show', cancel: 'cancelled' };

async function act(a, action, button) {
  button.disabled = true;
  try {
    await call('POST', `/api/v1/appointments/${encodeURIComponent(a.appointment_id)}/${action}`, { token: state.token, body: {} });
    await load();
    $('status').textContent = `${a.appointment_number} is ${DONE[action]}.`;
  } catch (error) {
    button.disabled = false;
    say($('error'), el('p', {}, `${a.appointment_number}: ${describe(error)}`));
  }
}

init();
