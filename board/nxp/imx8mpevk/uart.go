//go:build tamago && arm64

package imx8mpevk

import "github.com/ringside-kernel/ringside/arch/arm64"

// i.MX UART registers (i.MX 8M Plus reference manual, 16.2.12).
const (
	uartUTXD  = 0x40
	uartUTS   = 0xb4
	utsTXFULL = 1 << 4
)

// UART is an i.MX UART used the way Linux's earlycon uses it: transmit
// only, on the baud rate and pins the boot loader set up. tamago's
// soc/nxp/uart driver programs the port from scratch, but its Init
// waits with runtime.Gosched, which cannot run in Hwinit1, and its Tx
// cannot run before Init; the console must work from the first
// instruction of the runtime.
type UART struct {
	Base uint64
}

// Tx writes c once the transmit FIFO has room.
func (u *UART) Tx(c byte) {
	for arm64.Read32(u.Base+uartUTS)&utsTXFULL != 0 {
	}
	arm64.Write32(u.Base+uartUTXD, uint32(c))
}
