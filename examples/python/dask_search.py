"""A survey's position list searched on a Dask cluster (dask.distributed), one vosia batch per
chunk of positions on each worker, the image lists gathered in input order.

    python dask_search.py URL [N_POSITIONS] [N_WORKERS]

Each worker process makes its own vosia.Service (a handle cannot cross processes; the
library keeps no global state, so this is all a worker needs) and runs its chunk with
vosia.execute_all. Prints how many images each position found. Only URL is contacted.
"""
import sys

import vosia


def positions(n):
    """n positions on a small grid around M31 (where the test archive has images)."""
    return [(10.5 + 0.02 * (i % 20), 41.1 + 0.02 * (i // 20)) for i in range(n)]


def search_chunk(url, chunk, size=0.2):
    """The access URLs of every position of `chunk`, searched as one batch (on a worker)."""
    svc = vosia.Service(url, vosia.SIA1)
    outcomes = vosia.execute_all([vosia.Query(svc, pos=p, size=size) for p in chunk],
                                 strict=True)
    return [[row.access_url for row in o.results] for o in outcomes]


def search_on_cluster(client, url, all_positions, chunk_size=25):
    """The image lists of `all_positions` in input order, chunks spread over the workers."""
    chunks = [all_positions[i:i + chunk_size] for i in range(0, len(all_positions), chunk_size)]
    futures = client.map(search_chunk, [url] * len(chunks), chunks, pure=False)
    return [images for part in client.gather(futures) for images in part]


def main():
    from dask.distributed import Client, LocalCluster

    url = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    workers = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        lists = search_on_cluster(client, url, positions(n))
    for i, images in enumerate(lists):
        print(f"position {i}: {len(images)} images")


if __name__ == "__main__":
    main()
