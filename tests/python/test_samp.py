"""SAMP through a real hub: astropy's SAMPHubServer, started by the test with a lockfile of
its own (SAMP_HUB points vosia at it), and an astropy SAMPIntegratedClient named "receiver"
subscribed to image.load.fits and table.load.votable, which checks the URL and name each
message carries. vosia.samp.Client sends; with VOSIA_C_EXAMPLES (as ctest sets it) so does
the C example samp_send. The hub listens on 127.0.0.1 only.
"""
import os
import queue
import subprocess
import tempfile
import urllib.parse
import urllib.request

import pytest

import vosia

try:
    from astropy.utils.data import conf as _data_conf
    _data_conf.allow_internet = False
    from astropy.samp import SAMPHubServer, SAMPIntegratedClient
except ImportError:  # pragma: no cover
    SAMPHubServer = None

pytestmark = pytest.mark.skipif(SAMPHubServer is None, reason="astropy.samp missing")
EXAMPLES = os.environ.get("VOSIA_C_EXAMPLES", "")


@pytest.fixture
def hub(monkeypatch):
    folder = tempfile.mkdtemp(prefix="vosia-samp-")
    lockfile = os.path.join(folder, "samp-lock")
    server = SAMPHubServer(web_profile=False, lockfile=lockfile, addr="127.0.0.1")
    server.start(wait=False)
    monkeypatch.setenv("SAMP_HUB", "std-lockurl:" + urllib.parse.urljoin(
        "file:", urllib.request.pathname2url(lockfile)))
    received = queue.Queue()
    receiver = SAMPIntegratedClient(name="receiver", addr="127.0.0.1")
    receiver.connect(hub=server)

    def on_message(private_key, sender_id, mtype, params, extra):
        received.put((mtype, params, sender_id))

    for mtype in ("image.load.fits", "table.load.votable"):
        receiver.bind_receive_notification(mtype, on_message)
    try:
        yield server, received, folder
    finally:
        receiver.disconnect()
        server.stop()


def fits_file(folder):
    path = os.path.join(folder, "m31 v.fits")
    with open(path, "wb") as f:
        f.write(b"SIMPLE  =                    T" + b" " * 50)
    return path


def test_an_image_broadcast_reaches_the_receiver_with_its_url_and_name(hub):
    server, received, folder = hub
    path = fits_file(folder)
    with vosia.samp.Client("vosia test") as samp:
        assert samp.send(path, name="M31 V") == 1
        mtype, params, sender = received.get(timeout=10)
    assert mtype == "image.load.fits"
    assert params["url"] == "file://" + urllib.request.pathname2url(os.path.realpath(path))
    assert params["name"] == "M31 V"
    assert sender.startswith("cli#")


def test_a_table_goes_to_one_recipient_named(hub):
    server, received, folder = hub
    url = "http://127.0.0.1:8080/siatest/q/i/siap.xml?POS=10.68,41.27&SIZE=0.2"
    with vosia.samp.Client("vosia test") as samp:
        assert samp.send(url, recipient="Receiver", table=True) == 1
        mtype, params, _ = received.get(timeout=10)
        assert (mtype, params["url"]) == ("table.load.votable", url)
        assert "name" not in params
        with pytest.raises(vosia.InvalidArgError, match="receiver"):
            samp.send(url, recipient="topcat", table=True)
        with pytest.raises(vosia.FileError):
            samp.send(os.path.join(folder, "missing.fits"))


def test_the_vosia_client_is_registered_under_its_name_until_closed(hub):
    server, received, folder = hub
    probe = SAMPIntegratedClient(name="probe", addr="127.0.0.1")
    probe.connect(hub=server)
    try:
        def names():
            return {probe.get_metadata(c).get("samp.name") for c in probe.get_registered_clients()}
        samp = vosia.samp.Client("vosia names")
        assert "vosia names" in names()
        samp.close()
        assert "vosia names" not in names()
    finally:
        probe.disconnect()


@pytest.mark.skipif(not EXAMPLES, reason="VOSIA_C_EXAMPLES not set")
def test_the_c_example_broadcasts_through_the_hub(hub):
    server, received, folder = hub
    path = fits_file(folder)
    out = subprocess.run([os.path.join(EXAMPLES, "samp_send"), path, "from C"],
                         capture_output=True, text=True, timeout=60, env=dict(os.environ))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "sent to 1 client"
    mtype, params, _ = received.get(timeout=10)
    assert (mtype, params["name"]) == ("image.load.fits", "from C")
    assert params["url"].endswith(urllib.parse.quote("m31 v.fits"))


def test_without_a_hub_the_error_says_how_to_start_one(monkeypatch):
    monkeypatch.setenv("SAMP_HUB", "std-lockurl:file:///nonexistent/vosia-samp-lock")
    with pytest.raises(vosia.ConnectError, match="start a hub"):
        vosia.samp.Client()
