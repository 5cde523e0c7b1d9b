"""Time as the tests see it. The legal day is Vietnam's (UTC+7, no daylight saving), whatever
the machine's time zone: vn_now() and vn_today() are what a test takes for "now" and "today".
Clock is a server's wall clock under libfaketime, moved by the test to a Vietnam local time.

The whole suite may itself run under libfaketime (LD_PRELOAD and FAKETIME on pytest, to prove
that nothing depends on the machine's day); vn_now() then follows that fake time, and so does
every motcua process the tests start (motcua.child_env), except a server under a Clock, which
follows the Clock only."""
import ctypes
import datetime
import os

VN = datetime.timezone(datetime.timedelta(hours=7))
FAKETIME = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1"


def vn_now():
    """The current instant as a datetime in Vietnam time (this process's clock)."""
    return datetime.datetime.now(VN)


def vn_today():
    """Today's date in Vietnam: the legal day, which a UTC evening has already moved on."""
    return vn_now().date()


class _Timespec(ctypes.Structure):
    _fields_ = [("tv_sec", ctypes.c_long), ("tv_nsec", ctypes.c_long)]


_libc = ctypes.CDLL("libc.so.6", use_errno=True)
_CLOCK_REALTIME = 0


def real_time():
    """Seconds since the epoch from the kernel's clock, even when this process runs under
    libfaketime: glibc's clock_gettime looked up in libc itself, not through the preloaded
    library that replaces it for everyone else."""
    ts = _Timespec()
    if _libc.clock_gettime(_CLOCK_REALTIME, ctypes.byref(ts)) != 0:
        raise OSError(ctypes.get_errno(), "clock_gettime")
    return ts.tv_sec + ts.tv_nsec / 1e9


class Clock:
    """A server's wall clock under libfaketime: set() moves it to a Vietnam local time, from
    where it runs on; the server rereads the file on every call."""

    def __init__(self, path, start):
        self.path = str(path)
        self.set(start)

    def set(self, local):
        """local: 'YYYY-MM-DD HH:MM:SS' in Vietnam time. The file holds the offset from the real
        clock (an absolute time would also count the server's uptime); the real clock, not
        this process's, which may be faked itself."""
        t = datetime.datetime.strptime(local, "%Y-%m-%d %H:%M:%S").replace(tzinfo=VN)
        with open(self.path + ".tmp", "w") as f:
            f.write("%+.3f\n" % (t.timestamp() - real_time()))
        os.replace(self.path + ".tmp", self.path)

    def env(self, base):
        """base (an environment) with this clock in place of any libfaketime setting it had:
        FAKETIME in the environment would win over the file."""
        env = {k: v for k, v in base.items() if not k.startswith("FAKETIME")}
        env.update({"LD_PRELOAD": FAKETIME, "FAKETIME_TIMESTAMP_FILE": self.path,
                    "FAKETIME_NO_CACHE": "1", "FAKETIME_DONT_FAKE_MONOTONIC": "1", "TZ": "UTC"})
        return env
