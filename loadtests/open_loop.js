// The open loop (k6): requests arrive at fixed rates whatever the latency, each one of the shopper mix that
// loadtests/locustfile.py drives as a closed loop, with the same weights from loadtests/shopper_mix.json.
//
// Run by the lab (lab/load/open_loop_k6.py), which sets:
//   BASE_URL     the edge, e.g. http://127.0.0.1:8000
//   PHASES       JSON [[rate in req/s, seconds], ...]: one constant-arrival-rate scenario a phase, back to back
//   TIMEOUT_S    seconds a request may take before it counts as an error
//   LATE_MS      an iteration that starts this much after its intended send time is counted late
//   MAX_VUS      virtual users a phase may grow to; past them k6 drops iterations (dropped_iterations)
//   POOL         seeded accounts logged in by setup() for the buyers' orders
//   SEED_ACCOUNTS how many reader accounts the seed made
//   BARE_PATH    (tests) instead of the mix, a GET of this path, good when 200: the arrival rate alone
//
// Latency is measured from the INTENDED send time (phase start + i / rate), not from when the request left:
// a request that waited for a free virtual user, or that k6 sent late, still counts its wait, so the
// percentiles are free of coordinated omission. k6's own http_req_duration is kept beside it.
import http from 'k6/http';
import exec from 'k6/execution';
import { Counter, Trend } from 'k6/metrics';

const MIX = JSON.parse(open('./shopper_mix.json'));
const PHASES = JSON.parse(__ENV.PHASES || '[[10, 10]]');
const BASE = __ENV.BASE_URL || 'http://127.0.0.1:8000';
const TIMEOUT_S = Number(__ENV.TIMEOUT_S || 10);
const LATE_MS = Number(__ENV.LATE_MS || 10);
const MAX_VUS = Number(__ENV.MAX_VUS || 1000);
const POOL = Number(__ENV.POOL || 20);
const SEED_ACCOUNTS = Number(__ENV.SEED_ACCOUNTS || 1000);
const BARE_PATH = __ENV.BARE_PATH || '';
const PASSWORD = 'bookstore-reader'; // the seed's readers' password, as the locustfile logs in
const PAGE_SIZE = 20;
const COUNTRIES = ['US', 'DE', 'FR', 'GB', 'NL', 'JP', 'CA', 'BR', 'IT', 'ES'];

const openMs = new Trend('open_ms', true); // from the intended send time to the answer: outcome, action, answer (status)
const lateStarts = new Counter('late_starts'); // iterations that started more than LATE_MS after their time
const ordersPlaced = new Counter('orders_placed'); // tagged order_id: what the data check holds each 201 to

function phaseName(index) {
  return `phase_${String(index).padStart(3, '0')}`;
}

function scenarios() {
  const all = {};
  let offset = 0;
  PHASES.forEach(([rate, seconds], index) => {
    all[phaseName(index)] = {
      executor: 'constant-arrival-rate',
      rate: rate,
      timeUnit: '1s',
      duration: `${seconds}s`,
      startTime: `${offset}s`,
      preAllocatedVUs: Math.max(5, Math.ceil(rate / 2)),
      maxVUs: Math.max(10, MAX_VUS),
      gracefulStop: `${TIMEOUT_S + 2}s`,
      tags: { phase: String(index) },
    };
    offset += seconds;
  });
  return all;
}

export const options = {
  scenarios: scenarios(),
  setupTimeout: '120s',
  summaryTrendStats: ['med', 'p(95)', 'p(99)', 'max'],
  systemTags: ['scenario', 'name', 'status', 'method', 'error_code'],
};

function pick(weights) {
  const names = Object.keys(weights);
  let left = Math.random() * names.reduce((sum, name) => sum + weights[name], 0);
  for (const name of names) {
    left -= weights[name];
    if (left < 0) return name;
  }
  return names[names.length - 1];
}

function anyOf(list) {
  return list[Math.floor(Math.random() * list.length)];
}

function body(res) {
  try {
    return res.json();
  } catch (_) {
    return null;
  }
}

function isInt(value) {
  return Number.isInteger(value);
}

export function setup() {
  if (BARE_PATH) return {};
  const first = http.get(`${BASE}/api/books?page=1&page_size=${PAGE_SIZE}`, { tags: { name: 'setup' } });
  const page = body(first);
  if (first.status !== 200 || !page || !isInt(page.total) || page.total < 1) {
    exec.test.abort(`the catalog did not answer (HTTP ${first.status})`);
  }
  const words = [];
  for (const item of page.items) {
    for (const word of `${item.title} ${item.author}`.toLowerCase().match(/\p{L}{3,}/gu) || []) words.push(word);
  }
  const tokens = [];
  for (let n = 1; n <= Math.min(POOL, SEED_ACCOUNTS); n++) {
    const res = http.post(`${BASE}/api/sessions`, JSON.stringify({ email: `reader${n}@bookstore.test`, password: PASSWORD }), {
      headers: { 'Content-Type': 'application/json' },
      tags: { name: 'setup' },
    });
    const session = body(res);
    if (res.status === 200 && session && session.token) tokens.push(session.token);
  }
  if (tokens.length === 0) exec.test.abort('no seeded reader could log in');
  return { total: page.total, words: words.length ? words : ['the'], tokens: tokens };
}

// Each action: one request of the mix, and the check of its answer (as loadtests/behaviour.py checks Locust's).
function get(path, action, headers) {
  return http.get(`${BASE}${path}`, { headers: headers || {}, tags: { name: action }, timeout: `${TIMEOUT_S}s` });
}

function post(path, payload, action, headers) {
  const all = Object.assign({ 'Content-Type': 'application/json' }, headers || {});
  return http.post(`${BASE}${path}`, JSON.stringify(payload), { headers: all, tags: { name: action }, timeout: `${TIMEOUT_S}s` });
}

// Field by field: k6 parses JSON into Go maps, whose keys come back in any order, so no JSON.stringify compare.
function sameFields(got, sent) {
  return !!got && Object.keys(sent).length === Object.keys(got).length && Object.keys(sent).every((k) => got[k] === sent[k]);
}

function pageIsRight(d, page, q, total) {
  if (!d || !Array.isArray(d.items) || d.page !== page || d.page_size !== PAGE_SIZE || !isInt(d.total)) return false;
  if (total !== undefined && d.total !== total) return false;
  const expected = Math.max(0, Math.min(PAGE_SIZE, d.total - (page - 1) * PAGE_SIZE));
  if (d.items.length !== expected) return false;
  return d.items.every((i) => isInt(i.id) && isInt(i.price_cents) && isInt(i.stock) && (!q || `${i.title} ${i.author}`.toLowerCase().includes(q)));
}

const ACTIONS = {
  catalog_page(data) {
    const page = Math.min(1 + Math.floor(-8 * Math.log(1 - Math.random())), Math.ceil(data.total / PAGE_SIZE));
    const res = get(`/api/books?page=${page}&page_size=${PAGE_SIZE}`, 'catalog_page');
    return [res, res.status === 200 && pageIsRight(body(res), page, null, data.total)];
  },
  search(data) {
    const q = anyOf(data.words);
    const res = get(`/api/books?q=${encodeURIComponent(q)}`, 'search');
    const d = body(res);
    return [res, res.status === 200 && pageIsRight(d, 1, q) && d.total >= 1];
  },
  view_book(data) {
    const id = 1 + Math.floor(Math.random() * data.total);
    const res = get(`/api/books/${id}`, 'view_book');
    const d = body(res);
    return [res, res.status === 200 && !!d && d.id === id && isInt(d.price_cents) && isInt(d.stock) && 'isbn' in d];
  },
  shipping_quote(data) {
    const id = 1 + Math.floor(Math.random() * data.total);
    const quantity = 1 + Math.floor(Math.random() * 2);
    const res = get(`/api/shipping/quote?book_id=${id}&quantity=${quantity}&country=${anyOf(COUNTRIES)}`, 'shipping_quote');
    const d = body(res);
    return [res, res.status === 200 && !!d && isInt(d.cost_cents) && d.cost_cents >= 0 && isInt(d.eta_days) && d.eta_days >= 0];
  },
  sign_in() {
    const n = 1 + Math.floor(Math.random() * SEED_ACCOUNTS);
    const res = post('/api/sessions', { email: `reader${n}@bookstore.test`, password: PASSWORD }, 'sign_in');
    const d = body(res);
    return [res, res.status === 200 && !!d && typeof d.token === 'string' && d.token.length > 0 && 'account_id' in d];
  },
  checkout(data) {
    const id = 1 + Math.floor(Math.random() * data.total);
    const lines = [{ book_id: id, quantity: 1 + Math.floor(Math.random() * 2) }];
    const address = { name: 'Open Loop', street: '1 Market Street', city: 'Leeds', postal_code: '12345', country: anyOf(COUNTRIES) };
    const auth = { Authorization: `Bearer ${anyOf(data.tokens)}` };
    const res = post('/api/orders', { items: lines, shipping_address: address }, 'checkout', auth);
    const d = body(res);
    if (res.status === 409) return [res, !!d && !!d.error && d.error.code === 'out_of_stock']; // stock ran out: a right answer
    if (res.status !== 201 || !d || !Array.isArray(d.items)) return [res, false];
    if (d.id !== undefined) ordersPlaced.add(1, { order_id: String(d.id) });
    const subtotal = d.items.reduce((sum, l) => sum + l.quantity * l.unit_price_cents, 0);
    return [
      res,
      d.status === 'confirmed' && !!d.shipment_id && d.items.length === 1 && d.items[0].book_id === id &&
        d.total_cents === subtotal + d.shipping_cents && sameFields(d.shipping_address, address),
    ];
  },
  my_last_order(data) {
    // One request: the buyer's order list (Locust's buyer re-reads the order it placed; here the pool's
    // accounts are shared, so the list is what stands for "my orders").
    const res = get('/api/orders', 'my_last_order', { Authorization: `Bearer ${anyOf(data.tokens)}` });
    const d = body(res);
    return [res, res.status === 200 && !!d && Array.isArray(d.items) && d.items.every((o) => o.status === 'confirmed')];
  },
};

function bare() {
  const res = get(BARE_PATH, 'bare');
  return [res, res.status === 200];
}

function isRefusal(res) {
  if (res.status !== 503 || !res.headers['Retry-After']) return false;
  const d = body(res);
  return !!d && !!d.error && typeof d.error.code === 'string' && typeof d.error.message === 'string';
}

export default function (data) {
  const index = Number(exec.scenario.name.slice('phase_'.length));
  const rate = PHASES[index][0];
  const intended = exec.scenario.startTime + (exec.scenario.iterationInTest * 1000) / rate;
  const started = Date.now();
  if (started - intended > LATE_MS) lateStarts.add(1);
  const kind = pick(MIX.users);
  const action = BARE_PATH ? 'bare' : pick(kind === 'buyer' ? Object.assign({}, MIX.browsing, MIX.buying) : MIX.browsing);
  const [res, right] = BARE_PATH ? bare() : ACTIONS[action](data);
  const outcome = right ? 'good' : isRefusal(res) ? 'refused' : 'error';
  openMs.add(Date.now() - intended, { outcome: outcome, action: action, answer: String(res.status) });
}
