#!/usr/bin/env python3
"""browser_check.py - load a report page in headless Chromium and check it.

    browser_check.py PAGE.html EXPECT.json SCREENSHOT.png [REPORT.pdf]

Talks WebDriver (HTTP, the standard library only) to chromedriver, which
drives Chromium with its proxy set to a dead port, so nothing could reach
the network even if the page asked. Checks, and says which failed:

- the console captures errors (a page that logs one is seen: a self-test),
  and the report page logs none;
- no request but the page itself (the DevTools network log of the
  performance log, and the page's own resource timing);
- the page runs no script;
- every figure in EXPECT.json is on the page and no other: each has an
  <svg> of non-zero rendered size, and as many marks (class "pt") and
  interval bars (class "bar") as EXPECT.json says, every mark rendered at
  a non-zero size inside its plot;
- then saves a full-page screenshot and, when asked, the page printed to
  PDF.

EXPECT.json: {"growth/0": {"pt": 5, "bar": 5}, "samples/0": {"pt": 64}, ...},
keyed by each figure's data-plot "/" data-group.

Exit status 0 when every check passed, 1 when one failed, 2 when the
browser could not be started (the message says why).
"""
import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

FAILURES = []


def fail(msg):
    FAILURES.append(msg)
    print("FAIL: " + msg)


def ok(msg):
    print("ok: " + msg)


class Driver:
    def __init__(self, port):
        self.base = "http://127.0.0.1:%d" % port
        self.session = None

    def call(self, method, path, body=None, timeout=30):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return json.loads(r.read().decode() or "{}").get("value")
        except urllib.error.HTTPError as e:
            raise RuntimeError("%s %s: HTTP %d %s" % (method, path, e.code,
                                                      e.read().decode()[:400]))

    def s(self, method, path, body=None):
        return self.call(method, "/session/%s%s" % (self.session, path), body)

    def script(self, js):
        return self.s("POST", "/execute/sync", {"script": js, "args": []})

    def logs(self, kind):
        return self.s("POST", "/se/log", {"type": kind}) or []


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find(names):
    for n in names:
        p = shutil.which(n)
        if p:
            return p
    return None


def stop(proc):
    """chromedriver asked to end, then its whole group made to."""
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    proc.wait()


def start(chromium, chromedriver, profile):
    port = free_port()
    # A process group of its own, so that the browsers it starts go with it.
    proc = subprocess.Popen([chromedriver, "--port=%d" % port], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    d = Driver(port)
    deadline = time.time() + 15
    while True:
        try:
            if (d.call("GET", "/status", timeout=2) or {}).get("ready"):
                break
        except (OSError, RuntimeError):
            pass
        if time.time() > deadline or proc.poll() is not None:
            stop(proc)
            raise RuntimeError("chromedriver did not start")
        time.sleep(0.1)
    args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--disable-extensions", "--disable-sync",
            "--disable-background-networking", "--disable-component-update",
            "--disable-default-apps", "--hide-scrollbars",
            # Nothing may reach the network: every request would go to a
            # proxy on a port where nothing listens.
            "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
            "--user-data-dir=" + profile, "--window-size=1200,900"]
    caps = {"capabilities": {"alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {"binary": chromium, "args": args,
                               "perfLoggingPrefs": {"enableNetwork": True,
                                                    "enablePage": False}},
        "goog:loggingPrefs": {"browser": "ALL", "performance": "ALL"}}}}
    try:
        d.session = d.call("POST", "/session", caps, timeout=60)["sessionId"]
    except Exception:
        stop(proc)
        raise
    return proc, d


MEASURE = r"""
const out = {plots: {}, scripts: document.scripts.length,
             resources: performance.getEntriesByType('resource').map(e => e.name),
             height: document.documentElement.scrollHeight};
for (const fig of document.querySelectorAll('figure.plot')) {
  const key = fig.dataset.plot + '/' + fig.dataset.group;
  const svg = fig.querySelector('svg');
  if (!svg) { out.plots[key] = {missing: true}; continue; }
  const r = svg.getBoundingClientRect();
  const inside = b => b.left >= r.left - 1 && b.right <= r.right + 1 &&
                      b.top >= r.top - 1 && b.bottom <= r.bottom + 1;
  let shown = 0, within = 0;
  const pts = svg.querySelectorAll('.pt');
  for (const e of pts) {
    const b = e.getBoundingClientRect();
    if (b.width > 0 && b.height > 0) shown++;
    if (inside(b)) within++;
  }
  out.plots[key] = {w: r.width, h: r.height, pt: pts.length, shown: shown, within: within,
                    bar: svg.querySelectorAll('.bar').length,
                    text: svg.querySelectorAll('text').length, dup: out.plots[key] !== undefined};
}
return out;
"""


def check_page(d, url, expect):
    d.logs("browser")  # drained: only what this page logs counts
    d.logs("performance")
    d.s("POST", "/url", {"url": url})
    got = d.script(MEASURE)
    errors = [e for e in d.logs("browser") if e.get("level") == "SEVERE"]
    if errors:
        fail("console errors: " + "; ".join(e.get("message", "")[:200] for e in errors))
    else:
        ok("no console error")
    requests = []
    for entry in d.logs("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg.get("method") == "Network.requestWillBeSent":
            requests.append(msg["params"]["request"]["url"])
    others = [u for u in requests if u != url] + got["resources"]
    if others:
        fail("network requests besides the page: " + ", ".join(others[:5]))
    elif url not in requests:
        fail("the network log did not see the page's own request (is it recording?)")
    else:
        ok("no network request (the log saw only the page itself)")
    if got["scripts"]:
        fail("the page has %d <script> elements" % got["scripts"])
    if set(got["plots"]) != set(expect):
        fail("figures on the page %s, expected %s" % (sorted(got["plots"]), sorted(expect)))
    for key, want in sorted(expect.items()):
        p = got["plots"].get(key)
        if not p or p.get("missing"):
            continue
        problems = []
        if not (p["w"] > 0 and p["h"] > 0):
            problems.append("rendered %gx%g" % (p["w"], p["h"]))
        if p["dup"]:
            problems.append("two figures with this key")
        for cls in ("pt", "bar"):
            if cls in want and p[cls] != want[cls]:
                problems.append("%d .%s, expected %d" % (p[cls], cls, want[cls]))
        if p["shown"] != p["pt"]:
            problems.append("%d of %d marks rendered at zero size" % (p["pt"] - p["shown"],
                                                                      p["pt"]))
        if p["within"] != p["pt"]:
            problems.append("%d of %d marks outside the plot" % (p["pt"] - p["within"], p["pt"]))
        if p["text"] == 0:
            problems.append("no <text>")
        if problems:
            fail("%s: %s" % (key, "; ".join(problems)))
        else:
            ok("%s: %gx%g px, %d marks, %d bars, %d texts" % (key, p["w"], p["h"], p["pt"],
                                                              p["bar"], p["text"]))
    return got


def main(argv):
    if len(argv) < 4:
        print(__doc__)
        return 2
    page, expect_path, shot = argv[1], argv[2], argv[3]
    pdf = argv[4] if len(argv) > 4 else None
    with open(expect_path) as f:
        expect = json.load(f)
    chromium = os.environ.get("CHROMIUM") or find(["chromium", "chromium-browser",
                                                   "google-chrome"])
    driver = os.environ.get("CHROMEDRIVER") or find(["chromedriver"])
    if not chromium or not driver:
        print("SKIP: %s not found" % ("chromium" if not chromium else "chromedriver"))
        return 2
    profile = tempfile.mkdtemp(prefix="bench-chromium-")
    proc = None
    try:
        try:
            proc, d = start(chromium, driver, profile)
        except Exception as e:
            print("cannot start the browser: %s" % e)
            return 2
        # The console check must be able to fail: a page that logs an
        # error is seen to.
        d.logs("browser")
        d.s("POST", "/url", {"url": "data:text/html,<p>self-test</p>"})
        d.script("console.error('bench-selftest'); return 0;")
        if any("bench-selftest" in e.get("message", "") for e in d.logs("browser")):
            ok("console errors are captured (self-test)")
        else:
            fail("a console error logged on purpose was not captured")
        url = "file://" + os.path.abspath(page)
        got = check_page(d, url, expect)
        height = min(int(got["height"]) + 40, 16000)
        d.s("POST", "/window/rect", {"width": 1200, "height": height})
        png = base64.b64decode(d.s("GET", "/screenshot"))
        with open(shot, "wb") as f:
            f.write(png)
        ok("screenshot %s (%d bytes, 1200x%d)" % (shot, len(png), height))
        if pdf:
            doc = base64.b64decode(d.s("POST", "/print", {"background": True}))
            if not doc.startswith(b"%PDF"):
                fail("printing to PDF gave no PDF")
            else:
                with open(pdf, "wb") as f:
                    f.write(doc)
                ok("printed to %s (%d bytes, %d pages)" % (pdf, len(doc),
                                                           doc.count(b"/Type /Page\n") or
                                                           doc.count(b"/Type/Page")))
        try:
            d.s("DELETE", "")
        except Exception:
            pass
    finally:
        if proc:
            stop(proc)
        shutil.rmtree(profile, ignore_errors=True)
    print("%d check(s) failed" % len(FAILURES) if FAILURES else "all checks passed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
