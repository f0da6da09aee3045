"""Find the laptop's address on the local network without sending a single packet."""

from __future__ import annotations

import ipaddress
import socket
import struct

SIOCGIFADDR = 0x8915  # Linux: read an interface's IPv4 address
# The ranges home and school networks (and phone hotspots) hand out (RFC 1918).
LAN_RANGES = [ipaddress.ip_network(n) for n in ("192.168.0.0/16", "10.0.0.0/8", "172.16.0.0/12")]
# Interfaces phones can never reach: loopback, containers, VMs, VPN tunnels.
SKIPPED = ("lo", "docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "tun", "tap", "wg",
           "tailscale", "zt", "utun", "podman", "cni", "flannel", "kube")


def interface_addresses() -> list[tuple[str, str]]:
    """Return (interface, IPv4 address) pairs, read from the kernel (Linux) or the routing table."""
    pairs: list[tuple[str, str]] = []
    try:
        import fcntl
    except ImportError:  # not Linux or BSD
        fcntl = None
    if fcntl is not None and hasattr(socket, "if_nameindex"):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            for _, name in socket.if_nameindex():
                packed = struct.pack("256s", name.encode()[:15])
                try:
                    answer = fcntl.ioctl(probe.fileno(), SIOCGIFADDR, packed)
                except OSError:
                    continue  # down, or no IPv4 address
                pairs.append((name, socket.inet_ntoa(answer[20:24])))
    return pairs or _routed_address()


def _routed_address() -> list[tuple[str, str]]:
    """Ask the routing table which address would reach a private network.

    connect() on a UDP socket sends no packet: it only picks the source address.
    """
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 9))
            return [("route", probe.getsockname()[0])]
    except OSError:
        return []


def reachable(name: str, address: str) -> bool:
    """Tell whether phones on the same network could reach this interface address."""
    if name.startswith(SKIPPED):
        return False
    ip = ipaddress.ip_address(address)
    return not (ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_multicast)


def pick_address(pairs: list[tuple[str, str]]) -> str | None:
    """Return the best address for phones: a private LAN address first, else any reachable one."""
    usable = [(name, address) for name, address in pairs if reachable(name, address)]
    private = [a for _, a in usable if any(ipaddress.ip_address(a) in n for n in LAN_RANGES)]
    if private:
        return private[0]
    return usable[0][1] if usable else None


def lan_address() -> str | None:
    """Return the laptop's address on the local network, or None when it has none."""
    return pick_address(interface_addresses())
