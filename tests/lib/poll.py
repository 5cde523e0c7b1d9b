"""Waiting for something without sleeping blindly: a condition is polled until it holds or a
deadline passes, so a test waits as long as the machine needs and no longer."""
import time


def poll(predicate, timeout, interval=0.02):
    """Calls predicate() until it returns a true value or timeout seconds have passed, pausing
    interval seconds between calls; returns its last value (false when time ran out)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)


def wait_until(predicate, timeout=30, what="the condition", interval=0.02):
    """poll() that fails the test, naming what it waited for, when time runs out; returns the
    predicate's true value."""
    value = poll(predicate, timeout, interval)
    assert value, "%s: still not so after %s s" % (what, timeout)
    return value
