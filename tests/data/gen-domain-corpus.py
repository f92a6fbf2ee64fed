#!/usr/bin/env python3
# Writes tests/data/domains: each guest is defined on test:///default and
# libvirt's own inactive XML is kept (that is what VdDomainEditor gets).
# Usage: gen-domain-corpus.py tests/data/domains
import subprocess, os, sys, uuid, tempfile
out = sys.argv[1]
tmp = tempfile.mkdtemp ()
os.makedirs(out, exist_ok=True)
D = {
 'disk_file': "<disk type='file' device='disk'><driver name='qemu' type='qcow2' cache='none' discard='unmap'/><source file='/var/lib/libvirt/images/{n}.qcow2'/><target dev='vda' bus='virtio'/></disk>",
 'disk_sata': "<disk type=\"file\" device=\"disk\"><driver name=\"qemu\" type=\"raw\"/><source file=\"/var/lib/libvirt/images/{n}-data.img\"/><target dev=\"sda\" bus=\"sata\"/><serial>SER-{n}</serial></disk>",
 'disk_scsi': "<disk type='block' device='disk'><driver name='qemu' type='raw' io='native' cache='none'/><source dev='/dev/vg0/{n}'/><target dev='sdb' bus='scsi'/><address type='drive' controller='0' bus='0' target='0' unit='1'/></disk>",
 'disk_usb': "<disk type='file' device='disk'><source file='/srv/{n}-usb.img'/><target dev='sdc' bus='usb'/><readonly/></disk>",
 'disk_ide': "<disk type='file' device='disk'><source file='/srv/{n}-ide.img'/><target dev='hdb' bus='ide'/></disk>",
 'disk_net': "<disk type='network' device='disk'><driver name='qemu' type='raw'/><source protocol='rbd' name='pool/{n}'><host name='ceph1.example.org' port='6789'/></source><target dev='vdb' bus='virtio'/></disk>",
 'disk_volume': "<disk type='volume' device='disk'><source pool='default' volume='{n}-vol.qcow2'/><target dev='vdc' bus='virtio'/></disk>",
 'disk_nvme': "<disk type='nvme' device='disk'><driver name='qemu' type='raw'/><source type='pci' managed='yes' namespace='1'><address domain='0x0000' bus='0x01' slot='0x00' function='0x0'/></source><target dev='vde' bus='virtio'/></disk>",
 'disk_iotune': "<disk type='file' device='disk'><source file='/srv/{n}-tuned.qcow2'/><target dev='vdf' bus='virtio'/><iotune><total_bytes_sec>10000000</total_bytes_sec></iotune><shareable/></disk>",
 'cdrom_sata': "<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><source file='/srv/iso/install.iso'/><target dev='sdd' bus='sata'/><readonly/></disk>",
 'cdrom_empty': "<disk type='file' device='cdrom'><target dev='hdc' bus='ide'/><readonly/></disk>",
 'floppy': "<disk type='file' device='floppy'><source file='/srv/floppy.img'/><target dev='fda' bus='fdc'/></disk>",
 'nic_network': "<interface type='network'><mac address='52:54:00:12:34:{m}'/><source network='default'/><model type='virtio'/></interface>",
 'nic_bridge': "<interface type='bridge'><mac address='52:54:00:ab:cd:{m}'/><source bridge='br0'/><model type='e1000e'/><link state='down'/></interface>",
 'nic_direct': "<interface type='direct'><source dev='eth0' mode='bridge'/><model type='virtio'/></interface>",
 'nic_user': "<interface type='user'><model type='rtl8139'/></interface>",
 'nic_hostdev': "<interface type='hostdev' managed='yes'><source><address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x1'/></source></interface>",
 'nic_vhostuser': "<interface type='vhostuser'><source type='unix' path='/run/vhost-{n}.sock' mode='client'/><model type='virtio'/></interface>",
 'nic_ethernet': "<interface type='ethernet'><target dev='tap-{n}'/><model type='virtio'/><bandwidth><inbound average='1000'/></bandwidth></interface>",
 'vnc': "<graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'><listen type='address' address='127.0.0.1'/></graphics>",
 'vnc_pw': "<graphics type='vnc' port='5905' autoport='no' passwd='s3cret'/>",
 'spice': "<graphics type='spice' autoport='yes'><listen type='address'/><image compression='off'/><gl enable='no'/></graphics>",
 'video_virtio': "<video><model type='virtio' heads='1' primary='yes'/></video>",
 'video_qxl': "<video><model type='qxl' ram='65536' vram='65536' vgamem='16384' heads='1' primary='yes'/></video>",
 'video_vga': "<video><model type='vga' vram='16384' heads='1'/></video>",
 'sound_ich9': "<sound model='ich9'/>",
 'sound_hda': "<sound model='ich6'><codec type='micro'/></sound>",
 'input_tablet': "<input type='tablet' bus='usb'/>",
 'input_virtio': "<input type='keyboard' bus='virtio'/>",
 'serial_pty': "<serial type='pty'><target port='0'/></serial><console type='pty'><target type='serial' port='0'/></console>",
 'serial_file': "<serial type='file'><source path='/var/log/{n}-serial.log'/><target port='1'/></serial>",
 'serial_tcp': "<serial type='tcp'><source mode='bind' host='127.0.0.1' service='4555'/><protocol type='telnet'/><target port='2'/></serial>",
 'agent': "<channel type='unix'><source mode='bind'/><target type='virtio' name='org.qemu.guest_agent.0'/></channel>",
 'spicevmc': "<channel type='spicevmc'><target type='virtio' name='com.redhat.spice.0'/></channel>",
 'usb_hostdev': "<hostdev mode='subsystem' type='usb' managed='yes'><source><vendor id='0x046d'/><product id='0xc52b'/></source></hostdev>",
 'pci_hostdev': "<hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' bus='0x06' slot='0x02' function='0x0'/></source></hostdev>",
 'redirdev': "<redirdev bus='usb' type='spicevmc'/>",
 'ctrl_usb': "<controller type='usb' index='0' model='qemu-xhci' ports='15'/>",
 'ctrl_scsi': "<controller type='scsi' index='0' model='virtio-scsi'><driver queues='4'/></controller>",
 'ctrl_serial': "<controller type='virtio-serial' index='0'/>",
 'rng': "<rng model='virtio'><rate bytes='1024' period='1000'/><backend model='random'>/dev/urandom</backend></rng>",
 'watchdog': "<watchdog model='i6300esb' action='reset'/>",
 'tpm': "<tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm>",
 'smartcard': "<smartcard mode='host'/>",
 'virtiofs': "<filesystem type='mount' accessmode='passthrough'><driver type='virtiofs'/><source dir='/srv/share'/><target dir='share'/></filesystem>",
 'fs9p': "<filesystem type='mount' accessmode='mapped'><source dir='/srv/9p'/><target dir='hostshare'/><readonly/></filesystem>",
 'balloon': "<memballoon model='virtio'><stats period='10'/></memballoon>",
 'balloon_none': "<memballoon model='none'/>",
 'panic': "<panic model='isa'><address type='isa' iobase='0x505'/></panic>",
 'shmem': "<shmem name='ivshmem-{n}'><model type='ivshmem-plain'/><size unit='M'>4</size></shmem>",
 'vsock': "<vsock model='virtio'><cid auto='yes'/></vsock>",
 'iommu': "<iommu model='intel'/>",
 'parallel': "<parallel type='pty'><target port='0'/></parallel>",
 'hub': "<hub type='usb'/>",
 'lease': "<lease><lockspace>ls</lockspace><key>k-{n}</key><target path='/var/lib/lease'/></lease>",
}
# domain-level extras
X = {
 'meta': "<metadata><bx:boxes xmlns:bx='https://example.org/boxes/1'><bx:os id='fedora39' /><bx:pinned>true</bx:pinned></bx:boxes><lo:libosinfo xmlns:lo='http://libosinfo.org/xmlns/libvirt/domain/1.0'><lo:os id='http://fedoraproject.org/fedora/39'/></lo:libosinfo></metadata>",
 'hugepages': "<memoryBacking><hugepages><page size='2048' unit='KiB'/></hugepages><locked/></memoryBacking>",
 'cputune': "<cputune><vcpupin vcpu='0' cpuset='1'/><vcpupin vcpu='1' cpuset='2'/><emulatorpin cpuset='0'/><shares>2048</shares></cputune>",
 'blkio': "<blkiotune><weight>800</weight></blkiotune>",
 'memtune': "<memtune><hard_limit unit='G'>4</hard_limit><soft_limit unit='M'>1024</soft_limit></memtune>",
 'features': "<features><acpi/><apic/><vmport state='off'/><hyperv mode='custom'><relaxed state='on'/><vapic state='on'/><spinlocks state='on' retries='8191'/></hyperv></features>",
 'clock': "<clock offset='localtime'><timer name='rtc' tickpolicy='catchup'/><timer name='pit' tickpolicy='delay'/><timer name='hpet' present='no'/></clock>",
 'pm': "<pm><suspend-to-mem enabled='no'/><suspend-to-disk enabled='no'/></pm>",
 'seclabel': "<seclabel type='dynamic' model='selinux' relabel='yes'/>",
 'resource': "<resource><partition>/machine</partition></resource>",
 'sysinfo': "<sysinfo type='smbios'><system><entry name='manufacturer'>Example Corp</entry><entry name='serial'>SN-0001</entry></system></sysinfo>",
 'iothreads': "<iothreads>2</iothreads>",
}
import random
random.seed(7)
devkeys = list(D)
domains = []
for i in range(34):
    n = 'guest%02d' % i
    devs = devkeys[(i*3) % len(devkeys):][:6] + random.sample(devkeys, 5)
    seen=set(); dl=[]
    for k in devs:
        if k in seen: continue
        # avoid target clashes
        seen.add(k); dl.append(k)
    for g in ({'balloon','balloon_none'},{'video_virtio','video_qxl','video_vga'},{'vnc','vnc_pw'}):
        hit=[k for k in dl if k in g]
        for k in hit[1:]: dl.remove(k)
    if i % 2 == 0 and 'disk_file' not in dl: dl.insert(0,'disk_file')
    xs = random.sample(list(X), 4)
    if i % 3 == 0 and 'meta' not in xs: xs.append('meta')
    domains.append((n, dl, xs, i))
def build(n, dl, xs, i):
    m = '%02x' % i
    parts = []
    parts.append("<domain type='kvm'%s>" % (" xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'" if i % 5 == 0 else ""))
    parts.append("<!-- written by hand for the round-trip corpus -->")
    parts.append("<name>%s</name><uuid>%s</uuid>" % (n, uuid.uuid5(uuid.NAMESPACE_DNS, n)))
    if i % 2: parts.append("<title>Guest number %d</title>" % i)
    if i % 3 == 1: parts.append("<description>A test &amp; corpus guest\nsecond line &lt;x&gt;</description>")
    if 'meta' in xs: parts.append(X['meta'])
    if i % 4 == 0:
        parts.append("<memory unit='GiB'>4</memory><currentMemory unit='MiB'>2048</currentMemory>")
    elif i % 4 == 1:
        parts.append("<memory>2097152</memory><currentMemory>1048576</currentMemory>")
    elif i % 4 == 2:
        parts.append("<memory unit='MB'>1024</memory>")
    else:
        parts.append("<memory unit='KiB'>1048576</memory><currentMemory unit='KiB'>1048576</currentMemory>")
    for k in ('hugepages','blkio','memtune','iothreads'):
        if k in xs: parts.append(X[k])
    if i % 3 == 0:
        parts.append("<vcpu placement='static' current='2'>4</vcpu>")
    else:
        parts.append("<vcpu>%d</vcpu>" % (2 if i % 2 else 1))
    if 'cputune' in xs and i % 3 == 0: parts.append(X['cputune'])
    for k in ('resource','sysinfo'):
        if k in xs: parts.append(X[k])
    boot = "<boot dev='hd'/><boot dev='cdrom'/>" if i % 2 == 0 else "<boot dev='network'/>"
    if i % 7 == 3: boot = ""
    menu = "<bootmenu enable='yes' timeout='3000'/>" if i % 4 == 1 else ""
    arch = "x86_64"
    parts.append("<os><type arch='%s' machine='%s'>hvm</type>%s%s</os>" % (arch, 'q35' if i % 2 == 0 else 'pc', boot, menu))
    if 'features' in xs: parts.append(X['features'])
    if i % 3 == 0:
        parts.append("<cpu mode='host-passthrough' check='none'><topology sockets='1' dies='1' cores='2' threads='2'/>%s</cpu>" %
                     ("<numa><cell id='0' cpus='0-1' memory='2' unit='GiB'/><cell id='1' cpus='2-3' memory='2' unit='GiB'/></numa>" if i % 4 == 0 else ""))
    elif i % 3 == 1:
        parts.append("<cpu mode='custom' match='exact'><model fallback='allow'>Skylake-Client</model><feature policy='require' name='vmx'/></cpu>")
    if 'clock' in xs: parts.append(X['clock'])
    if i % 2 == 0:
        parts.append("<on_poweroff>destroy</on_poweroff><on_reboot>restart</on_reboot><on_crash>coredump-restart</on_crash>")
    elif i % 5 == 1:
        parts.append("<on_crash>preserve</on_crash>")
    if 'pm' in xs: parts.append(X['pm'])
    parts.append("<devices><emulator>/usr/bin/qemu-system-x86_64</emulator>")
    for k in dl:
        parts.append(D[k].replace('{n}', n).replace('{m}', m))
    parts.append("</devices>")
    if 'seclabel' in xs: parts.append(X['seclabel'])
    if i % 5 == 0: parts.append("<qemu:commandline><qemu:arg value='-newarg'/><qemu:env name='QEMU_ENV' value='x'/></qemu:commandline>")
    parts.append("</domain>")
    return "\n  ".join(parts) + "\n"
ok = 0
for (n, dl, xs, i) in domains:
    x = build(n, dl, xs, i)
    src = os.path.join(tmp, 'src-%s.xml' % n)
    open(src,'w').write(x)
    r = subprocess.run(['virsh','-q','-c','test:///default','define %s; dumpxml --inactive --security-info %s' % (src, n)], capture_output=True, text=True)
    if r.returncode != 0:
        print(n, 'REFUSED', r.stderr.strip()[:300], dl, xs); continue
    text = r.stdout
    text = text[text.index('<domain'):]
    text = text.rstrip('\n') + '\n'
    open(os.path.join(out, '%s.xml' % n),'w').write(text)
    ok += 1
print('ok', ok)
