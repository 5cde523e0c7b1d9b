"""A throw-away PostgreSQL 15 cluster for the tests and the benchmark, as Debian's pg_virtualenv
makes one: initdb into a temporary folder, the server listening on a Unix socket in that folder
and on a free port of 127.0.0.1, trust authentication, stopped and removed by stop(). Run as
root, the cluster belongs to the unprivileged user `nobody` (PostgreSQL refuses to run as root).
Each test gets a database of its own from new_database(); database_url() is what
`motcua --db` takes."""
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid

PG_BIN = "/usr/lib/postgresql/15/bin"


def available():
    """The server binaries are installed (scripts/install-deps --test installs them)."""
    return os.path.exists(os.path.join(PG_BIN, "initdb"))


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgCluster:
    def __init__(self, durable=False, parent=None):
        """durable: the server syncs its WAL as in production (the benchmark); otherwise, as
        fits a throw-away test cluster, it does not. parent: where the folder goes."""
        self.dir = tempfile.mkdtemp(prefix="motcua-pg-", dir=parent)
        os.chmod(self.dir, 0o755)
        self.data = os.path.join(self.dir, "data")
        self.port = _free_port()
        self.user = None
        if os.geteuid() == 0:
            self.user = "nobody"
            nobody = pwd.getpwnam("nobody")
            os.chown(self.dir, nobody.pw_uid, nobody.pw_gid)
        self._as_owner([os.path.join(PG_BIN, "initdb"), "-D", self.data, "-U", "postgres",
                        "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        # throw-away data: no fsync (a test kills motcua, never the server or the machine)
        sync = "" if durable else "-c fsync=off -c full_page_writes=off "
        self._as_owner([os.path.join(PG_BIN, "pg_ctl"), "-D", self.data, "-w", "-l",
                        os.path.join(self.dir, "server.log"), "-o",
                        f"-c listen_addresses=127.0.0.1 -c port={self.port} "
                        f"-c unix_socket_directories={self.dir} {sync}"
                        "-c max_connections=300 "
                        "-c shared_buffers=128MB", "start"])

    def _as_owner(self, cmd):
        subprocess.run(cmd, check=True, capture_output=True, user=self.user, cwd=self.dir,
                       timeout=120)

    def psql(self, sql, database="postgres"):
        """Runs sql with psql on database; returns its output (unaligned, tuples only)."""
        return subprocess.run(
            [os.path.join(PG_BIN, "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
             "-h", self.dir, "-p", str(self.port), "-U", "postgres", "-d", database, "-c", sql],
            check=True, capture_output=True, text=True, timeout=120).stdout

    def new_database(self):
        """Creates an empty database; returns its motcua URL."""
        name = "t_" + uuid.uuid4().hex[:12]
        self.psql(f"CREATE DATABASE {name}")
        return self.database_url(name)

    def database_url(self, name):
        return f"postgresql://postgres@/{name}?host={self.dir}&port={self.port}"

    def stop(self):
        subprocess.run([os.path.join(PG_BIN, "pg_ctl"), "-D", self.data, "-m", "immediate",
                        "stop"], capture_output=True, user=self.user, cwd=self.dir, timeout=60)
        shutil.rmtree(self.dir, ignore_errors=True)
