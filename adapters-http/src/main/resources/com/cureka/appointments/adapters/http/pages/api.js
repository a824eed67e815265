// What every page shares: calls to the public JSON API, the API's errors in words, the token, and time formats.
// The token lives in memory and in sessionStorage (this tab only), never in a cookie.

export class ApiError extends Error {
  constructor(status, body, retryAfter) {
    super((body && body.message) || `The request failed (${status})`);
    this.status = status;
    this.code = (body && body.code) || (status === 0 ? 'NETWORK' : 'UNKNOWN');
    this.details = (body && body.details) || {};
    this.retryAfter = retryAfter;
    this.requestId = null;
  }
}

/** Calls the API; answers `data` of the envelope, or throws an ApiError. */
export async function call(method, path, { token, body, headers: extra } = {}) {
  const headers = { Accept: 'application/json', ...(extra || {}) };
  if (token) headers.Authorization = `Bearer ${token}`;
  const init = { method, headers, credentials: 'omit', cache: 'no-store', redirect: 'error' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, null, null);
  }
  let json = null;
  try {
    json = await response.json();
  } catch (e) {
    json = null;
  }
  if (!response.ok || !json || json.success !== true) {
    const error = new ApiError(response.status, json, response.headers.get('Retry-After'));
    error.requestId = response.headers.get('X-Request-Id');
    throw error;
  }
  return json.data;
}

const FIELD_CODES = {
  REQUIRED: 'is required',
  INVALID_FORMAT: 'is not in the right form',
  PAST_DATETIME: 'is in the past',
  TOO_SOON: 'is too soon: appointments must be booked further ahead',
  TOO_FAR_AHEAD: 'is too far ahead: that day is not open for booking yet',
  INVALID_TYPE: 'is not a type of appointment the clinic offers',
  TOO_LONG: 'is too long',
  PATIENT_MISMATCH: 'does not match who is signed in',
};

const FIELD_NAMES = {
  appointment_datetime: 'The time',
  date: 'The day',
  appointment_type: 'The type',
  notes: 'The note',
  reason: 'The reason',
  doctor_id: 'The doctor',
};

/** The error in plain words, for a person rather than a program. */
export function describe(error) {
  if (!(error instanceof ApiError)) return 'Something went wrong on this page. Please reload it and try again.';
  const wait = error.retryAfter ? ` Please try again in ${error.retryAfter} seconds.` : ' Please try again in a moment.';
  switch (error.code) {
    case 'NETWORK':
      return 'The clinic could not be reached. Check your connection and try again.';
    case 'VALIDATION_ERROR': {
      const items = (error.details.errors || []).map(
        (e) => `${FIELD_NAMES[e.field] || e.field} ${FIELD_CODES[e.code] || e.message}.`);
      return items.length ? `Please check: ${items.join(' ')}` : 'Please check what you entered.';
    }
    case 'UNAUTHORIZED':
      return 'Your sign-in has expired or is not valid. Please sign in again.';
    case 'FORBIDDEN':
      return 'Your account may not do this.';
    case 'DOCTOR_NOT_FOUND':
      return 'This doctor is no longer taking bookings. Please choose another.';
    case 'APPOINTMENT_NOT_FOUND':
      return 'This appointment could not be found.';
    case 'SLOT_UNAVAILABLE':
      return 'Sorry, that time is no longer free.';
    case 'OUTSIDE_BUSINESS_HOURS':
      return "That time is outside the doctor's working hours.";
    case 'PATIENT_CONFLICT':
      return 'You already have an appointment at that time.';
    case 'APPOINTMENT_LIMIT_REACHED':
      return 'You already hold as many upcoming appointments as the clinic allows. Cancel one to book another.';
    case 'INVALID_STATE':
      return 'This appointment can no longer be changed that way (it may already be cancelled, marked, or in the past).';
    case 'RATE_LIMITED':
      return `Too many attempts in a short time.${wait}`;
    case 'CAL_COM_ERROR':
      return `The clinic's calendar is not answering right now; nothing was changed.${wait}`;
    case 'SERVICE_UNAVAILABLE':
      return `The clinic's system is busy or restarting; nothing was changed.${wait}`;
    case 'IDEMPOTENCY_IN_PROGRESS':
      return 'Your earlier request is still being handled. Please wait a moment and look again.';
    case 'LINK_INVALID':
      return 'This link does not work.';
    case 'LINK_EXPIRED':
      return 'This link has expired.';
    default:
      return `Something went wrong (${error.code}).${error.requestId ? ` If you report it, quote ${error.requestId}.` : ''}`;
  }
}

/** The alternative starts a 409 offers, if any. */
export function alternatives(error) {
  return (error instanceof ApiError && Array.isArray(error.details.alternative_slots)) ? error.details.alternative_slots : [];
}

// --- the token ----------------------------------------------------------------------------------------------

/**
 * The token: from the URL fragment (`#token=…`, then removed from the address bar and history), else from this tab's
 * sessionStorage under `key`.
 */
export function takeToken(key) {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const fromUrl = fragment.get('token');
  if (fromUrl) {
    sessionStorage.setItem(key, fromUrl);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromUrl;
  }
  return sessionStorage.getItem(key);
}

export function keepToken(key, token) {
  if (token) sessionStorage.setItem(key, token);
  else sessionStorage.removeItem(key);
}

/** The token's claims, read (not verified: the API verifies) to greet the user and choose what to show. */
export function claims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(part), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
    return JSON.parse(json);
  } catch (e) {
    return {};
  }
}

/** A dev token from `GET /dev/token` (embedded mode only), or null when the route does not exist. */
export async function devToken(role) {
  try {
    const data = await call('GET', `/dev/token?role=${encodeURIComponent(role)}`);
    return data.token;
  } catch (e) {
    return null;
  }
}

// --- times --------------------------------------------------------------------------------------------------

/** "14:30" of an ISO time with offset, as written (the doctor's wall clock). */
export function wallTime(iso) {
  return iso.slice(11, 16);
}

/** "2025-09-23" of an ISO time with offset, as written (the doctor's day). */
export function wallDay(iso) {
  return iso.slice(0, 10);
}

/** The offset of an ISO time in minutes east of UTC. */
function offsetMinutes(iso) {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(iso);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** True when this browser's clock shows another time than the doctor's at that instant. */
export function zoneDiffers(iso) {
  return -new Date(iso).getTimezoneOffset() !== offsetMinutes(iso);
}

/** "10:00" in the browser's own time zone. */
export function localTime(iso) {
  return new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** "Tue 23 Sep 2025" of a YYYY-MM-DD day. */
export function longDay(day) {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

/** "Tue 23 Sep 2025, 14:30" in the doctor's time, plus the browser's own when it differs. */
export function describeTime(iso) {
  const text = `${longDay(wallDay(iso))}, ${wallTime(iso)}`;
  return zoneDiffers(iso) ? `${text} (your time ${localTime(iso)})` : text;
}

/** Today in the browser's zone, as YYYY-MM-DD, plus `days`. */
export function today(days = 0) {
  const now = new Date(Date.now() + days * 86400000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function addDays(day, days) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export const TYPES = {
  consultation: 'Consultation (30 min)',
  followup: 'Follow-up (20 min)',
  emergency: 'Emergency (60 min)',
  surgery: 'Surgery (45 min)',
};

export const STATUSES = {
  pending: 'Pending', scheduled: 'Scheduled', cancelled: 'Cancelled', completed: 'Completed', no_show: 'No-show',
};

// --- DOM helpers --------------------------------------------------------------------------------------------

/** An element with attributes and children (strings become text: nothing is ever parsed as HTML). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function show(node, visible = true) {
  node.hidden = !visible;
}

/** Writes a message into a region (role=alert or status) and shows it. */
export function say(region, ...content) {
  region.replaceChildren(...content);
  show(region, content.length > 0);
}

/** The appointment's details as a definition list. */
export function appointmentDetails(a) {
  const d = a.appointment_details;
  const links = a.meeting_links || {};
  return el('dl', { class: 'details' },
    el('dt', {}, 'Number'), el('dd', { class: 'appointment-number' }, a.appointment_number),
    el('dt', {}, 'Doctor'), el('dd', {}, `${a.doctor.name}${a.doctor.specialty ? `, ${a.doctor.specialty}` : ''}`),
    el('dt', {}, 'When'), el('dd', { class: 'appointment-when' }, describeTime(d.datetime)),
    el('dt', {}, 'Type'), el('dd', {}, `${TYPES[d.appointment_type] || d.appointment_type}`),
    el('dt', {}, 'Status'), el('dd', { class: 'appointment-status' }, STATUSES[a.status] || a.status),
    links.video_conference_url ? [el('dt', {}, 'Video'), el('dd', {}, safeLink(links.video_conference_url, 'Join the video call'))] : null,
    links.cal_event_link ? [el('dt', {}, 'Calendar'), el('dd', {}, safeLink(links.cal_event_link, 'Open in the calendar'))] : null);
}

/** A link only when it is http(s); anything else is shown as text. */
export function safeLink(url, text) {
  try {
    const parsed = new URL(url, window.location.origin);
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') {
      return el('a', { href: parsed.href, rel: 'noopener noreferrer', target: '_blank' }, text);
    }
  } catch (e) {
    // shown as text below
  }
  return document.createTextNode(url);
}
