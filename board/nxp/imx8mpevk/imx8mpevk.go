//go:build tamago && arm64

// Package imx8mpevk is ringside's board for NXP's i.MX 8M Plus EVK
// (4x Cortex-A53, LPDDR4 at 0x40000000): the debug console on UART2 (the
// EVK's USB serial port, Linux's ttymxc1), the generic timer
// (arch/arm64) through the GIC-500 (a GICv3), WDOG1 kept serviced, and
// power-off through PSCI. It expects U-Boot with Arm Trusted Firmware,
// as on NXP's boot images: U-Boot has trained the DDR and set UART2 up,
// `bootelf` enters the kernel at EL2, and BL31 answers PSCI at EL3.
// `make TARGET=imx8mpevk imx` builds the kernel, a boot script and a
// uuu script (see boot.cmd, ringside.uuu). tamago's soc/nxp/imx8mp
// cannot be used: it imports tamago's EL3-only arm64 package.
package imx8mpevk

import (
	"runtime/goos"
	_ "unsafe"

	"github.com/ringside-kernel/ringside/arch/arm64"
)

// Physical memory map (i.MX 8M Plus reference manual, 2.1) as ringside
// uses it: the kernel's RAM, then the user frame pool above the region
// NXP's boot images give OP-TEE (0x56000000, 32 MiB), and the peripheral
// buses (AIPS1-5, GIC) the kernel keeps mapped.
const (
	RAMStart       = 0x40000000
	KernelRAMSize  = 256 << 20
	FramePoolStart = 0x60000000
	FramePoolEnd   = 0x80000000

	DevicesStart = 0x30000000
	DevicesEnd   = 0x40000000

	UART2Base = 0x30890000
	WDOG1Base = 0x30280000

	// GIC-500 distributor and redistributors (four CPUs, 128 KiB
	// each), as NXP's device tree imx8mp.dtsi has them:
	// interrupt-controller@38800000.
	GICDBase = 0x38800000
	GICRBase = 0x38880000
)

// GIC is the GICv3 the tick goes through. BL31 has put the interrupts
// in group 1 non-secure and left ICC_SRE_EL2 enabled for EL1, as it
// does for Linux.
var GIC = arm64.GICv3{GICD: GICDBase, GICR: GICRBase}

// UART2 is the console.
var UART2 = &UART{Base: UART2Base}

//go:linkname ramStart runtime/goos.RamStart
var ramStart uint = RAMStart

//go:linkname ramSize runtime/goos.RamSize
var ramSize uint = KernelRAMSize

//go:linkname printk runtime/goos.Printk
func printk(c byte) {
	if c == '\n' {
		UART2.Tx('\r')
	}
	UART2.Tx(c)
}

// Init runs early in the runtime's start (Hwinit1): power-off, the
// GIC, and the watchdog if U-Boot started it.
//
//go:linkname Init runtime/goos.Hwinit1
func Init() {
	goos.Exit = PowerOff
	arm64.BoardGIC = &GIC
	startWatchdogService()
}

// PSCI functions (Arm DEN0022, 5.10 and 5.11), answered by BL31.
const (
	psciSystemOff   = 0x84000008
	psciSystemReset = 0x84000009
)

// PowerOff ends the machine: PSCI SYSTEM_OFF, or SYSTEM_RESET where the
// firmware has no power-off. The code itself has nowhere to go: the
// console's last line carries it. Without firmware the CPU stops.
func PowerOff(code int32) {
	arm64.SMC(psciSystemOff, 0, 0, 0)
	arm64.SMC(psciSystemReset, 0, 0, 0)

	print("ringside: no PSCI firmware, stopping\n")
	for {
		arm64.WaitForInterrupt()
	}
}
