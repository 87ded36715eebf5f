//go:build tamago && arm64

// Package virt is ringside's board for QEMU's arm64 virt machine (plain
// `-machine virt`, entered at EL1; `secure=on` and `virtualization=on`
// also work, entered at EL3 or EL2): PL011 console, the generic timer
// (arch/arm64) through a GICv2 or, with `gic-version=3`, a GICv3, and
// power-off with an exit code through semihosting. It
// replaces tamago's EL3-only arm64 support.
package virt

import (
	"runtime"
	"runtime/goos"
	"unsafe"

	"github.com/ringside-kernel/ringside/arch/arm64"
)

// Physical memory map of virt (hw/arm/virt.c) as ringside uses it: the
// kernel's RAM (the Go heap and image, tamago's RamStart/RamSize), the
// user frame pool after it, and the devices the kernel touches. QEMU
// needs -m 1G.
const (
	RAMStart       = 0x40000000
	KernelRAMSize  = 256 << 20
	FramePoolStart = RAMStart + KernelRAMSize
	FramePoolEnd   = FramePoolStart + 512<<20

	// Devices is [DevicesStart, DevicesEnd): GIC, PL011, RTC, fw_cfg,
	// GPIO and the virtio-mmio transports.
	DevicesStart = 0x08000000
	DevicesEnd   = 0x0a200000

	UART0Base = 0x09000000

	// The GIC's distributor, at the same address for both versions; a
	// GICv2 (the default gic-version) has its CPU interface after it, a
	// GICv3 (gic-version=3) its redistributors.
	GICDBase = 0x08000000
	GICCBase = 0x08010000
	GICRBase = 0x080a0000
)

// The GIC, whichever version QEMU has: Init picks one.
var (
	gicv2 = arm64.GICv2{GICD: GICDBase, GICC: GICCBase}
	gicv3 = arm64.GICv3{GICD: GICDBase, GICR: GICRBase}
)

// GIC returns the interrupt controller QEMU was started with, from the
// distributor's architecture revision (GICD_PIDR2): nil for one ringside
// cannot drive (gic-version=max on a GICv4 QEMU is driven as a GICv3).
func GIC() arm64.GIC {
	switch rev := arm64.GICArchRev(GICDBase); {
	case rev == 2:
		return &gicv2
	case rev >= 3:
		return &gicv3
	}
	return nil
}

// UART0 is the console.
var UART0 = &PL011{Base: UART0Base}

//go:linkname ramStart runtime/goos.RamStart
var ramStart uint = RAMStart

//go:linkname ramSize runtime/goos.RamSize
var ramSize uint = KernelRAMSize

//go:linkname printk runtime/goos.Printk
func printk(c byte) {
	if c == '\n' {
		UART0.Tx('\r')
	}
	UART0.Tx(c)
}

// Init runs early in the runtime's start (Hwinit1): power-off, and the
// GIC the tick goes through.
//
//go:linkname Init runtime/goos.Hwinit1
func Init() {
	goos.Exit = PowerOff
	arm64.BoardGIC = GIC()
}

// Semihosting operations and the reason code of an application exit
// (Arm's semihosting specification, SYS_EXIT on AArch64).
const (
	semihostingSysExit        = 0x18
	adpStoppedApplicationExit = 0x20026
)

// PSCI SYSTEM_OFF (Arm DEN0022, 5.10), which QEMU's virt emulates at
// EL2 when it starts the kernel at EL1.
const psciSystemOff = 0x84000008

// PowerOff ends the machine. QEMU started with -semihosting exits with
// status code. Without it QEMU still powers off through PSCI, with
// status 0; the console's last line carries the code then (see
// scripts/qemu-run). When neither answers (secure=on without
// -semihosting) the CPU stops.
func PowerOff(code int32) {
	block := [2]uint64{adpStoppedApplicationExit, uint64(code)}
	arm64.Semihosting(semihostingSysExit,
		uint64(uintptr(unsafe.Pointer(&block))))
	runtime.KeepAlive(&block)

	arm64.HVC(psciSystemOff, 0, 0, 0)

	print("ringside: no power-off: start QEMU with -semihosting\n")
	for {
		arm64.WaitForInterrupt()
	}
}
