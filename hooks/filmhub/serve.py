"""`make serve`: the preview with live reload, on an address that is free.

    python -m filmhub.serve [--host 127.0.0.1] [--port 8000]

`mkdocs serve` builds the whole site before it opens its port, then dies
with a traceback when the port is taken. This checks the address first and
says in one line what to do; then it runs `mkdocs serve --no-strict --dirty`
in this process, so the log reads as MkDocs' own. With `--dirty`, a save
renders again only the pages it changes (hooks/preview.py keeps every other
page's links, problems and cross-page data right).
"""

from __future__ import annotations

import argparse
import errno
import socket
import sys


def address_problem(host: str, port: int) -> str | None:
    """Why the preview can't listen at host:port, in one line, or None."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return not_an_address(host)
    family, kind, protocol, _, address = infos[0]
    with socket.socket(family, kind, protocol) as probe:
        # As MkDocs' server does: a port left in TIME_WAIT by the last preview is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            return _why(error, host, port)
    return None


def port_in_use(host: str, port: int) -> str:
    return (
        f"Port {port} on {host} is already in use — stop the program using it (another make serve?), "
        f"or preview on another port: make serve PORT={port + 1}"
    )


def not_an_address(host: str) -> str:
    return (
        f"'{host}' is not an address of this computer — use make serve HOST=127.0.0.1 "
        "(or HOST=0.0.0.0 to let other devices on your network see the preview)"
    )


def _why(error: OSError, host: str, port: int) -> str:
    if error.errno == errno.EADDRINUSE:
        return port_in_use(host, port)
    if error.errno == errno.EACCES:
        return f"Port {port} needs administrator rights — use a port above 1023: make serve PORT=8000"
    if error.errno == errno.EADDRNOTAVAIL:
        return not_an_address(host)
    return f"The preview can't listen on {host}:{port} ({error.strerror}) — try make serve PORT={port + 1}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make serve", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default="8000")
    args = parser.parse_args(argv)
    if not args.port.isdigit() or not 0 < int(args.port) < 65536:
        print(
            f"'{args.port}' is not a port number — use a number such as make serve PORT=8001", file=sys.stderr
        )
        return 2
    host, port = args.host.strip() or "127.0.0.1", int(args.port)
    problem = address_problem(host, port)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    from mkdocs.__main__ import cli

    try:
        cli.main(
            args=["serve", "--no-strict", "--dirty", "--dev-addr", f"{host}:{port}"], standalone_mode=True
        )
    except OSError as error:  # taken while the site was building
        print(_why(error, host, port), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
