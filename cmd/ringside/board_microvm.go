//go:build tamago && microvm

package main

import (
	"math"
	"time"

	"github.com/ringside-kernel/ringside/board/qemu/microvm"
	"github.com/ringside-kernel/ringside/kernel"
)

const boardName = "QEMU microvm (amd64)"

// boardRTC is the date at boot: the CMOS clock.
func boardRTC() (time.Time, bool) { return microvm.RTC() }

// boardVDSOClock is the vDSO's clock: the TSC, as the board's nanotime.
func boardVDSOClock() (uint64, uint64) {
	return kernel.VDSOClockTSC, math.Float64bits(microvm.NsPerTick())
}
