"""The HAProxy configuration in front of the nodes (Debian 12's haproxy 2.6).

`deploy/haproxy.cfg` is config(...) for three nodes on this machine (a test keeps it so);
`scripts/cluster` renders it for its own ports.
"""

from __future__ import annotations

TEMPLATE = """\
# HAProxy 2.6 in front of jobboard nodes (JOBBOARD_MODE=cluster, JOBBOARD_TRUSTED_PROXIES=1).
# Written by jobboard/cluster/haproxy.py; see README "Running several nodes".
global
    maxconn 4096
    log stdout format raw local0

defaults
    mode http
    log global
    option httplog
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    timeout http-request 10s
    # A node that dies mid-request: the request goes to another node (GET and HEAD only;
    # a sign-in POST is never sent twice).
    retries 2
    option redispatch 1
    retry-on conn-failure empty-response response-timeout 0rtt-rejected
    # /healthz answers 503 until a node serves a current-enough generation: no traffic before.
    option httpchk
    http-check send meth GET uri /healthz
    http-check expect status 200
    default-server inter 500ms fall 2 rise 2 maxconn 64

frontend public
    bind {bind}
    # The nodes believe one hop (JOBBOARD_TRUSTED_PROXIES=1): the address appended here.
    option forwardfor
    default_backend nodes

backend nodes
    balance roundrobin
    http-request disable-l7-retry if METH_POST
{servers}
listen stats
    bind {stats}
    stats enable
    stats uri /
    stats refresh 5s
"""


def config(bind: str, nodes: list[str], stats: str) -> str:
    """The configuration text: public address, node addresses (host:port), stats address."""
    servers = "".join(f"    server node{i} {address} check\n"
                      for i, address in enumerate(nodes, 1))
    return TEMPLATE.format(bind=bind, servers=servers, stats=stats)


def shipped() -> str:
    """What deploy/haproxy.cfg holds: three nodes on ports 8001-8003, the public port 80."""
    return config("*:80", [f"127.0.0.1:{8000 + i}" for i in (1, 2, 3)], "127.0.0.1:8404")
