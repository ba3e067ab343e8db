"""N SIA 1.0 positions, one way per run, for bench/batch.sh: vosia's batch call
(vosia.execute_all, defaults: 8 at once, 4 per host), pyvo's sequential loop, or pyvo driven
by a 4-thread ThreadPoolExecutor. Writes each position's access URLs to OUT (JSON) so the
three can be compared. Only the URL given (127.0.0.1) is contacted.

    python batch_queries.py {vosia|vosia-keepalive|pyvo|pyvo-threads} N URL OUT.json
"""
import json
import random
import sys
from concurrent.futures import ThreadPoolExecutor

mode, n, url, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rng = random.Random(42)  # the same positions in every run: around M31, where the images are
positions = [(round(10.68 + rng.uniform(-0.6, 0.6), 5), round(41.27 + rng.uniform(-0.45, 0.45), 5))
             for _ in range(n)]

if mode in ("vosia", "vosia-keepalive"):
    import vosia

    svc = vosia.Service(url + "?", vosia.SIA1).set_keepalive(mode == "vosia-keepalive")
    outcomes = vosia.execute_all([vosia.Query(svc, pos=p, size=0.2) for p in positions],
                                 strict=True)
    lists = [[row.access_url for row in o.results] for o in outcomes]
else:
    from astropy.utils.data import conf

    conf.allow_internet = False
    import pyvo

    svc = pyvo.dal.SIAService(url)

    def one(pos):
        return [str(r.acref) for r in svc.search(pos=pos, size=0.2)]

    if mode == "pyvo":
        lists = [one(p) for p in positions]
    else:
        with ThreadPoolExecutor(4) as pool:
            lists = list(pool.map(one, positions))

with open(out, "w") as f:
    json.dump(lists, f)
