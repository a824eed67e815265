// GET / : the patient's booking page. Calls only the JSON API, with the patient's token.
import {
  TYPES, STATUSES, alternatives, appointmentDetails, call, claims, describe, describeTime, devToken, el, keepToken,
  localTime, longDay, say, show, takeToken, today, wallDay, wallTime, zoneDiffers,
} from './api.js';

const TOKEN_KEY = 'patient-token';
const BOOKING_WINDOW_DAYS = 60; // MAX_FUTURE_BOOKING_DAYS by default; the API has the last word (TOO_FAR_AHEAD)
const $ = (id) => document.getElementById(id);

const state = { token: null, doctors: [], selected: null, rescheduling: null, demoToken: null };

function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function fail(error) {
  const region = $('error');
  const words = describe(error);
  const alternativeStarts = alternatives(error);
  if (error && error.code === 'UNAUTHORIZED') signOut(words);
  if (alternativeStarts.length === 0) {
    say(region, el('p', {}, words));
  } else {
    say(region,
      el('p', {}, `${words} These times are free instead; choose one to ${state.rescheduling ? 'move your appointment there' : 'book it'}:`),
      el('ul', { class: 'slots', id: 'alternatives' }, alternativeStarts.map((start) => el('li', {},
        el('button', { type: 'button', class: 'secondary', 'data-start': start, onclick: () => submit(start) },
          `${state.rescheduling ? 'Move to' : 'Book'} ${describeTime(start)}`)))));
  }
  region.setAttribute('tabindex', '-1');
  region.focus();
}

function clearError() {
  say($('error'));
}

// --- signing in ---------------------------------------------------------------------------------------------

async function init() {
  $('type').append(...Object.entries(TYPES).map(([code, text]) => el('option', { value: code }, text)));
  $('demo').addEventListener('click', () => start(state.demoToken));
  $('signout').addEventListener('click', () => signOut('You are signed out.'));
  $('specialty').addEventListener('change', () => loadDoctors().then(loadSlots));
  for (const id of ['doctor', 'day', 'type']) $(id).addEventListener('change', loadSlots);
  $('find').addEventListener('submit', (event) => { event.preventDefault(); loadSlots(); });
  $('book').addEventListener('click', () => submit(state.selected));
  $('refresh-mine').addEventListener('click', loadMine);
  $('stop-rescheduling').addEventListener('click', stopRescheduling);

  const token = takeToken(TOKEN_KEY);
  if (token) {
    await start(token);
    return;
  }
  state.demoToken = await devToken('PATIENT');
  if (state.demoToken) {
    $('signin-text').textContent = 'This is a demo clinic: continue as its demo patient, Rajesh Kumar.';
    show($('demo'));
  }
}

async function start(token) {
  state.token = token;
  keepToken(TOKEN_KEY, token);
  const who = claims(token);
  show($('signin'), false);
  show($('app'));
  $('who').textContent = `Signed in as ${who.name || 'a patient'}.`;
  const first = today(0);
  $('day').min = first;
  $('day').max = today(BOOKING_WINDOW_DAYS);
  if (!$('day').value) $('day').value = today(1);
  $('day-hint').textContent = `From ${longDay(first)} to ${longDay(today(BOOKING_WINDOW_DAYS))}.`;
  try {
    const all = await call('GET', '/api/v1/doctors', { token });
    const specialties = [...new Set(all.items.map((d) => d.specialty).filter(Boolean))].sort();
    $('specialty').append(...specialties.map((s) => el('option', { value: s }, s)));
    await loadDoctors();
    await Promise.all([loadSlots(), loadMine()]);
  } catch (error) {
    fail(error);
  }
}

function signOut(message) {
  state.token = null;
  keepToken(TOKEN_KEY, null);
  show($('app'), false);
  show($('signin'));
  $('signin-text').textContent = `${message} Open this page from your clinic's sign-in to continue.`;
  if (state.demoToken) show($('demo'));
}

// --- doctors and free times ---------------------------------------------------------------------------------

async function loadDoctors() {
  const specialty = $('specialty').value;
  const query = specialty ? `?specialty=${encodeURIComponent(specialty)}` : '';
  const data = await call('GET', `/api/v1/doctors${query}`, { token: state.token });
  state.doctors = data.items;
  const previous = $('doctor').value;
  $('doctor').replaceChildren(...state.doctors.map((d) => el('option', { value: d.doctor_id },
    `${d.name}${d.specialty ? ` (${d.specialty})` : ''}`)));
  if (state.doctors.some((d) => d.doctor_id === previous)) $('doctor').value = previous;
}

function doctor() {
  return state.doctors.find((d) => d.doctor_id === $('doctor').value);
}

async function loadSlots() {
  clearError();
  choose(null);
  const chosen = doctor();
  const list = $('slots');
  if (!chosen || !$('day').value) {
    list.replaceChildren();
    $('slots-hint').textContent = chosen ? 'Choose a day.' : 'No doctor matches.';
    return;
  }
  $('slots-title').textContent = `Free times on ${longDay($('day').value)}`;
  $('slots-hint').textContent = 'Looking for free times…';
  try {
    const data = await call('GET',
      `/api/v1/doctors/${encodeURIComponent(chosen.doctor_id)}/slots?date=${$('day').value}&appointment_type=${$('type').value}`,
      { token: state.token });
    const differs = data.slots.some((s) => zoneDiffers(s.start));
    list.replaceChildren(...data.slots.map((slot) => el('li', {},
      el('button', {
        type: 'button', class: 'secondary slot', 'aria-pressed': 'false', 'data-start': slot.start,
        onclick: (event) => choose(slot.start, event.currentTarget),
      }, wallTime(slot.start), zoneDiffers(slot.start) ? el('span', { class: 'slot-theirs' }, `your time ${localTime(slot.start)}`) : null))));
    $('slots-hint').textContent = data.slots.length === 0
      ? 'No free times on this day. Please try another day or type.'
      : `${data.slots.length} free times, in the doctor's time zone (${data.time_zone})${differs ? ', with your own time below each' : ''}.`;
  } catch (error) {
    list.replaceChildren();
    $('slots-hint').textContent = '';
    fail(error);
  }
}

function choose(start, button) {
  state.selected = start;
  for (const b of document.querySelectorAll('#slots button')) b.setAttribute('aria-pressed', String(b === button));
  show($('confirm'), start !== null);
  if (start === null) return;
  const chosen = doctor();
  $('confirm-text').textContent = `${TYPES[$('type').value]} with ${chosen.name}, ${describeTime(start)}.`;
  $('book').textContent = state.rescheduling ? `Move ${state.rescheduling.appointment_number} to this time` : 'Book this time';
  $('book').focus();
}

// --- booking and rescheduling -------------------------------------------------------------------------------

async function submit(start) {
  if (!start) return;
  clearError();
  $('book').disabled = true;
  try {
    let appointment;
    if (state.rescheduling) {
      appointment = await call('POST', `/api/v1/appointments/${encodeURIComponent(state.rescheduling.appointment_id)}/reschedule`,
        { token: state.token, body: { appointment_datetime: start } });
    } else {
      const body = { doctor_id: $('doctor').value, appointment_datetime: start, appointment_type: $('type').value };
      if ($('notes').value.trim()) body.notes = $('notes').value.trim();
      appointment = await callWithKey(body);
    }
    const moved = state.rescheduling !== null;
    stopRescheduling(false);
    $('notes').value = '';
    showResult(appointment, moved);
    loadSlots().then(() => $('result-title').focus());
    loadMine();
  } catch (error) {
    fail(error);
  } finally {
    $('book').disabled = false;
  }
}

function callWithKey(body) {
  // One key per booking attempt: should the answer be lost, the same request repeated never books twice.
  return call('POST', '/api/v1/appointments', { token: state.token, body, headers: { 'Idempotency-Key': newKey() } });
}

function showResult(a, moved) {
  $('result-title').textContent = moved ? 'Rescheduled' : 'Booked';
  $('result-body').replaceChildren(
    el('p', {}, moved ? 'Your appointment has moved. Its number stays ' : 'Your appointment number is ',
      el('span', { class: 'number', id: 'booked-number' }, a.appointment_number), '.'),
    appointmentDetails(a),
    el('p', { class: 'hint' }, 'A confirmation e-mail with a link to change or cancel is on its way.'));
  show($('result'));
}

function startRescheduling(a) {
  state.rescheduling = a;
  $('rescheduling-text').textContent = `Choose a new time for ${a.appointment_number} (now ${describeTime(a.appointment_details.datetime)}).`;
  show($('rescheduling'));
  const go = async () => {
    if (!state.doctors.some((d) => d.doctor_id === a.doctor.doctor_id)) {
      $('specialty').value = '';
      await loadDoctors();
    }
    $('doctor').value = a.doctor.doctor_id;
    $('type').value = a.appointment_details.appointment_type;
    $('doctor').disabled = true;
    $('type').disabled = true;
    $('specialty').disabled = true;
    $('day').value = wallDay(a.appointment_details.datetime);
    await loadSlots();
    $('day').focus();
  };
  go().catch(fail);
}

function stopRescheduling(reload = true) {
  const was = state.rescheduling;
  state.rescheduling = null;
  show($('rescheduling'), false);
  for (const id of ['doctor', 'type', 'specialty']) $(id).disabled = false;
  if (was && reload !== false) loadSlots();
}

// --- my appointments ----------------------------------------------------------------------------------------

async function loadMine() {
  const list = $('mine-list');
  try {
    const items = [];
    let cursor = null;
    const from = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    for (let page = 0; page < 5; page++) {
      const query = `?limit=100&from=${encodeURIComponent(from)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const data = await call('GET', `/api/v1/appointments${query}`, { token: state.token });
      items.push(...data.items);
      cursor = data.next_cursor;
      if (!cursor) break;
    }
    list.replaceChildren(...items.map(mineItem));
    $('mine-status').textContent = items.length === 0 ? 'You have no upcoming appointments.' : '';
  } catch (error) {
    $('mine-status').textContent = describe(error);
  }
}

function mineItem(a) {
  const changeable = a.status === 'scheduled' || a.status === 'pending';
  const item = el('li', { 'data-number': a.appointment_number });
  const actions = el('p', { class: 'row' });
  if (changeable) {
    actions.append(
      el('button', { type: 'button', class: 'secondary', 'aria-label': `Reschedule ${a.appointment_number}`, onclick: () => startRescheduling(a) }, 'Reschedule'),
      el('button', { type: 'button', class: 'danger', 'aria-label': `Cancel ${a.appointment_number}`, onclick: () => askCancel(a, actions) }, 'Cancel'));
  }
  item.append(
    el('h3', {}, `${describeTime(a.appointment_details.datetime)} — ${a.doctor.name}`),
    el('p', {}, `${a.appointment_number} · ${TYPES[a.appointment_details.appointment_type] || a.appointment_details.appointment_type} · `,
      el('span', { class: 'status' }, STATUSES[a.status] || a.status)),
    actions);
  return item;
}

function askCancel(a, actions) {
  const keep = el('button', { type: 'button', class: 'secondary', onclick: () => { actions.replaceWith(mineItem(a).querySelector('p.row')); loadMine(); } }, 'Keep it');
  const yes = el('button', { type: 'button', class: 'danger', onclick: () => cancel(a, yes) }, `Yes, cancel ${a.appointment_number}`);
  actions.replaceChildren(el('span', {}, 'Cancel this appointment?'), yes, keep);
  yes.focus();
}

async function cancel(a, button) {
  button.disabled = true;
  try {
    await call('POST', `/api/v1/appointments/${encodeURIComponent(a.appointment_id)}/cancel`, { token: state.token, body: {} });
    await loadMine();
    $('mine-status').textContent = `${a.appointment_number} is cancelled.`;
    loadSlots();
  } catch (error) {
    button.disabled = false;
    $('mine-status').textContent = describe(error);
  }
}

init().catch(fail);
