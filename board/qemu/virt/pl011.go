//go:build tamago && arm64

package virt

import "github.com/ringside-kernel/ringside/arch/arm64"

// PL011 registers (Arm PrimeCell UART PL011 TRM, 3.2).
const (
	uartDR = 0x00
	uartFR = 0x18
	frTXFF = 1 << 5
)

// PL011 is an Arm PrimeCell UART, transmit only. QEMU's needs no set-up.
type PL011 struct {
	Base uint64
}

// Tx writes c once the transmit FIFO has room.
func (u *PL011) Tx(c byte) {
	for arm64.Read32(u.Base+uartFR)&frTXFF != 0 {
	}
	arm64.Write32(u.Base+uartDR, uint32(c))
}
