#!/usr/bin/env python3
# gen-fixture.py
#
# Copyright 2026 The virt-desk authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write a libvirt test-driver host (a <node> document) with N guests.

Each guest has a disk, a NIC and VNC graphics; every third one a title.
Run states are spread deterministically: the same arguments always give
the same bytes. Open the result with test:///ABSOLUTE/PATH.xml.
"""

import argparse
import uuid
from xml.sax.saxutils import escape

WORDS = ["Web server", "Database", "Build runner", "Mail relay", "Cache",
         "Monitoring", "File server", "Directory", "Proxy", "Backup"]
STATE_RUNNING, STATE_PAUSED, STATE_SHUTOFF = 1, 3, 5
NAMESPACE = uuid.UUID("5a0c4e1e-2f6b-4d0e-9a7e-6b2f3c1d0e01")


def run_state(index, running, paused):
    # Spread states evenly over the indices rather than in blocks.
    position = (index * 7919) % 1000 / 1000.0
    if position < running:
        return STATE_RUNNING
    if position < running + paused:
        return STATE_PAUSED
    return STATE_SHUTOFF


def guest(index, running, paused):
    name = "guest-%05d" % index
    memory = (256 << (index % 5)) * 1024  # KiB: 256 MiB .. 4 GiB
    vcpus = 1 + index % 4
    title = ""
    if index % 3 == 0:
        title = "    <title>%s %d</title>\n" % (escape(WORDS[index % len(WORDS)]), index)
    mac = "52:54:00:%02x:%02x:%02x" % ((index >> 16) & 0xff, (index >> 8) & 0xff, index & 0xff)
    return f"""  <domain type="test">
    <name>{name}</name>
    <uuid>{uuid.uuid5(NAMESPACE, name)}</uuid>
{title}    <description>Generated guest number {index}</description>
    <memory>{memory}</memory>
    <currentMemory>{memory}</currentMemory>
    <vcpu>{vcpus}</vcpu>
    <os>
      <type arch="x86_64">hvm</type>
    </os>
    <devices>
      <disk type="file" device="disk">
        <source file="/var/lib/libvirt/images/{name}.qcow2"/>
        <target dev="vda" bus="virtio"/>
      </disk>
      <interface type="network">
        <mac address="{mac}"/>
        <source network="default"/>
        <model type="virtio"/>
        <target dev="vnet{index}"/>
      </interface>
      <graphics type="vnc" autoport="yes"/>
    </devices>
    <test:runstate>{run_state(index, running, paused)}</test:runstate>
  </domain>
"""


def network(index):
    name = "default" if index == 0 else "net%d" % index
    subnet = 122 + index
    return f"""  <network>
    <name>{name}</name>
    <uuid>{uuid.uuid5(NAMESPACE, 'network-' + name)}</uuid>
    <forward mode="nat"/>
    <bridge name="virbr{index}"/>
    <ip address="192.168.{subnet}.1" netmask="255.255.255.0">
      <dhcp>
        <range start="192.168.{subnet}.2" end="192.168.{subnet}.254"/>
      </dhcp>
    </ip>
  </network>
"""


def pool(index, guests):
    name = "default" if index == 0 else "pool%d" % index
    path = "/var/lib/libvirt/images" if index == 0 else "/srv/pool%d" % index
    volumes = []
    if index == 0:
        # The default pool holds the first guests' disks.
        for g in range(1, min(guests, 50) + 1):
            vol = "guest-%05d.qcow2" % g
            volumes.append(f"""    <volume type="file">
      <name>{vol}</name>
      <key>{path}/{vol}</key>
      <capacity unit="GiB">10</capacity>
      <allocation unit="GiB">1</allocation>
      <target>
        <path>{path}/{vol}</path>
        <format type="qcow2"/>
      </target>
    </volume>
""")
    return f"""  <pool type="dir">
    <name>{name}</name>
    <uuid>{uuid.uuid5(NAMESPACE, 'pool-' + name)}</uuid>
    <capacity unit="GiB">500</capacity>
    <allocation unit="GiB">50</allocation>
    <available unit="GiB">450</available>
    <target>
      <path>{path}</path>
    </target>
{''.join(volumes)}  </pool>
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--guests", type=int, required=True)
    parser.add_argument("--running", type=float, default=0.5)
    parser.add_argument("--paused", type=float, default=0.1)
    parser.add_argument("--pools", type=int, default=1)
    parser.add_argument("--networks", type=int, default=1)
    parser.add_argument("--output", required=True)
    args = parser.parse_args()

    parts = ['<?xml version="1.0"?>\n',
             '<node xmlns:test="http://libvirt.org/schemas/domain/test/1.0">\n',
             "  <cpu>\n    <mhz>2400</mhz>\n    <model>x86_64</model>\n  </cpu>\n",
             "  <memory>67108864</memory>\n"]
    parts += [guest(i, args.running, args.paused) for i in range(1, args.guests + 1)]
    parts += [network(i) for i in range(args.networks)]
    parts += [pool(i, args.guests) for i in range(args.pools)]
    parts.append("</node>\n")

    with open(args.output, "w", encoding="utf-8") as out:
        out.write("".join(parts))


if __name__ == "__main__":
    main()
