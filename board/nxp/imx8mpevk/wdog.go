//go:build tamago && arm64

package imx8mpevk

import (
	"time"

	"github.com/ringside-kernel/ringside/arch/arm64"
)

// WDOG registers (i.MX 8M Plus reference manual, 6.6.4). WDE is
// write-once: a watchdog U-Boot started cannot be stopped, only serviced.
const (
	wdogWCR  = 0x00
	wdogWSR  = 0x02
	wcrWDE   = 1 << 2
	wcrWT    = 0xff << 8
	wsrSeq1  = 0x5555
	wsrSeq2  = 0xaaaa
	wdogTick = 10 * time.Second
)

// startWatchdogService services WDOG1 with its longest timeout (128 s)
// from a goroutine when U-Boot enabled it (CONFIG_WATCHDOG_AUTOSTART).
// The kernel has no preemption yet: a goroutine runs only when the
// kernel waits, so a task that computes for more than 128 s without a
// blocking syscall resets the board.
func startWatchdogService() {
	wcr := uint64(WDOG1Base + wdogWCR)
	if arm64.Read16(wcr)&wcrWDE == 0 {
		return
	}
	arm64.Write16(wcr, arm64.Read16(wcr)|wcrWT)

	go func() {
		for {
			arm64.Write16(WDOG1Base+wdogWSR, wsrSeq1)
			arm64.Write16(WDOG1Base+wdogWSR, wsrSeq2)
			time.Sleep(wdogTick)
		}
	}()
}
