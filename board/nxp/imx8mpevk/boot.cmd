# ringside boot script for U-Boot on the NXP i.MX 8M Plus EVK.
# `make TARGET=imx8mpevk imx` compiles it to boot.scr (mkimage -T script).
# Copy boot.scr and ringside.elf to the FAT boot partition of an SD card
# that holds NXP's boot image: U-Boot's default bootcmd (NXP's
# loadbootscript, or distro boot's scan_dev_for_scripts) runs it.
#
# The ELF is staged at 0x90000000, away from the kernel's RAM
# (0x40000000-0x50000000) and U-Boot's default loadaddr (0x40480000),
# which the kernel's segments overwrite; bootelf -p copies the segments
# by program header and enters the kernel at EL2. bootelf only starts
# what it loaded when autostart is yes (U-Boot 2023.01).

if test -n "${devtype}"; then
	setenv ringside_if ${devtype}
	setenv ringside_part ${devnum}:${distro_bootpart}
else
	setenv ringside_if mmc
	setenv ringside_part ${mmcdev}:${mmcpart}
fi
echo "ringside: loading ringside.elf from ${ringside_if} ${ringside_part}"
load ${ringside_if} ${ringside_part} 0x90000000 ringside.elf
setenv autostart yes
bootelf -p 0x90000000
