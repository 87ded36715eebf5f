//go:build tamago && amd64

// Package microvm is ringside's board for QEMU's amd64 microvm machine under
// TCG (and KVM where a real one exists): COM1 console, time from a TSC
// calibrated against the PIT, and power-off through isa-debug-exit with an
// exit code. It replaces tamago's board/qemu/microvm, whose pvclock set-up
// panics without KVM.
package microvm

import (
	"runtime/goos"
	_ "unsafe"

	"github.com/usbarmory/tamago/amd64"
	"github.com/usbarmory/tamago/soc/intel/uart"

	ringamd64 "github.com/ringside-kernel/ringside/arch/amd64"
)

// COM1 is the console's I/O port base.
const COM1 = 0x3f8

// DebugExitPort is QEMU's isa-debug-exit device (-device
// isa-debug-exit,iobase=0xf4,iosize=0x04): writing v ends QEMU with exit
// status (v << 1) | 1.
const DebugExitPort = 0xf4

var (
	// CPU is tamago's bootstrap processor.
	CPU = &amd64.CPU{TimerMultiplier: 1}
	// UART0 is the console.
	UART0 = &uart.UART{Index: 1, Base: COM1}
)

//go:linkname ramSize runtime/goos.RamSize
var ramSize uint64 = 256 << 20

//go:linkname printk runtime/goos.Printk
func printk(c byte) {
	if c == '\n' {
		UART0.Tx('\r')
	}
	UART0.Tx(c)
}

//go:linkname nanotime runtime/goos.Nanotime
func nanotime() int64 {
	return clock.nanotime()
}

// Init runs early in the runtime's start (Hwinit1): CPU features, console,
// clock.
//
//go:linkname Init runtime/goos.Hwinit1
func Init() {
	CPU.Init()
	UART0.Init()
	clock.calibrate()
	goos.Exit = PowerOff
}

// PowerOff ends the machine; QEMU exits with status (code << 1) | 1.
func PowerOff(code int32) {
	ringamd64.Out32(DebugExitPort, uint32(code))
	for {
		ringamd64.Halt()
	}
}
