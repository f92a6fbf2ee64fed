#!/usr/bin/env python3
# Writes tests/data/domains: each guest is defined on test:///default and
# libvirt's own inactive XML is kept (that is what VdDomainEditor gets).
# Usage: gen-domain-corpus.py tests/data/domains [--rewrite]
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
rewrite = '--rewrite' in sys.argv
for (n, dl, xs, i) in domains:
    if os.path.exists(os.path.join(out, '%s.xml' % n)) and not rewrite:
        ok += 1
        continue
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

# ---------------------------------------------------------------------------
# Second part: guests 34 and up, each written around a few features of the
# domain XML reference (the guide's domain XML chapter) and of the seeds'
# StratoVirt and KVM examples, with their typos fixed (straight quotes, a
# unicast MAC, the disk cache on <driver>). Every device and domain element
# below appears in at least one guest. NICs carry their MAC so that the
# output does not depend on libvirt's random ones. Files already present are
# kept (pass --rewrite to write them again): their MACs and ids are what the
# tests know.
F_DEV = {
 # disks
 'disk_geometry': "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='/srv/{n}-geo.img'/><target dev='hdb' bus='ide'/><geometry cyls='16383' heads='16' secs='63' trans='lba'/><blockio logical_block_size='512' physical_block_size='4096'/></disk>",
 'disk_errors': "<disk type='file' device='disk'><driver name='qemu' type='raw' cache='directsync' error_policy='stop' rerror_policy='report' io='native' ioeventfd='on' event_idx='off' copy_on_read='on'/><source file='/srv/{n}-err.img'/><target dev='vdh' bus='virtio'/></disk>",
 'disk_iotune_rw': "<disk type='file' device='disk'><driver name='qemu' type='qcow2' cache='writeback'/><source file='/srv/{n}-rw.qcow2'/><target dev='vdi' bus='virtio'/><iotune><read_bytes_sec>5000000</read_bytes_sec><write_bytes_sec>3000000</write_bytes_sec><read_iops_sec>400</read_iops_sec><write_iops_sec>200</write_iops_sec></iotune></disk>",
 'disk_iops': "<disk type='file' device='disk'><driver name='qemu' type='raw' iothread='1'/><source file='/srv/{n}-rootfs'/><target dev='vdj' bus='virtio'/><iotune><total_iops_sec>1000</total_iops_sec></iotune></disk>",
 'disk_wwn': "<disk type='block' device='disk'><driver name='qemu' type='raw' cache='none'/><source dev='/dev/disk/by-id/wwn-{n}'/><target dev='sde' bus='scsi'/><wwn>0x5000c50015ea71ad</wwn><vendor>VDESK</vendor><product>TESTDISK</product></disk>",
 'disk_transient': "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/srv/{n}-scratch.qcow2'/><target dev='vdk' bus='virtio'/><transient/></disk>",
 'disk_seclabel': "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='/nfs/{n}.img'><seclabel model='selinux' relabel='no'/></source><target dev='vdl' bus='virtio'/></disk>",
 'disk_lun': "<disk type='block' device='lun' sgio='filtered'><driver name='qemu' type='raw'/><source dev='/dev/disk/by-path/pci-0000:00:1f.2-scsi-0:0:0:0'/><target dev='sdf' bus='scsi'/></disk>",
 'disk_rbd_auth': "<disk type='network' device='disk'><driver name='qemu' type='raw' cache='writeback'/><auth username='admin'><secret type='ceph' usage='client.admin secret'/></auth><source protocol='rbd' name='rbd/{n}'><host name='mon1.example.org' port='6789'/><host name='mon2.example.org' port='6789'/></source><target dev='vdm' bus='virtio'/></disk>",
 'disk_nbd': "<disk type='network' device='disk'><driver name='qemu' type='raw'/><source protocol='nbd' name='export-{n}'><host name='nbd.example.org' port='10809'/></source><target dev='vdn' bus='virtio'/></disk>",
 'disk_gluster': "<disk type='network' device='disk'><driver name='qemu' type='qcow2'/><source protocol='gluster' name='vol0/{n}.qcow2'><host name='gluster.example.org' transport='tcp'/></source><target dev='vdo' bus='virtio'/></disk>",
 'disk_iscsi': "<disk type='network' device='disk'><driver name='qemu' type='raw'/><source protocol='iscsi' name='iqn.2013-07.com.example:iscsi-pool/1'><host name='192.168.122.1' port='3260'/></source><target dev='sdg' bus='scsi'/></disk>",
 'cdrom_http': "<disk type='network' device='cdrom'><driver name='qemu' type='raw'/><source protocol='http' name='/iso/boot.iso'><host name='mirror.example.org' port='80'/></source><target dev='sdh' bus='sata'/><readonly/></disk>",
 'cdrom_optional': "<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><source file='/srv/iso/drivers.iso' startupPolicy='optional'/><target dev='sdi' bus='sata'/><readonly/></disk>",
 'cdrom_tray': "<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><target dev='sdj' bus='scsi' tray='open'/><readonly/></disk>",
 'disk_snapshot': "<disk type='file' device='disk' snapshot='external'><driver name='qemu' type='qcow2'/><source file='/srv/{n}-ext.qcow2'/><target dev='vdp' bus='virtio'/></disk>",
 'disk_luks': "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='/srv/{n}-secret.luks'><encryption format='luks'><secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/></encryption></source><target dev='vdq' bus='virtio'/></disk>",
 'disk_dir': "<disk type='dir' device='floppy'><driver name='qemu' type='fat'/><source dir='/srv/{n}-floppy'/><target dev='fdb' bus='fdc'/><readonly/></disk>",
 'disk_backing': "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/srv/{n}-top.qcow2'/><backingStore type='file'><format type='qcow2'/><source file='/srv/base.qcow2'/><backingStore/></backingStore><target dev='vdr' bus='virtio'/></disk>",
 'disk_mf': "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='/srv/{n}-mf0.img'/><target dev='vds' bus='virtio'/><address type='pci' domain='0x0000' bus='0x00' slot='0x0a' function='0x0' multifunction='on'/></disk><disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='/srv/{n}-mf1.img'/><target dev='vdt' bus='virtio'/><address type='pci' domain='0x0000' bus='0x00' slot='0x0a' function='0x1'/></disk>",
 'disk_usb_removable': "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='/srv/{n}-stick.img'/><target dev='sdk' bus='usb' removable='on'/></disk>",
 # controllers
 'ctrl_lsilogic': "<controller type='scsi' index='1' model='lsilogic'/>",
 'ctrl_vscsi_q': "<controller type='scsi' index='2' model='virtio-scsi'><driver queues='2' iothread='1'/></controller>",
 'ctrl_ehci': "<controller type='usb' index='0' model='ich9-ehci1'/><controller type='usb' index='0' model='ich9-uhci1'><master startport='0'/></controller><controller type='usb' index='0' model='ich9-uhci2'><master startport='2'/></controller><controller type='usb' index='0' model='ich9-uhci3'><master startport='4'/></controller>",
 'ctrl_nousb': "<controller type='usb' index='0' model='none'/>",
 'ctrl_vserial_ports': "<controller type='virtio-serial' index='0' ports='16' vectors='4'/>",
 'ctrl_ccid': "<controller type='ccid' index='0'/>",
 'ctrl_pcie_ports': "<controller type='pci' index='0' model='pcie-root'/><controller type='pci' index='1' model='pcie-root-port'/><controller type='pci' index='2' model='pcie-root-port'/><controller type='pci' index='3' model='pcie-root-port'/>",
 'ctrl_pci_bridge': "<controller type='pci' index='0' model='pci-root'/><controller type='pci' index='1' model='pci-bridge'/>",
 'ctrl_sata': "<controller type='sata' index='1'/>",
 # NICs
 'nic_portgroup': "<interface type='network'><mac address='52:54:00:7a:{m}:01'/><source network='default' portgroup='engineering'/><model type='virtio'/></interface>",
 'nic_ovs': "<interface type='bridge'><mac address='52:54:00:7a:{m}:02'/><source bridge='ovsbr0'/><virtualport type='openvswitch'/><model type='virtio'/></interface>",
 'nic_vepa': "<interface type='direct'><mac address='52:54:00:7a:{m}:03'/><source dev='eth1' mode='vepa'/><model type='virtio'/></interface>",
 'nic_private': "<interface type='direct'><mac address='52:54:00:7a:{m}:04'/><source dev='eth2' mode='private'/><model type='e1000'/></interface>",
 'nic_passthrough': "<interface type='direct'><mac address='52:54:00:7a:{m}:05'/><source dev='eth3' mode='passthrough'/><model type='virtio'/></interface>",
 'nic_vf_vlan': "<interface type='hostdev' managed='yes'><mac address='52:54:00:7a:{m}:06'/><source><address type='pci' domain='0x0000' bus='0x04' slot='0x10' function='0x2'/></source><vlan><tag id='42'/></vlan></interface>",
 'nic_script': "<interface type='ethernet'><mac address='52:54:00:7a:{m}:07'/><script path='/etc/qemu-ifup'/><target dev='vnet-{n}'/><model type='rtl8139'/></interface>",
 'nic_mcast': "<interface type='mcast'><mac address='52:54:00:7a:{m}:08'/><source address='230.0.0.1' port='5558'/><model type='ne2k_pci'/></interface>",
 'nic_server': "<interface type='server'><mac address='52:54:00:7a:{m}:09'/><source address='192.168.0.1' port='5558'/><model type='pcnet'/></interface>",
 'nic_client': "<interface type='client'><mac address='52:54:00:7a:{m}:0a'/><source address='192.168.0.1' port='5558'/><model type='e1000'/></interface>",
 'nic_udp': "<interface type='udp'><mac address='52:54:00:7a:{m}:0b'/><source address='127.0.0.1' port='11111'><local address='127.0.0.1' port='22222'/></source><model type='virtio'/></interface>",
 'nic_vlan_trunk': "<interface type='bridge'><mac address='52:54:00:7a:{m}:0c'/><source bridge='ovsbr1'/><vlan trunk='yes'><tag id='42'/><tag id='123' nativeMode='untagged'/></vlan><virtualport type='openvswitch'/><model type='virtio'/></interface>",
 'nic_bandwidth': "<interface type='network'><mac address='52:54:00:7a:{m}:0d'/><source network='default'/><bandwidth><inbound average='1000' peak='5000' floor='200' burst='1024'/><outbound average='128' peak='256' burst='256'/></bandwidth><model type='virtio'/></interface>",
 'nic_filterref': "<interface type='network'><mac address='52:54:00:7a:{m}:0e'/><source network='default'/><model type='virtio'/><filterref filter='clean-traffic'><parameter name='IP' value='10.0.0.1'/></filterref></interface>",
 'nic_tuned': "<interface type='network'><mac address='52:54:00:7a:{m}:0f'/><source network='default'/><model type='virtio'/><driver name='vhost' queues='4' txmode='iothread' ioeventfd='on' event_idx='off'><host csum='off' tso4='off'/><guest csum='off'/></driver><tune><sndbuf>1600</sndbuf></tune><mtu size='1500'/><rom bar='off'/></interface>",
 'nic_boot': "<interface type='network'><mac address='52:54:00:7a:{m}:10'/><source network='default'/><model type='virtio'/><boot order='1'/></interface>",
 'nic_link_up': "<interface type='bridge'><mac address='52:54:00:7a:{m}:11'/><source bridge='br0'/><model type='virtio'/><link state='up'/></interface>",
 'nic_s3': "<interface type='bridge'><mac address='3a:6e:01:69:3a:{m}'/><source bridge='br0'/><model type='virtio'/></interface>",
 'nic_pci_addr': "<interface type='bridge'><mac address='de:ad:be:ef:00:{m}'/><source bridge='qbr0'/><model type='virtio'/><address type='pci' domain='0x0000' bus='0x00' slot='0x09' function='0x0'/></interface>",
 # inputs
 'input_ps2': "<input type='mouse' bus='ps2'/><input type='keyboard' bus='ps2'/>",
 'input_usbkbd': "<input type='keyboard' bus='usb'/>",
 'input_vtablet': "<input type='tablet' bus='virtio'/>",
 'input_passthrough': "<input type='passthrough' bus='virtio'><source evdev='/dev/input/event1'/></input>",
 'input_evdev': "<input type='evdev'><source dev='/dev/input/event2' grab='all' repeat='on'/></input>",
 # graphics
 'vnc_s3': "<graphics type='vnc' port='-1' autoport='yes' listen='0.0.0.0' keymap='en-us' passwd='123456'><listen type='address' address='0.0.0.0'/></graphics>",
 'vnc_socket': "<graphics type='vnc'><listen type='socket' socket='/run/vd/{n}-vnc.sock'/></graphics>",
 'vnc_fixed': "<graphics type='vnc' port='5911' autoport='no' listen='127.0.0.1' sharePolicy='force-shared'><listen type='address' address='127.0.0.1'/></graphics>",
 'spice_full': "<graphics type='spice' port='5930' tlsPort='5931' autoport='no' defaultMode='any'><listen type='address' address='127.0.0.1'/><channel name='main' mode='secure'/><channel name='inputs' mode='insecure'/><image compression='auto_glz'/><jpeg compression='auto'/><zlib compression='auto'/><playback compression='on'/><streaming mode='filter'/><mouse mode='client'/><clipboard copypaste='no'/><filetransfer enable='no'/></graphics>",
 'spice_gl': "<graphics type='spice'><listen type='none'/><gl enable='yes' rendernode='/dev/dri/renderD128'/></graphics>",
 'sdl': "<graphics type='sdl' display=':0.0' xauth='/root/.Xauthority' fullscreen='yes'/>",
 'egl': "<graphics type='egl-headless'><gl rendernode='/dev/dri/renderD128'/></graphics>",
 # video
 'video_cirrus': "<video><model type='cirrus' vram='16384' heads='1' primary='yes'/></video>",
 'video_vmvga': "<video><model type='vmvga' vram='16384' heads='1' primary='yes'/></video>",
 'video_bochs': "<video><model type='bochs' vram='16384' heads='1' primary='yes'/></video>",
 'video_ramfb': "<video><model type='ramfb' heads='1' primary='yes'/></video>",
 'video_none': "<video><model type='none'/></video>",
 'video_3d': "<video><model type='virtio' heads='2' primary='yes'><acceleration accel3d='yes'/></model></video>",
 'video_qxl2': "<video><model type='qxl' ram='65536' vram='65536' vram64='131072' vgamem='16384' heads='1' primary='yes'/></video><video><model type='qxl' ram='65536' vram='65536' vgamem='16384' heads='1'/></video>",
 # sound
 'sound_ac97': "<sound model='ac97'/>",
 'sound_es1370': "<sound model='es1370'/>",
 'sound_sb16': "<sound model='sb16'/>",
 'sound_duplex': "<sound model='ich9'><codec type='duplex'/></sound>",
 'sound_usb': "<sound model='usb'/>",
 # character devices
 'serial_udp': "<serial type='udp'><source mode='bind' host='0.0.0.0' service='2445'/><source mode='connect' host='192.168.1.1' service='2445'/><target port='3'/></serial>",
 'serial_unix': "<serial type='unix'><source mode='bind' path='/run/vd/{n}-serial.sock'/><target port='0'/></serial>",
 'serial_dev': "<serial type='dev'><source path='/dev/ttyS0'/><target port='0'/></serial>",
 'serial_null': "<serial type='null'><target port='0'/></serial>",
 'serial_log': "<serial type='pty'><log file='/var/log/libvirt/qemu/{n}-serial0.log' append='off'/><target port='0'/></serial>",
 'serial_tcp_raw': "<serial type='tcp'><source mode='connect' host='127.0.0.1' service='9999'/><protocol type='raw'/><target port='1'/></serial>",
 'console_virtio': "<console type='pty'><target type='virtio' port='0'/></console>",
 'parallel_file': "<parallel type='file'><source path='/var/log/{n}-lpt.log'/><target port='0'/></parallel>",
 'channel_agent_path': "<channel type='unix'><source mode='bind' path='/var/lib/libvirt/qemu/channel/target/{n}.org.qemu.guest_agent.0'/><target type='virtio' name='org.qemu.guest_agent.0'/></channel>",
 'channel_guestfwd': "<channel type='pty'><target type='guestfwd' address='10.0.2.1' port='4600'/></channel>",
 'channel_pty': "<channel type='pty'><target type='virtio' name='org.example.pty.0'/></channel>",
 # host devices
 'usb_hostdev_addr': "<hostdev mode='subsystem' type='usb' managed='no'><source startupPolicy='optional'><vendor id='0x0781'/><product id='0x5567'/><address bus='1' device='3'/></source></hostdev>",
 'pci_hostdev_rom': "<hostdev mode='subsystem' type='pci' managed='yes'><driver name='vfio'/><source><address domain='0x0000' bus='0x07' slot='0x00' function='0x0'/></source><rom bar='on' file='/etc/fake/boot.bin'/></hostdev>",
 'scsi_hostdev': "<hostdev mode='subsystem' type='scsi' managed='no'><source><adapter name='scsi_host0'/><address bus='0' target='0' unit='0'/></source><readonly/></hostdev>",
 'mdev_hostdev': "<hostdev mode='subsystem' type='mdev' model='vfio-pci'><source><address uuid='c2177883-f1bb-47f0-914d-32a22e3a8804'/></source></hostdev>",
 'redirdev_tcp': "<controller type='usb' index='1' model='qemu-xhci'/><redirdev bus='usb' type='tcp'><source mode='connect' host='localhost' service='4000'/></redirdev>",
 'redirfilter': "<controller type='usb' index='2' model='qemu-xhci'/><redirdev bus='usb' type='spicevmc'/><redirfilter><usbdev class='0x08' vendor='0x1234' product='0xbeef' version='2.00' allow='yes'/><usbdev allow='no'/></redirfilter>",
 'smartcard_certs': "<smartcard mode='host-certificates'><certificate>cert1</certificate><certificate>cert2</certificate><certificate>cert3</certificate><database>/etc/pki/nssdb/</database></smartcard>",
 'smartcard_spice': "<smartcard mode='passthrough' type='spicevmc'/>",
 # others
 'fs_squash': "<filesystem type='mount' accessmode='squash'><source dir='/srv/{n}-export'/><target dir='export'/></filesystem>",
 'fs_virtiofs_bin': "<filesystem type='mount' accessmode='passthrough'><driver type='virtiofs' queue='1024'/><binary path='/usr/libexec/virtiofsd' xattr='on'><cache mode='always'/><lock posix='on' flock='on'/></binary><source dir='/srv/{n}-fs'/><target dir='{n}-fs'/></filesystem>",
 'tpm_passthrough': "<tpm model='tpm-tis'><backend type='passthrough'><device path='/dev/tpm0'/></backend></tpm>",
 'tpm_persistent': "<tpm model='tpm-tis'><backend type='emulator' version='2.0' persistent_state='yes'/></tpm>",
 'watchdog_ib700': "<watchdog model='ib700' action='poweroff'/>",
 'watchdog_dump': "<watchdog model='i6300esb' action='dump'/>",
 'balloon_deflate': "<memballoon model='virtio' autodeflate='on' freePageReporting='on'><stats period='5'/></memballoon>",
 'balloon_xen': "<memballoon model='virtio-non-transitional'/>",
 'rng_egd': "<rng model='virtio'><backend model='egd' type='tcp'><source mode='connect' host='127.0.0.1' service='1234'/><protocol type='raw'/></backend></rng>",
 'rng_builtin': "<rng model='virtio'><backend model='builtin'/></rng>",
 'rng_hwrng': "<rng model='virtio'><rate period='1000' bytes='1234'/><backend model='random'>/dev/hwrng</backend></rng>",
 'panic_hyperv': "<panic model='hyperv'/>",
 'panic_isa_addr': "<panic model='isa'><address type='isa' iobase='0x506'/></panic>",
 'shmem_doorbell': "<shmem name='doorbell-{n}'><model type='ivshmem-doorbell'/><server path='/tmp/ivshmem_socket'/><msi vectors='32' ioeventfd='on'/></shmem>",
 'vsock_cid': "<vsock model='virtio'><cid auto='no' address='3'/></vsock>",
 'iommu_opts': "<iommu model='intel'><driver caching_mode='on' iotlb='on'/></iommu>",
 'crypto': "<crypto model='virtio' type='qemu'><backend model='builtin' queues='1'/></crypto>",
 'audio': "<audio id='1' type='none'/>",
 'serial_vc': "<serial type='vc'><target port='0'/></serial>",
}
F_DOM = {
 'numatune': "<numatune><memory mode='strict' nodeset='0'/></numatune>",
 'cputune_quota': "<cputune><shares>1024</shares><period>100000</period><quota>-1</quota><emulator_period>100000</emulator_period><emulator_quota>50000</emulator_quota></cputune>",
 'blkio_dev': "<blkiotune><weight>500</weight><device><path>/dev/sda</path><weight>300</weight></device></blkiotune>",
 'memtune_all': "<memtune><hard_limit unit='MiB'>2048</hard_limit><soft_limit unit='MiB'>1024</soft_limit><swap_hard_limit unit='MiB'>3072</swap_hard_limit><min_guarantee unit='MiB'>512</min_guarantee></memtune>",
 'hugepages_1g': "<memoryBacking><hugepages><page size='1' unit='GiB'/></hugepages><nosharepages/></memoryBacking>",
 'memback_source': "<memoryBacking><source type='memfd'/><access mode='shared'/><allocation mode='immediate'/><discard/></memoryBacking>",
 'features_s3': "<features><acpi/><apic/><pae/></features>",
 'features_more': "<features><acpi/><apic eoi='on'/><hap state='on'/><privnet/><pmu state='off'/><vmport state='off'/><smm state='on'/><kvm><hidden state='on'/></kvm><ioapic driver='qemu'/></features>",
 'features_gic': "<features><acpi/><gic version='3'/></features>",
 'clock_tz': "<clock offset='timezone' timezone='Europe/Paris'/>",
 'clock_variable': "<clock offset='variable' adjustment='3600' basis='utc'><timer name='kvmclock' present='yes'/><timer name='tsc' frequency='3504000000' mode='native'/></clock>",
 'clock_catchup': "<clock offset='utc'><timer name='rtc' tickpolicy='catchup' track='guest'><catchup threshold='123' slew='120' limit='10000'/></timer><timer name='pit' tickpolicy='delay'/></clock>",
 'lockfailure': "<on_lockfailure>poweroff</on_lockfailure>",
 'pm_mem': "<pm><suspend-to-mem enabled='yes'/><suspend-to-disk enabled='no'/></pm>",
 'cpu_hostmodel': "<cpu mode='host-model' check='partial'/>",
 'cpu_features': "<cpu mode='custom' match='minimum' check='partial'><model fallback='forbid'>Haswell-noTSX</model><vendor>Intel</vendor><feature policy='force' name='pdpe1gb'/><feature policy='require' name='vmx'/><feature policy='optional' name='aes'/><feature policy='disable' name='hle'/><feature policy='forbid' name='rtm'/></cpu>",
 'cpu_cache': "<cpu mode='host-passthrough' check='none' migratable='on'><cache mode='passthrough'/></cpu>",
 'seclabel_static': "<seclabel type='static' model='selinux' relabel='yes'><label>system_u:system_r:svirt_t:s0:c392,c662</label></seclabel>",
 'seclabel_none': "<seclabel type='none'/>",
 'sysinfo_full': "<sysinfo type='smbios'><bios><entry name='vendor'>Example BIOS</entry><entry name='version'>1.2</entry></bios><system><entry name='manufacturer'>Example Corp</entry><entry name='product'>Virt-Desk</entry><entry name='uuid'>{uuid}</entry></system><baseBoard><entry name='manufacturer'>Example Corp</entry><entry name='product'>Board 7</entry></baseBoard><chassis><entry name='manufacturer'>Example Corp</entry></chassis><oemStrings><entry>vd:corpus</entry></oemStrings></sysinfo>",
 'keywrap': "<keywrap><cipher name='aes' state='off'/></keywrap>",
 'perf': "<perf><event name='cmt' enabled='no'/><event name='cpu_cycles' enabled='yes'/></perf>",
 'resource_part': "<resource><partition>/virtualmachines/production</partition></resource>",
 'genid': "<genid>43dc0cf8-809b-4adb-9bea-a9abb5f3d90e</genid>",
 'iothreadids': "<iothreads>2</iothreads><iothreadids><iothread id='1'/><iothread id='2'/></iothreadids>",
 'vcpu_cpuset': "<vcpu placement='static' cpuset='1-4,^3,6'>2</vcpu>",
 'dumpcore': "<memory unit='MiB' dumpCore='off'>2048</memory>",
 'idmap': "<idmap><uid start='0' target='1000' count='10'/><gid start='0' target='1000' count='10'/></idmap>",
}
# Not in the rotation above (kept as it was when the corpus was written):
# guests of their own after it, like any snippet the rotation missed.
F_DOM_EXTRA = {
 'bootloader': "<bootloader>/usr/bin/pygrub</bootloader><bootloader_args>--append single</bootloader_args>",
}
# OS variants
F_OS = {
 'os_kernel': "<os><type arch='x86_64' machine='q35'>hvm</type><kernel>/var/lib/libvirt/boot/vmlinuz-{n}</kernel><initrd>/var/lib/libvirt/boot/initrd-{n}.img</initrd><cmdline>console=ttyS0 root=/dev/vda rw</cmdline><dtb>/var/lib/libvirt/boot/{n}.dtb</dtb></os>",
 'os_pflash': "<os><type arch='x86_64' machine='q35'>hvm</type><kernel>/path/to/standard_vm_kernel</kernel><cmdline>console=hvc0 root=/dev/vda reboot=k panic=1 rw</cmdline><loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader><nvram>/var/lib/libvirt/qemu/nvram/{n}_VARS.fd</nvram></os>",
 'os_bios': "<os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/><bios useserial='yes' rebootTimeout='0'/><smbios mode='sysinfo'/></os>",
 'os_menu': "<os><type arch='x86_64' machine='pc'>hvm</type><boot dev='cdrom'/><boot dev='fd'/><bootmenu enable='no'/></os>",
 'os_noboot': "<os><type arch='x86_64' machine='q35'>hvm</type></os>",
 'os_i686': "<os><type arch='i686' machine='pc'>hvm</type><boot dev='hd'/></os>",
 'os_firmware': "<os firmware='efi'><type arch='x86_64' machine='q35'>hvm</type><boot dev='hd'/></os>",
}
F_NEEDS_NOBOOT = {'nic_boot'}

def build2(n, i, devs, doms, osk):
    m = '%02x' % (i % 256)
    u = str(uuid.uuid5(uuid.NAMESPACE_DNS, n))
    p = ["<domain type='kvm'%s>" % (" xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'" if i % 9 == 0 else "")]
    p.append("<name>%s</name><uuid>%s</uuid>" % (n, u))
    if 'genid' in doms: p.append(F_DOM['genid'])
    if i % 3 == 0: p.append("<title>Feature guest %d: %s</title>" % (i, ', '.join(devs[:2])))
    if i % 4 == 1: p.append("<description>Written for the round-trip corpus: %s &amp; more</description>" % ' '.join(doms))
    if i % 5 == 2: p.append("<metadata><vd:note xmlns:vd='https://example.org/virt-desk/1'>kept &lt;as is&gt;</vd:note></metadata>")
    if 'dumpcore' in doms:
        p.append(F_DOM['dumpcore'])
    elif 'hugepages_1g' in doms:
        p.append("<memory unit='GiB'>8</memory>")
    else:
        p.append(["<memory unit='MiB'>1024</memory>", "<memory unit='GiB'>2</memory><currentMemory unit='GiB'>1</currentMemory>", "<memory>2048000</memory><currentMemory>1024000</currentMemory>"][i % 3])
    for k in ('blkio_dev', 'memtune_all', 'hugepages_1g', 'memback_source'):
        if k in doms: p.append(F_DOM[k])
    p.append(F_DOM['vcpu_cpuset'] if 'vcpu_cpuset' in doms else ("<vcpu placement='static' current='1'>4</vcpu>" if i % 4 == 0 else "<vcpu>2</vcpu>"))
    for k in ('iothreadids', 'cputune_quota', 'numatune', 'resource_part'):
        if k in doms: p.append(F_DOM[k])
    if 'sysinfo_full' in doms: p.append(F_DOM['sysinfo_full'].replace('{uuid}', u))
    if 'bootloader' in doms: p.append(F_DOM_EXTRA['bootloader'])
    if 'os_kernel' not in (osk,) and any(d in F_NEEDS_NOBOOT for d in devs): osk = 'os_noboot'
    p.append(F_OS[osk].replace('{n}', n))
    for k in ('features_s3', 'features_more', 'features_gic'):
        if k in doms: p.append(F_DOM[k]); break
    for k in ('cpu_hostmodel', 'cpu_features', 'cpu_cache'):
        if k in doms: p.append(F_DOM[k]); break
    for k in ('clock_tz', 'clock_variable', 'clock_catchup'):
        if k in doms: p.append(F_DOM[k]); break
    else:
        p.append("<clock offset='%s'/>" % ('localtime' if i % 2 else 'utc'))
    p.append("<on_poweroff>destroy</on_poweroff><on_reboot>%s</on_reboot><on_crash>%s</on_crash>" % (['restart', 'destroy', 'rename-restart'][i % 3], ['destroy', 'preserve', 'coredump-destroy', 'restart'][i % 4]))
    if 'lockfailure' in doms: p.append(F_DOM['lockfailure'])
    for k in ('pm_mem', 'perf', 'idmap'):
        if k in doms: p.append(F_DOM[k])
    p.append("<devices><emulator>%s</emulator>" % ('/usr/libexec/qemu-kvm' if i % 2 else '/usr/bin/qemu-system-x86_64'))
    for k in devs:
        p.append(F_DEV[k].replace('{n}', n).replace('{m}', m))
    p.append("</devices>")
    for k in ('seclabel_static', 'seclabel_none'):
        if k in doms: p.append(F_DOM[k]); break
    if 'keywrap' in doms: p.append(F_DOM['keywrap'])
    if i % 9 == 0: p.append("<qemu:commandline><qemu:arg value='-set'/><qemu:arg value='device.video0.x=1'/></qemu:commandline>")
    p.append("</domain>")
    return "\n  ".join(p) + "\n"

# Devices that cannot share a guest with one another
F_EXCLUSIVE = [
 {'watchdog_ib700', 'watchdog_dump'}, {'balloon_deflate', 'balloon_xen'},
 {'tpm_passthrough', 'tpm_persistent'}, {'ctrl_ehci', 'ctrl_nousb'},
 {'ctrl_pcie_ports', 'ctrl_pci_bridge'},
 {'video_cirrus', 'video_vmvga', 'video_bochs', 'video_ramfb', 'video_none', 'video_3d', 'video_qxl2'},
 {'serial_dev', 'serial_null', 'serial_log', 'serial_unix', 'serial_vc'},
 {'panic_hyperv', 'panic_isa_addr'},
 {'ctrl_nousb', 'redirdev_tcp', 'redirfilter', 'usb_hostdev_addr', 'sound_usb', 'input_usbkbd',
  'smartcard_certs', 'smartcard_spice', 'disk_usb_removable', 'ctrl_ccid'},
 {'vnc_s3', 'vnc_socket', 'vnc_fixed', 'spice_full', 'spice_gl', 'sdl', 'egl'},
]
fdev = list(F_DEV); fdom = list(F_DOM); fos = list(F_OS)
refused = []
used = set()
for j in range(132):
    i = 34 + j
    n = 'guest%d' % i
    devs = [fdev[(j * 3 + k) % len(fdev)] for k in range(3)] + random.sample(fdev, 2)
    dl = []
    for k in devs:
        if k in dl: continue
        if any(k in g and any(o in g for o in dl) for g in F_EXCLUSIVE): continue
        dl.append(k)
    doms = [fdom[(j * 2 + k) % len(fdom)] for k in range(2)] + random.sample(fdom, 1)
    osk = fos[j % len(fos)]
    if 'features_gic' in doms and j % 2: doms.remove('features_gic')
    path = os.path.join(out, '%s.xml' % n)
    if os.path.exists(path) and not rewrite:
        ok += 1
        used.update(dl); used.update(doms); used.add(osk)
        continue
    x = build2(n, i, dl, doms, osk)
    src = os.path.join(tmp, 'src-%s.xml' % n)
    open(src, 'w').write(x)
    # libvirt's output, defined again until it no longer changes (a
    # controller libvirt adds may move on the second pass)
    text = None
    for attempt in range(4):
        r = subprocess.run(['virsh', '-q', '-c', 'test:///default', 'define %s; dumpxml --inactive --security-info %s' % (src, n)], capture_output=True, text=True)
        if r.returncode != 0 or '<domain' not in r.stdout:
            break
        new = r.stdout[r.stdout.index('<domain'):].rstrip('\n') + '\n'
        if new == text:
            break
        text = new
        open(src, 'w').write(text)
    if r.returncode != 0 or '<domain' not in r.stdout:
        refused.append((n, r.stderr.strip()[:300], dl, doms, osk)); continue
    open(path, 'w').write(text)
    ok += 1
    used.update(dl); used.update(doms); used.add(osk)
def write_guest(n, i, dl, doms, osk):
    path = os.path.join(out, '%s.xml' % n)
    if os.path.exists(path) and not rewrite:
        return True
    src = os.path.join(tmp, 'src-%s.xml' % n)
    open(src, 'w').write(build2(n, i, dl, doms, osk))
    text = None
    for attempt in range(4):
        r = subprocess.run(['virsh', '-q', '-c', 'test:///default', 'define %s; dumpxml --inactive --security-info %s' % (src, n)], capture_output=True, text=True)
        if r.returncode != 0 or '<domain' not in r.stdout:
            refused.append((n, r.stderr.strip()[:300], dl, doms, osk))
            return False
        new = r.stdout[r.stdout.index('<domain'):].rstrip('\n') + '\n'
        if new == text:
            break
        text = new
        open(src, 'w').write(text)
    open(path, 'w').write(text)
    return True

# the snippets the rotation did not reach, one guest each
i = 166
for k in [k for k in fdev if k not in used] + ['bootloader']:
    dl = [k] if k in F_DEV else ['disk_iops']
    doms = ['bootloader'] if k == 'bootloader' else []
    if write_guest('guest%d' % i, i, dl, doms, 'os_bios' if k == 'bootloader' else 'os_menu'):
        ok += 1
        used.add(k)
    i += 1
for r in refused: print(*r)
missing = [k for k in fdev + fdom + fos if k not in used]
if missing: print('NOT COVERED', missing)
print('ok', ok, 'refused', len(refused))
