"""The lab a student opens has no instructor tools; the instructor's lab has nbgrader's."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from notebook_runner import ROOT

TOKEN = "course-lab-test"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port, path):
    """``(status, body)`` of a GET on the local server."""
    url = f"http://127.0.0.1:{port}{path}{'&' if '?' in path else '?'}token={TOKEN}"
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, ""


@pytest.fixture
def lab(tmp_path):
    """Start ``python -m course.lab [args]`` on a free port; yield the port; stop it."""
    started = []

    def start(*args):
        port = _free_port()
        env = {**os.environ, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache"),
               "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter"),
               "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
        process = subprocess.Popen(
            [sys.executable, "-m", "course.lab", *args, "--no-browser", f"--port={port}",
             f"--ServerApp.token={TOKEN}", "--ServerApp.ip=127.0.0.1"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        started.append(process)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            assert process.poll() is None, process.stderr.read()[-3000:]
            try:
                if _get(port, "/api/status")[0] == 200:
                    return port
            except OSError:
                pass
            time.sleep(0.5)
        raise AssertionError("JupyterLab did not answer within 90 s")

    yield start
    for process in started:
        process.send_signal(signal.SIGINT)     # the lab is the process itself (exec)
        process.send_signal(signal.SIGINT)     # Jupyter asks to confirm a first Ctrl-C
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _page_config(port):
    status, body = _get(port, "/lab")
    assert status == 200
    found = re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', body, re.S)
    return json.loads(found.group(1))


def test_the_students_lab_has_no_nbgrader_tools_and_no_news(lab):
    port = lab()
    config = _page_config(port)
    assert "@jupyter/nbgrader" in config["disabledExtensions"]
    assert "@jupyterlab/apputils-extension:announcements" in config["disabledExtensions"]
    assert _get(port, "/formgrader")[0] == 404
    assert _get(port, "/assignments")[0] == 404
    status, body = _get(port, "/api/contents")
    assert status == 200 and "ch01_tensors.ipynb" in body      # opened on notebooks/


def test_the_instructors_lab_keeps_nbgrader(lab):
    port = lab("--instructor")
    assert "@jupyter/nbgrader" not in _page_config(port)["disabledExtensions"]
    assert _get(port, "/formgrader")[0] != 404
    status, body = _get(port, "/api/contents")
    assert status == 200 and '"solutions"' in body              # opened on the course folder
