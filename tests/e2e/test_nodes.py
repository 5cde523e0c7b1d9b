"""Several motcua nodes on one PostgreSQL database (docs/OPERATIONS.md): three `serve` processes
take concurrent intake with Idempotency-Key retries spread over all of them, one is SIGKILLed
mid-load, and then every acknowledged dossier is there exactly once, the daily codes of the unit
are unique and without gaps, a retry on another node gets the first answer, the change feed is
one ordered sequence, a session opened on one node is valid on the others, each webhook
delivery is made once although every node runs a sender, and verify passes. Runs on its own
throw-away cluster whatever MOTCUA_STORE says (this is what the PostgreSQL backend is for)."""
import collections
import concurrent.futures
import http.server
import json
import signal
import threading

import requests

from conftest import login
from motcua import COMMUNE, Server, run
from pgcluster import PgCluster
from poll import poll, wait_until

THREADS = 12
PER_THREAD = 30


def body(i):
    return {"procedure": "1.004873", "unit": COMMUNE, "channel": "direct",
            "applicant": {"name": f"Trần Văn Đức {i}", "phone": "0977000111"},
            "components": [{"name": "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu",
                            "digitized": False}]}


def file_with_retries(nodes, alive, token, key, i, first):
    """Files one dossier under key, starting on node `first` and retrying the same key on the
    next live node after a lost connection or a 5xx; returns (code, node that answered)."""
    h = {"Authorization": "Bearer " + token, "Idempotency-Key": key}
    for attempt in range(12):
        n = (first + attempt) % len(nodes)
        if n not in alive:
            continue
        try:
            r = requests.post(nodes[n].url + "/api/v1/dossiers", json=body(i), headers=h, timeout=20)
        except requests.RequestException:
            continue
        if r.status_code == 201:
            return r.json()["code"], n
        assert r.status_code >= 500, r.text  # never a 4xx for a retried key
    return None, None


class Hook(http.server.BaseHTTPRequestHandler):
    """Accepts every delivery and records the delivery id and event of each."""
    lock = threading.Lock()
    deliveries = []

    def do_POST(self):
        raw = self.rfile.read(int(self.headers["Content-Length"]))
        with Hook.lock:
            Hook.deliveries.append((self.headers["X-Motcua-Delivery"], json.loads(raw)["cursor"]))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_three_nodes_one_database_survive_a_sigkill(tmp_path):
    cluster = PgCluster()
    receiver = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    nodes = []
    try:
        url = cluster.new_database()
        db_name = url.split("/")[3].split("?")[0]
        run("init", "--db", url, "--demo", check=0)
        token = run("token", "add", "nodes", "--role", "integration", "--unit", COMMUNE, "--db",
                    url, check=0).stdout.strip()
        files = str(tmp_path / "files")
        messages = tmp_path / "messages.jsonl"  # every node's notify command appends here
        extra = ("--files", files, "--webhook-retry", "1", "--webhook-allow", "127.0.0.1",
                 "--notify-cmd", f"printf '%s\\n' \"$(cat)\" >> {messages}")
        nodes = [Server(url, extra=extra) for _ in range(3)]
        alive = {0, 1, 2}

        # a session opened on node 0 is valid on nodes 1 and 2 (sessions are rows)
        admin = login(nodes[0], "admin")
        for n in nodes[1:]:
            r = admin.get(n.url + "/api/v1/webhooks")
            assert r.status_code == 200, r.text
        r = admin.post(nodes[1].url + "/api/v1/webhooks", json={
            "url": f"http://127.0.0.1:{receiver.server_address[1]}/hook", "actions": ["receive"]})
        assert r.status_code == 201, r.text

        acked, answered_by, sent = {}, {}, {}

        def client(t):
            for j in range(PER_THREAD):
                key = f"t{t}-{j}"
                sent[key] = t * 100 + j
                code, n = file_with_retries(nodes, alive, token, key, sent[key], t % 3)
                if code:
                    acked[key], answered_by[key] = code, n

        with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
            futures = [pool.submit(client, t) for t in range(THREADS)]
            poll(lambda: len(acked) >= 60, 30, 0.01)  # mid-load
            nodes[0].proc.send_signal(signal.SIGKILL)
            nodes[0].proc.wait()
            alive.discard(0)
            for f in futures:
                f.result()
        nodes[0].errlog.close()
        assert len(acked) == THREADS * PER_THREAD  # every key was answered by a live node
        assert any(n == 0 for n in answered_by.values()), "node 0 took no intake before its kill"

        # every acknowledged dossier present once; codes of the unit and day gap-free
        rows = cluster.psql("SELECT code FROM dossier ORDER BY id", db_name).split()
        assert len(rows) == len(set(rows)) == len(acked)
        assert set(acked.values()) == set(rows)
        by_day = collections.defaultdict(list)
        for code in rows:
            unit_day, seq = code.rsplit("-", 1)
            by_day[unit_day].append(int(seq))
        for unit_day, seqs in by_day.items():
            assert sorted(seqs) == list(range(1, len(seqs) + 1)), unit_day

        # a retry reaching another node is answered with the first answer
        h = {"Authorization": "Bearer " + token}
        for key, code in list(acked.items())[::10]:
            other = 2 if answered_by[key] != 2 else 1
            r = requests.post(nodes[other].url + "/api/v1/dossiers", json=body(sent[key]),
                              headers={**h, "Idempotency-Key": key})
            assert r.status_code == 201 and r.json()["code"] == code
            assert r.headers.get("Idempotent-Replayed") == "true"

        # the change feed: one strictly increasing sequence holding every event once
        seen, cursor = [], 0
        while True:
            page = requests.get(nodes[1 + len(seen) % 2].url + "/api/v1/events",
                                params={"after": cursor, "limit": 100}, headers=h).json()
            if not page["events"]:
                break
            seen += [e["cursor"] for e in page["events"]]
            cursor = page["next_cursor"]
        assert seen == sorted(set(seen))
        assert len(seen) == int(cluster.psql("SELECT count(*) FROM dossier_event", db_name))

        # each receive was delivered, once, though nodes 1 and 2 both send; only the one
        # delivery node 0's sender (one post at a time) may have had in flight when it was
        # killed can come again, from another node after its claim's lease: the receiver
        # tells it by X-Motcua-Delivery
        wait_until(lambda: len({d for d, _ in Hook.deliveries}) >= len(acked), 90,
                   "every delivery", 0.2)
        ids = [d for d, _ in Hook.deliveries]
        assert len(set(ids)) == len(acked)

        # each applicant's message "received" likewise, from the same sender threads
        def received():
            if not messages.exists():
                return []
            return [json.loads(line)["dossier"] for line in messages.read_text().splitlines()
                    if line.strip() and json.loads(line)["kind"] == "received"]

        wait_until(lambda: len(set(received())) >= len(acked), 90, "every message", 0.2)
        sent = received()
        assert set(sent) == set(acked.values())
        # a node's sender posts one delivery or message at a time: the killed node left at
        # most one in flight, the only one that may come twice
        repeats = len(ids) - len(set(ids)) + len(sent) - len(set(sent))
        assert repeats <= 1, (collections.Counter(ids).most_common(2),
                              collections.Counter(sent).most_common(2))

        for n in nodes[1:]:
            n.stop()
        nodes = []
        out = run("verify", "--db", url, check=0).stdout
        print(f"\n3 nodes, node 0 SIGKILLed mid-load: {len(acked)} dossiers acknowledged, each "
              f"once, codes gap-free; {len(seen)} feed events in order; {len(set(ids))} webhook "
              f"deliveries and {len(set(sent))} messages, {repeats} repeated; {out.strip()}")
    finally:
        for n in nodes[1:]:
            if n.proc.poll() is None:
                n.stop()
        receiver.shutdown()
        cluster.stop()


def test_a_node_whose_connections_drop_answers_503_then_reconnects(tmp_path):
    """The database ends every connection of a node (a failover, a restart): what was
    acknowledged stays, a request that meets the dropped connection is refused with 503 (never
    a crash nor a wrong answer), and the node reconnects by itself."""
    cluster = PgCluster()
    srv = None
    try:
        url = cluster.new_database()
        db_name = url.split("/")[3].split("?")[0]
        run("init", "--db", url, "--demo", check=0)
        token = run("token", "add", "drop", "--role", "integration", "--unit", COMMUNE, "--db",
                    url, check=0).stdout.strip()
        srv = Server(url, extra=("--files", str(tmp_path / "files")))
        h = {"Authorization": "Bearer " + token}
        first = requests.post(srv.url + "/api/v1/dossiers", json=body(1),
                              headers={**h, "Idempotency-Key": "before"})
        assert first.status_code == 201, first.text
        ended = cluster.psql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                             f"WHERE datname = '{db_name}' AND pid <> pg_backend_pid()", db_name)
        assert int(ended) >= 2  # the writer's and the senders' connections at least
        statuses = []
        for i in range(6):
            r = requests.post(srv.url + "/api/v1/dossiers", json=body(2),
                              headers={**h, "Idempotency-Key": "after"})
            statuses.append(r.status_code)
            if r.status_code == 201:
                break
            assert r.status_code == 503, r.text
            assert r.json()["error"]["message"] and r.json()["error"]["message_en"]
        assert statuses[0] == 503 and statuses[-1] == 201, statuses  # refused, then reconnected
        second = r.json()["code"]
        # reads reconnect too, and both dossiers are there, once
        for _ in range(3):
            r = requests.get(srv.url + "/api/v1/dossiers/" + first.json()["code"], headers=h)
            if r.status_code == 200:
                break
            assert r.status_code == 503, r.text
        assert r.status_code == 200, r.text
        codes = cluster.psql("SELECT code FROM dossier ORDER BY id", db_name).split()
        assert codes == [first.json()["code"], second]
        srv.stop()
        srv = None
        run("verify", "--db", url, check=0)
    finally:
        if srv:
            srv.stop()
        cluster.stop()
