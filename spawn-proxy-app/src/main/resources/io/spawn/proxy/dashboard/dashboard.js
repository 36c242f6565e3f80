// The proxy's dashboard (docs/operations.md#dashboard). Reads the operations endpoints below actuator and renders
// with textContent only: actor names, states and messages are data, never markup.
'use strict';

const actuator = document.querySelector('meta[name="spawn-actuator"]').content;
const POLL_MILLIS = 2000;
let previous = null; // the last overview's invocation counts, for calls per second
let listedOwners = {}; // owner -> actors in the listed page
let lastOverview = null;

function token() {
  return sessionStorage.getItem('spawn-token') || '';
}

async function api(method, path) {
  const headers = { Accept: 'application/json' };
  if (token()) {
    headers.Authorization = 'Bearer ' + token();
  }
  const response = await fetch(actuator + path, { method, headers });
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (e) {
    body = null;
  }
  if (!response.ok) {
    const message = (body && body.message) ? body.message : (response.status + ' ' + response.statusText);
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }
  return body;
}

function showError(message) {
  const element = document.getElementById('error');
  element.textContent = message;
  element.hidden = !message;
}

function cell(row, value, className) {
  const td = document.createElement('td');
  td.textContent = (value === null || value === undefined) ? '' : String(value);
  if (className) {
    td.className = className;
  }
  row.appendChild(td);
  return td;
}

function fill(tableId, rows, render, emptyText) {
  const body = document.querySelector('#' + tableId + ' tbody');
  body.replaceChildren();
  if (rows.length === 0) {
    const tr = document.createElement('tr');
    const td = cell(tr, emptyText, 'empty');
    td.colSpan = document.querySelectorAll('#' + tableId + ' thead th').length;
    body.appendChild(tr);
    return;
  }
  for (const item of rows) {
    const tr = document.createElement('tr');
    render(tr, item);
    body.appendChild(tr);
  }
}

function fixed(value, digits) {
  return (typeof value === 'number' && isFinite(value)) ? value.toFixed(digits) : '';
}

// ---- overview ----------------------------------------------------------------------------------------------

async function refreshOverview() {
  let overview;
  try {
    overview = await api('GET', '/spawnoverview');
  } catch (e) {
    showError('Overview: ' + e.message + (e.status === 404 ? ' (expose the spawnoverview endpoint)' : ''));
    return;
  }
  showError('');
  document.getElementById('node').textContent = 'member ' + overview.node;
  const health = document.getElementById('health');
  health.textContent = 'health ' + (overview.health || 'unknown') + (overview.draining ? ' (draining)' : '');
  health.className = 'badge ' + (overview.health === 'UP' ? 'up' : 'down');
  document.getElementById('active-actors').textContent = overview.activeActors;
  document.getElementById('mailbox-depth').textContent = overview.mailboxDepth;
  document.getElementById('schedule-lag').textContent =
    (overview.scheduleLagMillis === null) ? 'none yet' : overview.scheduleLagMillis + ' ms';
  lastOverview = overview;
  renderMembers();
  const systems = document.getElementById('systems');
  systems.replaceChildren(...overview.systems.map((name) => {
    const option = document.createElement('option');
    option.value = name;
    return option;
  }));
  const systemInput = document.getElementById('system');
  if (!systemInput.value && overview.systems.length > 0) {
    systemInput.value = overview.systems[0];
  }
  renderInvocations(overview.invocations);
}

function renderMembers() {
  if (!lastOverview) {
    return;
  }
  fill('members', lastOverview.members, (tr, m) => {
    cell(tr, m.node + (m.node === lastOverview.node ? ' (this one)' : ''));
    cell(tr, m.address);
    cell(tr, m.state);
    cell(tr, listedOwners[m.node] || 0);
  }, 'no members');
}

function renderInvocations(invocations) {
  const now = Date.now();
  const byAction = new Map();
  const counts = {};
  for (const row of invocations) {
    const key = row.system + '/' + row.actor + '/' + row.action;
    counts[key + '/' + row.outcome] = row.count;
    const entry = byAction.get(key) || { system: row.system, actor: row.actor, action: row.action, count: 0,
      failed: 0, totalMillis: 0, maxMillis: 0, rate: 0 };
    entry.count += row.count;
    entry.totalMillis += row.totalMillis;
    entry.maxMillis = Math.max(entry.maxMillis, row.maxMillis);
    if (row.outcome !== 'OK') {
      entry.failed += row.count;
    }
    if (previous) {
      const before = previous.counts[key + '/' + row.outcome] || 0;
      entry.rate += Math.max(0, row.count - before) / ((now - previous.at) / 1000);
    }
    byAction.set(key, entry);
  }
  previous = { at: now, counts };
  const rows = [...byAction.values()];
  const total = rows.reduce((sum, r) => sum + r.rate, 0);
  document.getElementById('calls-per-second').textContent = fixed(total, 1);
  fill('actions', rows, (tr, r) => {
    cell(tr, r.system);
    cell(tr, r.actor);
    cell(tr, r.action);
    cell(tr, fixed(r.rate, 1));
    cell(tr, r.count);
    cell(tr, fixed(r.count ? r.totalMillis / r.count : 0, 2));
    cell(tr, fixed(r.maxMillis, 2));
    cell(tr, r.failed);
  }, 'no calls yet');
  fill('failures', invocations.filter((r) => r.outcome !== 'OK'), (tr, r) => {
    cell(tr, r.system);
    cell(tr, r.actor);
    cell(tr, r.action);
    cell(tr, r.outcome);
    cell(tr, r.count);
  }, 'no failed calls');
}

// ---- actors ------------------------------------------------------------------------------------------------

function encode(part) {
  return encodeURIComponent(part);
}

async function listActors(system) {
  const page = await api('GET', '/spawnactors/' + encode(system) + '?pageSize=100');
  listedOwners = {};
  for (const actor of page.items) {
    if (actor.owner) {
      listedOwners[actor.owner] = (listedOwners[actor.owner] || 0) + 1;
    }
  }
  fill('actors', page.items, (tr, a) => {
    const name = document.createElement('a');
    name.textContent = a.name;
    name.addEventListener('click', () => openActor(system, a.name));
    const td = cell(tr, '');
    td.appendChild(name);
    cell(tr, a.parent);
    cell(tr, a.revision);
    cell(tr, a.active ? 'yes' : 'no');
    cell(tr, a.owner);
    cell(tr, a.updatedAt);
  }, 'no stored actors in ' + system);
  document.getElementById('actors-more').hidden = !page.nextPageToken;
  renderMembers();
}

async function openActor(system, actor) {
  const base = '/spawnactors/' + encode(system) + '/' + encode(actor);
  let described;
  try {
    described = await api('GET', base);
  } catch (e) {
    document.getElementById('detail').hidden = true;
    showError(e.status === 404 ? 'No actor ' + actor + ' in ' + system + ': ' + e.message : e.message);
    return;
  }
  showError('');
  document.getElementById('detail').hidden = false;
  document.getElementById('detail-name').textContent = system + '/' + actor;
  const facts = document.getElementById('detail-facts');
  facts.replaceChildren();
  for (const key of ['parent', 'revision', 'stateType', 'active', 'owner', 'updatedAt', 'tags']) {
    const dt = document.createElement('dt');
    dt.textContent = key;
    const dd = document.createElement('dd');
    const value = described[key];
    dd.textContent = (value !== null && typeof value === 'object') ? JSON.stringify(value) : String(value ?? '');
    facts.append(dt, dd);
  }
  const [state, history] = await Promise.all([api('GET', base + '/state'), api('GET', base + '/history')]);
  document.getElementById('state-status').textContent = state.status + ' at revision ' + state.revision
    + (state.message ? ': ' + state.message : '');
  document.getElementById('state').textContent = ('value' in state) ? JSON.stringify(state.value, null, 2)
    : (state.base64 || state.text || '');
  fill('history', history.revisions, (tr, r) => {
    cell(tr, r.revision);
    cell(tr, r.stateType);
    cell(tr, r.node);
    cell(tr, r.writtenAt);
  }, 'no kept revisions');
  await showTimers(system, actor);
}

async function showTimers(system, actor) {
  const base = '/spawnactors/' + encode(system) + '/' + encode(actor) + '/timers';
  const page = await api('GET', base + '?pageSize=100');
  fill('timers', page.items, (tr, t) => {
    cell(tr, t.id);
    cell(tr, t.action);
    cell(tr, t.kind);
    cell(tr, t.dueAt);
    cell(tr, t.intervalMillis);
    cell(tr, t.attempts);
    const button = document.createElement('button');
    button.textContent = 'Cancel';
    button.dataset.timer = t.id;
    button.addEventListener('click', () => cancelTimer(system, actor, t.id));
    cell(tr, '').appendChild(button);
  }, 'no timers or delayed calls');
}

async function cancelTimer(system, actor, id) {
  const message = document.getElementById('timers-message');
  try {
    await api('DELETE', '/spawnactors/' + encode(system) + '/' + encode(actor) + '/timers?id=' + encode(id));
    message.textContent = 'Cancelled ' + id;
  } catch (e) {
    message.textContent = 'Not cancelled: ' + e.message;
  }
  await showTimers(system, actor);
}

async function search(event) {
  event.preventDefault();
  const system = document.getElementById('system').value.trim();
  const actor = document.getElementById('actor').value.trim();
  try {
    await listActors(system);
    if (actor) {
      await openActor(system, actor);
    }
  } catch (e) {
    showError(e.message);
  }
}

document.getElementById('search').addEventListener('submit', search);
document.getElementById('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem('spawn-token', document.getElementById('token').value);
  refreshOverview();
});
refreshOverview();
setInterval(refreshOverview, POLL_MILLIS);
