"""A TCP proxy that puts a server a given round-trip time away (bench/batch_far.sh).

The kernel here has no netem qdisc (`tc qdisc add ... netem` says "Specified qdisc kind is
unknown"), so the distance is made in user space: every chunk is delivered half the round trip
after it was read, in each direction and in order, and a new connection's first bytes wait one
extra round trip, as a TCP handshake would cost. Bandwidth and loss are not emulated. Listens
on 127.0.0.1 only and connects only to the upstream given (127.0.0.1).

    python latency_proxy.py LISTEN_PORT UPSTREAM_HOST UPSTREAM_PORT RTT_MS
"""
import asyncio
import sys


async def pump(reader, writer, delay, first_wait):
    """Copies reader to writer, each chunk `delay` s after it was read (FIFO)."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue = asyncio.Queue()

    async def deliver():
        try:
            while True:
                due, data = await queue.get()
                wait = due - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                if data is None:
                    writer.write_eof() if writer.can_write_eof() else writer.close()
                    return
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            writer.close()

    sender = asyncio.create_task(deliver())
    extra = first_wait
    try:
        while True:
            data = await reader.read(65536)
            await queue.put((loop.time() + delay + extra, data or None))
            extra = 0.0
            if not data:
                break
    except (ConnectionError, OSError):
        await queue.put((loop.time(), None))
    await sender


async def main():
    port, host, up_port, rtt = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    one_way = rtt / 2000.0

    async def handle(c_reader, c_writer):
        try:
            u_reader, u_writer = await asyncio.open_connection(host, up_port)
        except OSError:
            c_writer.close()
            return
        await asyncio.gather(pump(c_reader, u_writer, one_way, 2 * one_way),
                             pump(u_reader, c_writer, one_way, 0.0),
                             return_exceptions=True)
        c_writer.close()
        u_writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=512)
    print(f"latency_proxy: 127.0.0.1:{port} -> {host}:{up_port}, {rtt:g} ms round trip",
          flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
